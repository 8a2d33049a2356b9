import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Field } from "../../ui/Field";
import { Loaded } from "../../ui/Loading";
import { submission } from "../../ui/submission";
import { serviceListQuery, useCreateService, useRenameService, type Service } from "./api";

/** Administrators keep the catalog of services: add one (its code never changes), rename one. */
export function ServicesSection() {
  const services = useQuery(serviceListQuery());
  const [code, setCode] = useState("");
  const [displayName, setDisplayName] = useState("");
  const create = submission(useCreateService());
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const created = await create.submit({ code: code.trim() || null, displayName: displayName.trim() || null }).catch(() => undefined);
    if (created) {
      setCode("");
      setDisplayName("");
    }
  };
  return (
    <section aria-labelledby="services-title" className="card">
      <h2 id="services-title">Services</h2>
      <Loaded query={services}>
        {(list) => (
          <ul className="plain">
            {list.map((s) => (
              <ServiceRow key={s.code} service={s} />
            ))}
          </ul>
        )}
      </Loaded>
      <form onSubmit={submit} aria-label="New service" noValidate>
        <div className="row">
          <Field label="Service code" errors={create.fieldErrors("code")}>
            <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
          </Field>
          <Field label="Service name" errors={create.fieldErrors("displayName")}>
            <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" />
          </Field>
        </div>
        <ErrorBanner error={create.error} claimedFields={["code", "displayName"]} />
        <button type="submit" disabled={create.busy}>
          Add service
        </button>
      </form>
    </section>
  );
}

function ServiceRow({ service }: { service: Service }) {
  const [name, setName] = useState(service.displayName);
  const rename = submission(useRenameService());
  return (
    <li>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void rename.submit({ code: service.code, displayName: name }).catch(() => undefined);
        }}
      >
        <label>
          Name of {service.code} <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" disabled={rename.busy || name === service.displayName}>
          Rename
        </button>
        <ErrorBanner error={rename.error} />
      </form>
    </li>
  );
}

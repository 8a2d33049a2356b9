import { useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Field } from "../../ui/Field";
import { Loaded } from "../../ui/Loading";
import { submission } from "../../ui/submission";
import { definitionListQuery, useCreateDraft } from "./api";
import { readJsonFile } from "./download";

/** A new pathway starts with the smallest valid shape: Start connected to End. */
const emptyPathway = (definitionId: string, name: string) => ({
  definitionId,
  version: 1,
  name,
  activities: [
    { id: "start", type: "Start", position: { x: 0, y: 0 } },
    { id: "end", type: "End", position: { x: 0, y: 200 } },
  ],
  connections: [{ from: "start", outcome: "done", to: "end" }],
});

export function DefinitionsPage() {
  const navigate = useNavigate();
  const definitions = useQuery(definitionListQuery());
  const [definitionId, setDefinitionId] = useState("");
  const [name, setName] = useState("");
  const create = submission(useCreateDraft());
  const open = (draft: { definitionId: string; version: number | string }) => navigate(`/designer/${draft.definitionId}/${draft.version}`);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await create.submit(emptyPathway(definitionId, name)).then(open, () => undefined);
  };
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    await create.submit(await readJsonFile(file).catch((e: Error) => ({ definitionId: "", error: e.message }))).then(open, () => undefined);
  };

  return (
    <section aria-labelledby="definitions-title">
      <div className="page-head">
        <h1 id="definitions-title">Pathways</h1>
      </div>
      <Loaded query={definitions}>
        {(list) => (
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">Pathway</th>
                <th scope="col">Published</th>
                <th scope="col">Latest</th>
                <th scope="col">Versions</th>
              </tr>
            </thead>
            <tbody>
              {list.map((d) => (
                <tr key={d.definitionId}>
                  <td>
                    <Link to={`/designer/${d.definitionId}/${d.publishedVersion ?? d.latestVersion}`}>{d.name}</Link>
                    <div className="muted small">{d.definitionId}</div>
                  </td>
                  <td>{d.publishedVersion != null ? `v${d.publishedVersion}` : "—"}</td>
                  <td>
                    <Link to={`/designer/${d.definitionId}/${d.latestVersion}`}>
                      v{d.latestVersion} ({d.versions.find((v) => v.version === d.latestVersion)?.status})
                    </Link>
                  </td>
                  <td>{d.versions.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
      <div className="columns">
        <form onSubmit={submit} className="card" aria-labelledby="new-title">
          <h2 id="new-title">New pathway</h2>
          <Field label="Pathway id" hint="letters, digits and dashes, e.g. crmo-zoledronate" errors={create.fieldErrors("definitionId")}>
            <input value={definitionId} onChange={(e) => setDefinitionId(e.target.value)} required />
          </Field>
          <Field label="Pathway name" errors={create.fieldErrors("name")}>
            <input value={name} onChange={(e) => setName(e.target.value)} required />
          </Field>
          <button type="submit" className="primary" disabled={create.busy}>
            Create draft
          </button>
        </form>
        <div className="card">
          <h2>Import</h2>
          <label className="button">
            Import a pathway JSON file as a new draft
            <input type="file" accept="application/json,.json" className="visually-hidden" onChange={(e) => void importFile(e.target.files?.[0])} />
          </label>
        </div>
      </div>
      <ErrorBanner error={create.error} claimedFields={["definitionId", "name"]} />
    </section>
  );
}

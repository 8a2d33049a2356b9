import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { components } from "../../api/schema";
import { Field } from "../../ui/Field";
import { Loaded } from "../../ui/Loading";
import { submission } from "../../ui/submission";
import { typedNumber } from "../../ui/typedNumber";
import { useRecordLab } from "../patients/api";
import { labCatalogQuery } from "./api";
import { EventForm } from "../../ui/EventForm";

type LabTest = components["schemas"]["LabCatalogTest"];

/**
 * Records a lab result: the test is picked from the server's lab catalog (name and code) and its unit from the units
 * that test is accepted in, so nobody types a LOINC code or a unit the server would refuse. `requested` (an order-labs
 * task's codes) puts the tests the gate waits for first, and the first of them is picked.
 */
export function LabEntryForm({ patientId, requested = [] }: { patientId: string; requested?: readonly string[] }) {
  const catalog = useQuery(labCatalogQuery());
  return <Loaded query={catalog}>{(tests) => <LabEntry patientId={patientId} tests={tests} requested={requested} />}</Loaded>;
}

function LabEntry({ patientId, tests, requested }: { patientId: string; tests: LabTest[]; requested: readonly string[] }) {
  const wanted = tests.filter((t) => requested.includes(t.code));
  const others = tests.filter((t) => !requested.includes(t.code));
  const [code, setCode] = useState(wanted[0]?.code ?? "");
  const test = tests.find((t) => t.code === code);
  const [unit, setUnit] = useState(test?.usualUnit ?? "");
  const [value, setValue] = useState("");
  const [observedAt, setObservedAt] = useState("");
  const record = submission(useRecordLab(patientId));
  const send = () => record.submit({ code, value: typedNumber(value), unit, observedAt: observedAt ? new Date(observedAt).toISOString() : null });
  const pick = (next: string) => {
    setCode(next);
    setUnit(tests.find((t) => t.code === next)?.usualUnit ?? "");
  };
  const option = (t: LabTest) => (
    <option key={t.code} value={t.code}>
      {t.name} ({t.code})
    </option>
  );
  return (
    <EventForm
      id="lab-form-title"
      title="Lab result"
      what="Lab result"
      record={{ ...record, send }}
      fields={["code", "value", "unit", "observedAt"]}
      onSaved={() => setValue("")}
    >
      <Field label="Lab test" errors={record.fieldErrors("code")}>
        <select value={code} onChange={(e) => pick(e.target.value)}>
          {!code && <option value="">Choose a test</option>}
          {wanted.length > 0 ? (
            <>
              <optgroup label="Requested by this gate">{wanted.map(option)}</optgroup>
              <optgroup label="Other tests">{others.map(option)}</optgroup>
            </>
          ) : (
            others.map(option)
          )}
        </select>
      </Field>
      <Field label="Lab value" errors={record.fieldErrors("value")}>
        <input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
      </Field>
      <Field label="Lab unit" errors={record.fieldErrors("unit")}>
        <select value={unit} onChange={(e) => setUnit(e.target.value)} disabled={!test}>
          {(test?.units ?? []).map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Observed at" hint="empty: now" errors={record.fieldErrors("observedAt")}>
        <input type="datetime-local" value={observedAt} onChange={(e) => setObservedAt(e.target.value)} />
      </Field>
    </EventForm>
  );
}

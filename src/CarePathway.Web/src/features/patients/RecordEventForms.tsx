import { useState } from "react";
import { Field } from "../../ui/Field";
import { submission } from "../../ui/submission";
import { typedNumber } from "../../ui/typedNumber";
import { useRecordAssessment, useRecordMeasurement } from "./api";
import { EventForm } from "../../ui/EventForm";
import { LabEntryForm } from "../labs";

export function RecordEventForms({ patientId }: { patientId: string }) {
  return (
    <section aria-labelledby="record-title" className="card">
      <h2 id="record-title">Record</h2>
      <LabEntryForm patientId={patientId} />
      <RecordMeasurement patientId={patientId} />
      <RecordAssessment patientId={patientId} />
    </section>
  );
}

function RecordMeasurement({ patientId }: { patientId: string }) {
  const [kind, setKind] = useState("weight");
  const [value, setValue] = useState("");
  const record = submission(useRecordMeasurement(patientId));
  const send = () => record.submit({ kind, value: typedNumber(value), unit: null, measuredAt: null });
  return (
    <EventForm
      id="measurement-form-title"
      title="Weight or height"
      what="Measurement"
      record={{ ...record, send }}
      fields={["kind", "value"]}
      onSaved={() => setValue("")}
    >
      <Field label="Measurement" errors={record.fieldErrors("kind")}>
        <select value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="weight">Weight (kg)</option>
          <option value="height">Height (cm)</option>
        </select>
      </Field>
      <Field label="Measured value" errors={record.fieldErrors("value")}>
        <input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
      </Field>
    </EventForm>
  );
}

function RecordAssessment({ patientId }: { patientId: string }) {
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const record = submission(useRecordAssessment(patientId));
  const send = () => record.submit({ name, value, observedAt: null });
  return (
    <EventForm
      id="assessment-form-title"
      title="Assessment"
      what="Assessment"
      record={{ ...record, send }}
      fields={["name", "value"]}
      onSaved={() => setValue("")}
    >
      <Field label="Assessment name" hint="e.g. nsaidResponse" errors={record.fieldErrors("name")}>
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="Assessment value" errors={record.fieldErrors("value")}>
        <input value={value} onChange={(e) => setValue(e.target.value)} />
      </Field>
    </EventForm>
  );
}

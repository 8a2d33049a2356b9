import { useState, type FormEvent, type ReactNode } from "react";
import { Field } from "../../ui/Field";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { submission } from "../../ui/submission";
import { typedNumber } from "../../ui/typedNumber";
import { useRecordAssessment, useRecordLab, useRecordMeasurement } from "./api";

export function RecordEventForms({ patientId }: { patientId: string }) {
  return (
    <section aria-labelledby="record-title" className="card">
      <h2 id="record-title">Record</h2>
      <RecordLab patientId={patientId} />
      <RecordMeasurement patientId={patientId} />
      <RecordAssessment patientId={patientId} />
    </section>
  );
}

/** What the frame needs of a form's submission (see submission): `send` records what the form holds. */
interface Submission {
  send: () => Promise<unknown>;
  busy: boolean;
  error: Error | null;
  succeeded: boolean;
}

/** The frame every record form shares: submit (clearing the value once saved), field-less errors, the saved notice. */
function EventForm(props: { id: string; title: string; what: string; record: Submission; fields: string[]; onSaved: () => void; children: ReactNode }) {
  const { id, title, what, record, fields, onSaved, children } = props;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await record.send().then(onSaved, () => undefined);
  };
  return (
    <form onSubmit={submit} aria-labelledby={id} className="subform">
      <h3 id={id}>{title}</h3>
      <div className="row">{children}</div>
      <ErrorBanner error={record.error} claimedFields={fields} />
      {record.succeeded ? (
        <p className="saved" role="status">
          {what} recorded.
        </p>
      ) : null}
      <button type="submit" disabled={record.busy}>
        Record {what.toLowerCase()}
      </button>
    </form>
  );
}

function RecordLab({ patientId }: { patientId: string }) {
  const [code, setCode] = useState("");
  const [value, setValue] = useState("");
  const [unit, setUnit] = useState("");
  const [observedAt, setObservedAt] = useState("");
  const record = submission(useRecordLab(patientId));
  const send = () => record.submit({ code, value: typedNumber(value), unit, observedAt: observedAt ? new Date(observedAt).toISOString() : null });
  return (
    <EventForm
      id="lab-form-title"
      title="Lab result"
      what="Lab result"
      record={{ ...record, send }}
      fields={["code", "value", "unit", "observedAt"]}
      onSaved={() => setValue("")}
    >
      <Field label="Lab code" hint="LOINC, e.g. 2160-0 (creatinine)" errors={record.fieldErrors("code")}>
        <input value={code} onChange={(e) => setCode(e.target.value)} />
      </Field>
      <Field label="Lab value" errors={record.fieldErrors("value")}>
        <input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
      </Field>
      <Field label="Lab unit" errors={record.fieldErrors("unit")}>
        <input value={unit} onChange={(e) => setUnit(e.target.value)} />
      </Field>
      <Field label="Observed at" hint="empty: now" errors={record.fieldErrors("observedAt")}>
        <input type="datetime-local" value={observedAt} onChange={(e) => setObservedAt(e.target.value)} />
      </Field>
    </EventForm>
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

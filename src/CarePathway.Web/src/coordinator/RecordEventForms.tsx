import { useState, type FormEvent } from "react";
import { api, unwrap } from "../api/client";
import { Field } from "../ui/Field";
import { ErrorBanner } from "../ui/ErrorBanner";
import { useSubmit } from "../ui/useSubmit";

/** What recording an event refreshes: the patient (labs), and pathways waiting for it (tasks, journal). */
const refreshes = ["patient", "tasks", "instances", "journal"];

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

function Saved({ show, what }: { show: boolean; what: string }) {
  return show ? (
    <p className="saved" role="status">
      {what} recorded.
    </p>
  ) : null;
}

function RecordLab({ patientId }: { patientId: string }) {
  const [code, setCode] = useState("");
  const [value, setValue] = useState("");
  const [unit, setUnit] = useState("");
  const [observedAt, setObservedAt] = useState("");
  const record = useSubmit(
    () =>
      unwrap(
        api.POST("/api/patients/{id}/labs", {
          params: { path: { id: patientId } },
          body: { code, value: value === "" ? null : Number(value), unit, observedAt: observedAt ? new Date(observedAt).toISOString() : null },
        }),
      ),
    refreshes,
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await record.submit(undefined).then(
      () => setValue(""),
      () => undefined,
    );
  };
  return (
    <form onSubmit={submit} aria-labelledby="lab-form-title" className="subform">
      <h3 id="lab-form-title">Lab result</h3>
      <div className="row">
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
      </div>
      <ErrorBanner error={record.error} claimedFields={["code", "value", "unit", "observedAt"]} />
      <Saved show={record.succeeded} what="Lab result" />
      <button type="submit" disabled={record.busy}>
        Record lab result
      </button>
    </form>
  );
}

function RecordMeasurement({ patientId }: { patientId: string }) {
  const [kind, setKind] = useState("weight");
  const [value, setValue] = useState("");
  const record = useSubmit(
    () =>
      unwrap(
        api.POST("/api/patients/{id}/measurements", {
          params: { path: { id: patientId } },
          body: { kind, value: value === "" ? null : Number(value), unit: null, measuredAt: null },
        }),
      ),
    refreshes,
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await record.submit(undefined).then(
      () => setValue(""),
      () => undefined,
    );
  };
  return (
    <form onSubmit={submit} aria-labelledby="measurement-form-title" className="subform">
      <h3 id="measurement-form-title">Weight or height</h3>
      <div className="row">
        <Field label="Measurement" errors={record.fieldErrors("kind")}>
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="weight">Weight (kg)</option>
            <option value="height">Height (cm)</option>
          </select>
        </Field>
        <Field label="Measured value" errors={record.fieldErrors("value")}>
          <input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
        </Field>
      </div>
      <ErrorBanner error={record.error} claimedFields={["kind", "value"]} />
      <Saved show={record.succeeded} what="Measurement" />
      <button type="submit" disabled={record.busy}>
        Record measurement
      </button>
    </form>
  );
}

function RecordAssessment({ patientId }: { patientId: string }) {
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const record = useSubmit(
    () => unwrap(api.POST("/api/patients/{id}/assessments", { params: { path: { id: patientId } }, body: { name, value, observedAt: null } })),
    refreshes,
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await record.submit(undefined).then(
      () => setValue(""),
      () => undefined,
    );
  };
  return (
    <form onSubmit={submit} aria-labelledby="assessment-form-title" className="subform">
      <h3 id="assessment-form-title">Assessment</h3>
      <div className="row">
        <Field label="Assessment name" hint="e.g. nsaidResponse" errors={record.fieldErrors("name")}>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Assessment value" errors={record.fieldErrors("value")}>
          <input value={value} onChange={(e) => setValue(e.target.value)} />
        </Field>
      </div>
      <ErrorBanner error={record.error} claimedFields={["name", "value"]} />
      <Saved show={record.succeeded} what="Assessment" />
      <button type="submit" disabled={record.busy}>
        Record assessment
      </button>
    </form>
  );
}

import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { Field } from "../../ui/Field";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { submission } from "../../ui/submission";
import { typedNumber } from "../../ui/typedNumber";
import { ServiceSelect } from "../services";
import { useCreatePatient } from "./api";
import { detailFieldNames, emptyToNull, PatientDetailsInputs, PatientFactsFieldset, type PatientDetailsDraft } from "./PatientDetailsFields";

const fields = ["service", "mrn", ...detailFieldNames, "weightKg", "heightCm"];

/** A new patient, checked by the server (its messages appear next to the field they name); once created, their page opens. */
export function CreatePatientForm({ onCancel }: { onCancel: () => void }) {
  const navigate = useNavigate();
  const [draft, setDraft] = useState<PatientDetailsDraft>({
    givenName: "",
    familyName: "",
    birthDate: "",
    sex: "female",
    diagnosis: "",
    vertebralLesion: false,
    onSteroids: false,
  });
  const [form, setForm] = useState({ service: "", mrn: "", weightKg: "", heightCm: "" });
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  const create = submission(useCreatePatient());
  const body = () => ({
    service: emptyToNull(form.service),
    mrn: emptyToNull(form.mrn),
    givenName: emptyToNull(draft.givenName),
    familyName: emptyToNull(draft.familyName),
    birthDate: emptyToNull(draft.birthDate),
    sex: draft.sex,
    diagnosis: emptyToNull(draft.diagnosis),
    weightKg: typedNumber(form.weightKg),
    heightCm: typedNumber(form.heightCm),
    // The generated JsonObject type has no fields to check against (any JSON object is accepted).
    facts: { vertebralLesion: draft.vertebralLesion, onSteroids: draft.onSteroids } as never,
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const created = await create.submit(body()).catch(() => undefined);
    if (created) void navigate(`/patients/${created.id}`);
  };

  return (
    <form onSubmit={submit} aria-labelledby="create-patient-title" className="card" noValidate>
      <h2 id="create-patient-title">New patient</h2>
      <div className="row">
        <Field label="Service" errors={create.fieldErrors("service")}>
          <ServiceSelect value={form.service} onChange={(service) => setForm({ ...form, service })} />
        </Field>
        <Field label="MRN" errors={create.fieldErrors("mrn")}>
          <input value={form.mrn} onChange={set("mrn")} autoComplete="off" />
        </Field>
        <PatientDetailsInputs draft={draft} onChange={setDraft} fieldErrors={create.fieldErrors} />
        <Field label="Weight (kg)" errors={create.fieldErrors("weightKg")}>
          <input inputMode="decimal" value={form.weightKg} onChange={set("weightKg")} />
        </Field>
        <Field label="Height (cm)" errors={create.fieldErrors("heightCm")}>
          <input inputMode="decimal" value={form.heightCm} onChange={set("heightCm")} />
        </Field>
      </div>
      <PatientFactsFieldset draft={draft} onChange={setDraft} />
      <ErrorBanner error={create.error} claimedFields={fields} />
      <div className="actions">
        <button type="submit" className="primary" disabled={create.busy}>
          Create patient
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { Field } from "../../ui/Field";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { submission } from "../../ui/submission";
import { typedNumber } from "../../ui/typedNumber";
import { ServiceSelect } from "../services";
import { useCreatePatient } from "./api";

const fields = ["service", "mrn", "givenName", "familyName", "birthDate", "sex", "diagnosis", "weightKg", "heightCm"];
const emptyToNull = (v: string) => (v.trim() === "" ? null : v);

/**
 * A new patient, checked by the server (its messages appear next to the field they name); once created,
 * their page opens. The two facts are the ones the shipped pathways read (patient.facts.vertebralLesion, onSteroids).
 */
export function CreatePatientForm({ onCancel }: { onCancel: () => void }) {
  const navigate = useNavigate();
  const [form, setForm] = useState({
    mrn: "",
    givenName: "",
    familyName: "",
    birthDate: "",
    sex: "female",
    diagnosis: "",
    weightKg: "",
    heightCm: "",
    service: "",
  });
  const [vertebralLesion, setVertebralLesion] = useState(false);
  const [onSteroids, setOnSteroids] = useState(false);
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  const create = submission(useCreatePatient());
  const body = () => ({
    mrn: emptyToNull(form.mrn),
    givenName: emptyToNull(form.givenName),
    familyName: emptyToNull(form.familyName),
    birthDate: emptyToNull(form.birthDate),
    sex: form.sex,
    diagnosis: emptyToNull(form.diagnosis),
    service: emptyToNull(form.service),
    weightKg: typedNumber(form.weightKg),
    heightCm: typedNumber(form.heightCm),
    // The generated JsonObject type has no fields to check against (any JSON object is accepted).
    facts: { vertebralLesion, onSteroids } as never,
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
        <Field label="Family name" errors={create.fieldErrors("familyName")}>
          <input value={form.familyName} onChange={set("familyName")} autoComplete="off" />
        </Field>
        <Field label="Given name" errors={create.fieldErrors("givenName")}>
          <input value={form.givenName} onChange={set("givenName")} autoComplete="off" />
        </Field>
        <Field label="Birth date" errors={create.fieldErrors("birthDate")}>
          <input type="date" value={form.birthDate} onChange={set("birthDate")} />
        </Field>
        <Field label="Sex" errors={create.fieldErrors("sex")}>
          <select value={form.sex} onChange={set("sex")}>
            <option value="female">female</option>
            <option value="male">male</option>
            <option value="other">other</option>
            <option value="unknown">unknown</option>
          </select>
        </Field>
        <Field label="Diagnosis" errors={create.fieldErrors("diagnosis")}>
          <input value={form.diagnosis} onChange={set("diagnosis")} />
        </Field>
        <Field label="Weight (kg)" errors={create.fieldErrors("weightKg")}>
          <input inputMode="decimal" value={form.weightKg} onChange={set("weightKg")} />
        </Field>
        <Field label="Height (cm)" errors={create.fieldErrors("heightCm")}>
          <input inputMode="decimal" value={form.heightCm} onChange={set("heightCm")} />
        </Field>
      </div>
      <fieldset>
        <legend>Facts the pathways read</legend>
        <label className="check">
          <input type="checkbox" checked={vertebralLesion} onChange={(e) => setVertebralLesion(e.target.checked)} /> Vertebral lesion
        </label>
        <label className="check">
          <input type="checkbox" checked={onSteroids} onChange={(e) => setOnSteroids(e.target.checked)} /> On steroids
        </label>
      </fieldset>
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

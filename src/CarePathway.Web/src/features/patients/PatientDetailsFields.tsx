import { Field } from "../../ui/Field";

/** A patient's details as a form holds them (strings as typed; the server checks them and names the field). */
export interface PatientDetailsDraft {
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
  diagnosis: string;
  vertebralLesion: boolean;
  onSteroids: boolean;
}

export const emptyToNull = (v: string) => (v.trim() === "" ? null : v);

/** The server's names of the fields below, for the error banner to leave to them. */
export const detailFieldNames = ["givenName", "familyName", "birthDate", "sex", "diagnosis"];

interface Props {
  draft: PatientDetailsDraft;
  onChange: (draft: PatientDetailsDraft) => void;
  fieldErrors: (name: string) => string[];
}

/** Name, birth date, sex and diagnosis: the same inputs for a new patient and a correction. */
export function PatientDetailsInputs({ draft, onChange, fieldErrors }: Props) {
  const set = (name: keyof PatientDetailsDraft) => (e: { target: { value: string } }) => onChange({ ...draft, [name]: e.target.value });
  return (
    <>
      <Field label="Family name" errors={fieldErrors("familyName")}>
        <input value={draft.familyName} onChange={set("familyName")} autoComplete="off" />
      </Field>
      <Field label="Given name" errors={fieldErrors("givenName")}>
        <input value={draft.givenName} onChange={set("givenName")} autoComplete="off" />
      </Field>
      <Field label="Birth date" errors={fieldErrors("birthDate")}>
        <input type="date" value={draft.birthDate} onChange={set("birthDate")} />
      </Field>
      <Field label="Sex" errors={fieldErrors("sex")}>
        <select value={draft.sex} onChange={set("sex")}>
          <option value="female">female</option>
          <option value="male">male</option>
          <option value="other">other</option>
          <option value="unknown">unknown</option>
        </select>
      </Field>
      <Field label="Diagnosis" errors={fieldErrors("diagnosis")}>
        <input value={draft.diagnosis} onChange={set("diagnosis")} />
      </Field>
    </>
  );
}

/** The two facts the shipped pathways read (patient.facts.vertebralLesion, onSteroids). */
export function PatientFactsFieldset({ draft, onChange }: Omit<Props, "fieldErrors">) {
  return (
    <fieldset>
      <legend>Facts the pathways read</legend>
      <label className="check">
        <input type="checkbox" checked={draft.vertebralLesion} onChange={(e) => onChange({ ...draft, vertebralLesion: e.target.checked })} /> Vertebral lesion
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.onSteroids} onChange={(e) => onChange({ ...draft, onSteroids: e.target.checked })} /> On steroids
      </label>
    </fieldset>
  );
}

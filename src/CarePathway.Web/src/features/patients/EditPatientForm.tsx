import { useState, type FormEvent } from "react";
import type { PatientDetail } from "../../api/types";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { submission } from "../../ui/submission";
import { useUpdatePatient } from "./api";
import { detailFieldNames, emptyToNull, PatientDetailsInputs, PatientFactsFieldset, type PatientDetailsDraft } from "./PatientDetailsFields";

const factOf = (facts: Record<string, unknown>, name: string) => facts[name] === true;

/**
 * Corrects a patient's details and the facts the pathways read, from the version this page loaded: if someone else
 * saved first, the server's 409 says so and nothing is overwritten (the edits stay in the form). Other facts the
 * patient has are kept as they are. Weight and height are a history, recorded as measurements, not edited here.
 */
export function EditPatientForm({ patient, onDone }: { patient: PatientDetail; onDone: () => void }) {
  const facts = patient.facts as Record<string, unknown>;
  const [draft, setDraft] = useState<PatientDetailsDraft>({
    givenName: patient.givenName,
    familyName: patient.familyName,
    birthDate: patient.birthDate,
    sex: patient.sex,
    diagnosis: patient.diagnosis,
    vertebralLesion: factOf(facts, "vertebralLesion"),
    onSteroids: factOf(facts, "onSteroids"),
  });
  const update = submission(useUpdatePatient(patient.id));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await update
      .submit({
        givenName: emptyToNull(draft.givenName),
        familyName: emptyToNull(draft.familyName),
        birthDate: emptyToNull(draft.birthDate),
        sex: draft.sex,
        diagnosis: draft.diagnosis,
        // The generated JsonObject type has no fields to check against (any JSON object is accepted).
        facts: { ...facts, vertebralLesion: draft.vertebralLesion, onSteroids: draft.onSteroids } as never,
        rowVersion: patient.rowVersion,
      })
      .catch(() => undefined);
    if (saved) onDone();
  };

  return (
    <form onSubmit={submit} aria-labelledby="edit-patient-title" className="card" noValidate>
      <h2 id="edit-patient-title">Correct the patient's details</h2>
      <div className="row">
        <PatientDetailsInputs draft={draft} onChange={setDraft} fieldErrors={update.fieldErrors} />
      </div>
      <PatientFactsFieldset draft={draft} onChange={setDraft} />
      <ErrorBanner error={update.error} claimedFields={detailFieldNames} />
      <div className="actions">
        <button type="submit" className="primary" disabled={update.busy}>
          Save details
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

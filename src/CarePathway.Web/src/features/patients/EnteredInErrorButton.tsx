import { useState, type FormEvent } from "react";
import type { LabResult } from "../../api/types";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Field } from "../../ui/Field";
import { submission } from "../../ui/submission";
import { useMarkLabEnteredInError } from "./api";

/**
 * Marks one lab result entered in error. It cannot be undone (the result stays struck through, counted nowhere, and
 * the pathways that used it look again), so it asks why and to be confirmed.
 */
export function EnteredInErrorButton({ patientId, lab }: { patientId: string; lab: LabResult }) {
  const mark = submission(useMarkLabEnteredInError(patientId));
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    await mark
      .submit({ labId: lab.id, reason: reason.trim() })
      .then(() => setAsking(false))
      .catch(() => undefined);
  };
  if (!asking)
    return (
      <button type="button" className="link small" onClick={() => setAsking(true)} aria-label={`Mark ${lab.name} ${lab.value} ${lab.unit} entered in error`}>
        Entered in error…
      </button>
    );
  return (
    <form onSubmit={submit} className="subform" aria-label={`Mark ${lab.name} entered in error`}>
      <p className="small">
        {lab.name} {lab.value} {lab.unit} will be kept struck through and no rule will read it again; a gate or approval that used it goes back. This cannot be
        undone.
      </p>
      <Field label="Why" errors={[...(missing ? ["Say why: it is kept with the result."] : []), ...mark.fieldErrors("reason")]}>
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div className="assignment-actions">
        <button type="submit" className="danger" disabled={mark.busy}>
          Mark entered in error
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          Keep it
        </button>
      </div>
      <ErrorBanner error={mark.error} claimedFields={["reason"]} />
    </form>
  );
}

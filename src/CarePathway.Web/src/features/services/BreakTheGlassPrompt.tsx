import { useState, type FormEvent } from "react";
import { isApiError } from "../../api/problem";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Field } from "../../ui/Field";
import { submission } from "../../ui/submission";
import { useBreakTheGlass } from "./api";

/** The server's problem type for a patient outside the user's services: the glass can be broken. */
export const breakTheGlassType = "urn:carepathway:problem:break-the-glass";

/** Whether an error is the server's "outside your services, break the glass" answer. */
export const isBreakTheGlass = (error: unknown) => isApiError(error) && error.status === 403 && error.problem.type === breakTheGlassType;

/**
 * Shown instead of a patient outside the user's services: why they need the record, then the page loads it. The
 * reason is audited and shown to the administrators of the patient's service.
 */
export function BreakTheGlassPrompt({ patientId }: { patientId: string }) {
  const [reason, setReason] = useState("");
  const grant = submission(useBreakTheGlass(patientId));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void grant.submit(reason).catch(() => undefined);
  };
  return (
    <form onSubmit={submit} aria-labelledby="break-glass-title" className="card" noValidate>
      <h1 id="break-glass-title">Outside your services</h1>
      <p>
        This patient belongs to a service you do not hold. To see the record, say why you need it: your reason and everything you do are audited and shown to
        the service&apos;s administrators, and the access ends after a few hours.
      </p>
      <Field label="Reason" errors={grant.fieldErrors("reason")}>
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
      </Field>
      <ErrorBanner error={grant.error} claimedFields={["reason"]} />
      <div className="actions">
        <button type="submit" className="primary" disabled={grant.busy}>
          Break the glass
        </button>
      </div>
    </form>
  );
}

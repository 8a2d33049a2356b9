import { useState, type FormEvent } from "react";
import type { InstanceSummary } from "../../api/types";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Field } from "../../ui/Field";
import { submission } from "../../ui/submission";
import { useChangeInstance } from "./api";

type Pending = "suspend" | "cancel" | null;

/**
 * Suspend, resume or cancel a pathway. Suspending and cancelling ask why (kept in the journal); cancelling cannot be
 * undone, so it says what it does and asks to be confirmed. The server decides who may and when.
 */
export function PathwayActions({ instance }: { instance: InstanceSummary }) {
  const change = submission(useChangeInstance(instance.id));
  const [pending, setPending] = useState<Pending>(null);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  if (instance.status === "completed" || instance.status === "cancelled") return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!pending) return;
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    await change
      .submit({ action: pending, reason: reason.trim() })
      .then(() => {
        setPending(null);
        setReason("");
        setMissing(false);
      })
      .catch(() => undefined);
  };
  const open = (what: Pending) => {
    setPending(what);
    setMissing(false);
  };

  return (
    <div className="pathway-actions">
      {pending === null && (
        <div className="assignment-actions">
          {instance.status === "suspended" ? (
            <button type="button" disabled={change.busy} onClick={() => change.submit({ action: "resume" }).catch(() => undefined)}>
              Resume pathway
            </button>
          ) : (
            <button type="button" onClick={() => open("suspend")}>
              Suspend pathway…
            </button>
          )}
          <button type="button" className="danger" onClick={() => open("cancel")}>
            Cancel pathway…
          </button>
        </div>
      )}
      {pending && (
        <form onSubmit={submit} className="subform" aria-label={pending === "cancel" ? "Cancel the pathway" : "Suspend the pathway"}>
          <p className={pending === "cancel" ? "banner banner-error" : undefined}>
            {pending === "cancel"
              ? "Cancelling ends this pathway for good: its open tasks are closed, its timers stop, and it cannot be resumed."
              : "Suspending holds the pathway: its tasks wait and its timers are held until someone resumes it."}
          </p>
          <Field label="Reason" errors={[...(missing ? ["A reason is required: it is kept in the pathway's journal."] : []), ...change.fieldErrors("reason")]}>
            <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <div className="assignment-actions">
            <button type="submit" className={pending === "cancel" ? "danger" : "primary"} disabled={change.busy}>
              {pending === "cancel" ? "Cancel the pathway" : "Suspend the pathway"}
            </button>
            <button type="button" onClick={() => setPending(null)}>
              Keep it {instance.status === "suspended" ? "suspended" : "running"}
            </button>
          </div>
        </form>
      )}
      <ErrorBanner error={change.error} claimedFields={["reason"]} />
    </div>
  );
}

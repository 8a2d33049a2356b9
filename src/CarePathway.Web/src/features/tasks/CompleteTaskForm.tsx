import { useState, type FormEvent } from "react";
import { isApiError, problemCurrent } from "../../api/problem";
import type { TaskDetail } from "../../api/types";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Field } from "../../ui/Field";
import { submission } from "../../ui/submission";
import { useCompleteTask } from "./api";
import { Decision } from "./Decision";
import { fieldValue, initialValue, readFormFields } from "./formFields";
import { isApproval } from "./isApproval";
import { unavailableReasons } from "./outcomeChoices";
import { outcomeText, reasonRequiredText } from "./outcomeWords";

/**
 * Completes a task: its form fields, an outcome, and a reason where the outcome needs one (checked
 * here, and by the server: its 422 messages appear next to the field they name). A 409 means
 * someone else decided first: that is said plainly, with their decision. Which outcomes the person
 * may choose, and why not, is the server's answer on the pathway as it is now (approving after a gate
 * that did not pass is shown disabled, with why); the form keeps no clinical rules of its own.
 */
export function CompleteTaskForm({ task }: { task: TaskDetail }) {
  const fields = readFormFields(task.form);
  const choices = task.choices;
  const [outcome, setOutcome] = useState(choices.length === 1 && choices[0]?.available ? choices[0].name : "");
  const [reason, setReason] = useState("");
  // Prefilled once, when the form opens: the server's defaults (the approved dose, the minimum time), a date-time with now.
  const [values, setValues] = useState<Record<string, string | boolean>>(() => {
    const now = new Date();
    return Object.fromEntries(fields.map((f) => [f.name, initialValue(f, now)]));
  });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const complete = submission(useCompleteTask(task.task.id));
  const completion = () => {
    const data = Object.fromEntries(fields.map((f): [string, unknown] => [f.name, fieldValue(f, values[f.name] ?? "")]).filter(([, v]) => v !== undefined));
    // The generated JsonObject type has no fields to check against (the task's form says what data holds).
    return { outcome, reason: reason.trim() || null, data: fields.length ? (data as never) : null };
  };

  if (isApiError(complete.error) && complete.error.status === 409) {
    return (
      <div className="banner banner-warn" role="alert">
        <strong>Someone else decided this task first.</strong> Your decision was not saved. Their decision:
        <Decision decision={problemCurrent(complete.error.problem) ?? {}} />
      </div>
    );
  }

  const needsReason = choices.some((c) => c.name === outcome && c.reasonRequired);
  const unavailable = unavailableReasons(choices);
  const check = () => {
    const errors: Record<string, string> = {};
    if (!outcome) errors.outcome = "Choose an outcome.";
    if (needsReason && !reason.trim()) errors.reason = reasonRequiredText(outcome);
    for (const f of fields) {
      if (f.required && fieldValue(f, values[f.name] ?? "") === undefined) errors[`data.${f.name}`] = "is required";
    }
    setClientErrors(errors);
    return Object.keys(errors).length === 0;
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (check()) await complete.submit(completion()).catch(() => undefined);
  };
  const errorsOf = (name: string) => [...(clientErrors[name] ? [clientErrors[name]] : []), ...complete.fieldErrors(name)];

  return (
    <form onSubmit={submit} noValidate className="complete-task">
      {fields.map((f) => (
        <Field key={f.name} label={f.label ?? f.name} errors={errorsOf(`data.${f.name}`)}>
          {f.type === "boolean" ? (
            <input type="checkbox" checked={values[f.name] === true} onChange={(e) => setValues({ ...values, [f.name]: e.target.checked })} />
          ) : (
            <input
              type={f.type === "number" ? "number" : f.type === "date" ? "date" : f.type === "datetime" ? "datetime-local" : "text"}
              step={f.type === "number" ? "any" : undefined}
              value={String(values[f.name] ?? "")}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
              required={f.required}
            />
          )}
        </Field>
      ))}
      <fieldset className={errorsOf("outcome").length ? "field-invalid" : undefined} aria-describedby="outcome-unavailable outcome-errors">
        <legend>Outcome</legend>
        <div className="outcomes">
          {choices.map(({ name, available }) => (
            <label key={name} className={`outcome outcome-${name}`}>
              <input type="radio" name="outcome" value={name} checked={outcome === name} onChange={() => setOutcome(name)} disabled={!available} />
              {outcomeText(name)}
              {!available && <span className="visually-hidden"> (not available)</span>}
            </label>
          ))}
        </div>
        <div id="outcome-unavailable" className="unavailable">
          {unavailable.map((why) => (
            <p key={why}>{why}</p>
          ))}
        </div>
        <div id="outcome-errors" className="field-error" role={errorsOf("outcome").length ? "alert" : undefined}>
          {errorsOf("outcome").join(" ")}
        </div>
      </fieldset>
      <Field label={needsReason ? "Reason (required)" : "Reason"} errors={errorsOf("reason")}>
        <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <ErrorBanner error={complete.error} claimedFields={["outcome", "reason", ...fields.map((f) => `data.${f.name}`)]} />
      <button type="submit" className="primary" disabled={complete.busy}>
        {isApproval(task.task) ? "Submit decision" : "Complete task"}
      </button>
    </form>
  );
}

import { useId, type ReactElement, cloneElement } from "react";

interface FieldProps {
  label: string;
  /** Messages from the client check or the server's problem details for this field. */
  errors?: readonly string[];
  hint?: string;
  /** One input, select or textarea: it gets the id, aria-invalid and aria-describedby. */
  children: ReactElement<Record<string, unknown>>;
}

/** A labelled form control with its validation messages next to it (announced to screen readers). */
export function Field({ label, errors = [], hint, children }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, errors.length ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={errors.length ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, "aria-invalid": errors.length > 0 || undefined, "aria-describedby": describedBy })}
      {hint && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
      {errors.length > 0 && (
        <div id={errorId} className="field-error" role="alert">
          {errors.join(" ")}
        </div>
      )}
    </div>
  );
}

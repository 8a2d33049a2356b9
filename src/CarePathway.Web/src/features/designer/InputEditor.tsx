import { useId } from "react";
import type { InputDescriptor } from "../../api/types";
import { Field } from "../../ui/Field";

interface InputEditorProps {
  input: InputDescriptor;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Messages for this input from the server's validation (parse errors with positions included). */
  errors: string[];
  /** Path prefix used to find nested problems (e.g. inputs.evidence[0].expression). */
  errorsFor?: (path: string) => string[];
}

const text = (v: unknown) => (v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v));
/** An emptied optional input is removed from the document rather than saved as "". */
const orUndefined = (v: string) => (v === "" ? undefined : v);

/** One input of an activity, edited according to its kind in the catalog's metadata. */
export function InputEditor({ input, value, onChange, errors, errorsFor = () => [] }: InputEditorProps) {
  const kind = input.kind;
  // The catalog's words for the input ("Due in"); its description is the hint, which the control is described by.
  const label = `${input.label}${input.required ? " *" : ""}`;
  const hint = kind === "Expression" ? `${input.description} (expression → ${input.expressionType ?? "Any"})` : input.description;
  switch (kind) {
    case "Expression":
      return (
        <Field label={label} hint={hint} errors={errors}>
          <textarea className="code" rows={2} spellCheck={false} value={text(value)} onChange={(e) => onChange(orUndefined(e.target.value))} />
        </Field>
      );
    case "Choice":
      return (
        <Field label={label} hint={hint} errors={errors}>
          <select value={text(value)} onChange={(e) => onChange(orUndefined(e.target.value))}>
            <option value="">—</option>
            {(input.options ?? []).map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </Field>
      );
    case "Number":
      return (
        <Field label={label} hint={hint} errors={errors}>
          <input type="number" step="any" value={text(value)} onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))} />
        </Field>
      );
    case "Boolean":
      return (
        <Field label={label} hint={hint} errors={errors}>
          <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked || undefined)} />
        </Field>
      );
    case "TextList":
      return (
        <Field label={label} hint={`${input.description} One per line.`} errors={errors}>
          <textarea
            rows={3}
            value={Array.isArray(value) ? value.join("\n") : text(value)}
            onChange={(e) => {
              const items = e.target.value.split("\n").map((s) => s.trim());
              onChange(items.some(Boolean) ? items.filter((s, i) => s || i === items.length - 1) : undefined);
            }}
          />
        </Field>
      );
    case "ObjectList":
      return <ObjectListEditor input={input} value={value} onChange={onChange} errors={errors} errorsFor={errorsFor} />;
    default:
      return (
        <Field label={label} hint={hint} errors={errors}>
          <input value={text(value)} onChange={(e) => onChange(orUndefined(e.target.value))} />
        </Field>
      );
  }
}

/** A list of objects (evidence items, switch cases, form fields): one row per item, one editor per field. */
function ObjectListEditor({ input, value, onChange, errors, errorsFor = () => [] }: InputEditorProps) {
  const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  const fields = input.fields ?? [];
  const setRow = (index: number, row: Record<string, unknown>) => onChange(rows.map((r, i) => (i === index ? row : r)));
  const hintId = useId();
  return (
    <fieldset className="object-list" aria-describedby={hintId}>
      <legend>
        {input.label}
        {input.required ? " *" : ""}
      </legend>
      <small id={hintId} className="hint">
        {input.description}
      </small>
      {errors.length > 0 && (
        <div className="field-error" role="alert">
          {errors.join(" ")}
        </div>
      )}
      {rows.map((row, index) => (
        <div key={index} className="object-row">
          {fields.map((f) => (
            <InputEditor
              key={f.name}
              input={f}
              value={row[f.name]}
              onChange={(v) => setRow(index, { ...row, [f.name]: v })}
              errors={errorsFor(`inputs.${input.name}[${index}].${f.name}`)}
            />
          ))}
          <button type="button" className="link" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            Remove {input.label.toLowerCase()} item {index + 1}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, {}])}>
        Add {input.label.toLowerCase()} item
      </button>
    </fieldset>
  );
}

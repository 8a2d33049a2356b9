/** A fieldset of checkboxes for a set of values (several may be chosen), with the server's messages for the set under it. */
export function CheckboxGroup({
  legend,
  options,
  value,
  onChange,
  errors = [],
}: {
  legend: string;
  options: readonly { value: string; label: string }[];
  value: readonly string[];
  onChange: (values: string[]) => void;
  errors?: readonly string[];
}) {
  const toggle = (option: string, on: boolean) => onChange(on ? [...value, option] : value.filter((v) => v !== option));
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="check">
          <input type="checkbox" checked={value.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} /> {o.label}
        </label>
      ))}
      {errors.length > 0 && (
        <div className="field-error" role="alert">
          {errors.join(" ")}
        </div>
      )}
    </fieldset>
  );
}

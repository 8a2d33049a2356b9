/** The product's roles (the server refuses any other); several may be held at once. */
export const allRoles = ["coordinator", "clinician", "administrator"] as const;

export function RoleChoices({
  legend,
  value,
  onChange,
  errors = [],
}: {
  legend: string;
  value: readonly string[];
  onChange: (roles: string[]) => void;
  errors?: readonly string[];
}) {
  const toggle = (role: string, on: boolean) => onChange(on ? [...value, role] : value.filter((r) => r !== role));
  return (
    <fieldset>
      <legend>{legend}</legend>
      {allRoles.map((role) => (
        <label key={role} className="check">
          <input type="checkbox" checked={value.includes(role)} onChange={(e) => toggle(role, e.target.checked)} /> {role}
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

import { CheckboxGroup } from "../../ui/CheckboxGroup";

/** The product's roles (the server refuses any other); several may be held at once. */
export const allRoles = ["coordinator", "clinician", "administrator"] as const;

type ChoicesProps = { legend: string; value: readonly string[]; onChange: (roles: string[]) => void; errors?: readonly string[] };

export function RoleChoices(props: ChoicesProps) {
  return <CheckboxGroup {...props} options={allRoles.map((role) => ({ value: role, label: role }))} />;
}

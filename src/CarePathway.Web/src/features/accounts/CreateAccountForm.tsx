import { useState, type FormEvent } from "react";
import { Field } from "../../ui/Field";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { submission } from "../../ui/submission";
import { useCreateAccount } from "./api";
import { RoleChoices } from "./RoleChoices";

const fields = ["userName", "displayName", "email", "password", "roles"];

/** A new account: user name, display name, roles, and a password (or none, for single sign-on only). */
export function CreateAccountForm() {
  const [form, setForm] = useState({ userName: "", displayName: "", email: "", password: "" });
  const [roles, setRoles] = useState<string[]>([]);
  const create = submission(useCreateAccount());
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const created = await create
      .submit({
        userName: form.userName,
        displayName: form.displayName || null,
        email: form.email || null,
        password: form.password || null,
        roles,
      })
      .catch(() => undefined);
    if (created) {
      setForm({ userName: "", displayName: "", email: "", password: "" });
      setRoles([]);
    }
  };

  return (
    <form onSubmit={submit} aria-labelledby="create-account-title" className="card" noValidate>
      <h2 id="create-account-title">New account</h2>
      <div className="row">
        <Field label="User name" errors={create.fieldErrors("userName")}>
          <input value={form.userName} onChange={set("userName")} autoComplete="off" />
        </Field>
        <Field label="Display name" errors={create.fieldErrors("displayName")}>
          <input value={form.displayName} onChange={set("displayName")} autoComplete="off" />
        </Field>
        <Field label="Email" errors={create.fieldErrors("email")}>
          <input type="email" value={form.email} onChange={set("email")} autoComplete="off" />
        </Field>
        <Field label="Initial password" hint="At least 12 characters; leave empty for single sign-on only." errors={create.fieldErrors("password")}>
          <input type="password" value={form.password} onChange={set("password")} autoComplete="new-password" />
        </Field>
      </div>
      <RoleChoices legend="Roles" value={roles} onChange={setRoles} errors={create.fieldErrors("roles")} />
      <ErrorBanner error={create.error} claimedFields={fields} />
      <button type="submit" disabled={create.busy}>
        Create account
      </button>
      {create.succeeded && <p role="status">Account created.</p>}
    </form>
  );
}

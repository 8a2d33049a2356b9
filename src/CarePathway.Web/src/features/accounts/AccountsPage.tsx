import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Loaded } from "../../ui/Loading";
import { formatDateTime } from "../../ui/format";
import { submission } from "../../ui/submission";
import { AccessGrantsSection, ServiceChoices, ServicesSection } from "../services";
import { accountListQuery, useDisableAccount, useEnableAccount, useResetPassword, useSetRoles, useSetServices, type Account } from "./api";
import { CreateAccountForm } from "./CreateAccountForm";
import { RoleChoices } from "./RoleChoices";

/** Administrators' accounts page: who may sign in, with which roles and services, and when they last did; the services; who broke the glass. */
export function AccountsPage() {
  const accounts = useQuery(accountListQuery());
  return (
    <section aria-labelledby="accounts-title">
      <h1 id="accounts-title">Accounts</h1>
      <CreateAccountForm />
      <Loaded query={accounts}>
        {(list) => (
          <table>
            <caption>Every account</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Roles</th>
                <th scope="col">Services</th>
                <th scope="col">State</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <AccountRow key={a.id} account={a} />
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
      <ServicesSection />
      <AccessGrantsSection />
    </section>
  );
}

function AccountRow({ account }: { account: Account }) {
  const [roles, setRoles] = useState<string[]>([...account.roles]);
  const [password, setPassword] = useState("");
  const saveRoles = submission(useSetRoles());
  const [services, setServices] = useState<string[]>([...account.services]);
  const saveServices = submission(useSetServices());
  const disable = submission(useDisableAccount());
  const enable = submission(useEnableAccount());
  const reset = submission(useResetPassword());
  const state = account.disabled ? "disabled" : account.lockedOutUntil ? `locked until ${formatDateTime(account.lockedOutUntil)}` : "active";
  return (
    <tr aria-label={account.userName}>
      <th scope="row">
        {account.displayName} <span className="muted">({account.userName})</span>
        {account.externalLogins.length > 0 && <div className="muted">linked: {account.externalLogins.join(", ")}</div>}
      </th>
      <td>
        <RoleChoices legend={`Roles of ${account.userName}`} value={roles} onChange={setRoles} errors={saveRoles.fieldErrors("roles")} />
        <button type="button" disabled={saveRoles.busy} onClick={() => void saveRoles.submit({ id: account.id, roles }).catch(() => undefined)}>
          Save roles
        </button>
        <ErrorBanner error={saveRoles.error} claimedFields={["roles"]} />
      </td>
      <td>
        <ServiceChoices legend={`Services of ${account.userName}`} value={services} onChange={setServices} errors={saveServices.fieldErrors("services")} />
        <button type="button" disabled={saveServices.busy} onClick={() => void saveServices.submit({ id: account.id, services }).catch(() => undefined)}>
          Save services
        </button>
        <ErrorBanner error={saveServices.error} claimedFields={["services"]} />
      </td>
      <td>{state}</td>
      <td>{account.lastSignInAt ? formatDateTime(account.lastSignInAt) : "never"}</td>
      <td>
        {account.disabled ? (
          <button type="button" disabled={enable.busy} onClick={() => void enable.submit(account.id).catch(() => undefined)}>
            Enable
          </button>
        ) : (
          <button type="button" disabled={disable.busy} onClick={() => void disable.submit(account.id).catch(() => undefined)}>
            Disable
          </button>
        )}
        <ErrorBanner error={disable.error ?? enable.error} />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void reset
              .submit({ id: account.id, password })
              .then(() => setPassword(""))
              .catch(() => undefined);
          }}
        >
          <label>
            New password for {account.userName}
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
          </label>
          <button type="submit" disabled={reset.busy}>
            Set password
          </button>
          {reset.fieldErrors("password").length > 0 && (
            <div className="field-error" role="alert">
              {reset.fieldErrors("password").join(" ")}
            </div>
          )}
        </form>
      </td>
    </tr>
  );
}

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Navigate, useLocation, useSearchParams } from "react-router";
import { signInOptionsQuery } from "./api";
import { homeOf, useAuth } from "./auth";
import { Field } from "../../ui/Field";
import { isApiError } from "../../api/problem";

export function SignInPage() {
  const { user, signIn } = useAuth();
  const location = useLocation();
  const [userName, setUserName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const options = useQuery(signInOptionsQuery()).data;
  const [search] = useSearchParams();
  const ssoMessage =
    search.get("sso") === "refused"
      ? "Your account cannot sign in here (it may be disabled, or not yet created): ask an administrator."
      : search.get("sso") === "failed"
        ? "Single sign-on did not complete; try again."
        : null;

  if (user) {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from ?? homeOf(user)} replace />;
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(userName, password);
    } catch (err) {
      setError(isApiError(err) ? (err.problem.detail ?? err.message) : String(err));
    } finally {
      setBusy(false);
    }
  };

  const from = (location.state as { from?: string } | null)?.from ?? "/";
  const sso = options?.singleSignOn;
  return (
    <main className="sign-in" id="main">
      <h1 id="sign-in-title">Sign in to CarePathway</h1>
      {ssoMessage && (
        <div className="banner banner-error" role="alert">
          {ssoMessage}
        </div>
      )}
      {sso && (
        <a className="button primary" href={`${sso.signInUrl}?returnUrl=${encodeURIComponent(from)}`}>
          Sign in with {sso.displayName}
        </a>
      )}
      {options?.localPasswords !== false && (
        <form onSubmit={submit} aria-labelledby="sign-in-title">
          <Field label="User name">
            <input value={userName} onChange={(e) => setUserName(e.target.value)} autoComplete="username" required autoFocus />
          </Field>
          <Field label="Password" errors={error ? [error] : []}>
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
          </Field>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
      )}
    </main>
  );
}

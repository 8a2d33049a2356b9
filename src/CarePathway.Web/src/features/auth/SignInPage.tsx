import { useState, type FormEvent } from "react";
import { Navigate, useLocation } from "react-router";
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

  return (
    <main className="sign-in" id="main">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to CarePathway</h1>
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
    </main>
  );
}

import { isApiError, problemErrors } from "../api/problem";

/** A failed request said plainly: the server's title and detail, and any field errors no form claimed. */
export function ErrorBanner({ error, claimedFields = [] }: { error: unknown; claimedFields?: readonly string[] }) {
  if (!error) return null;
  if (!isApiError(error))
    return (
      <div className="banner banner-error" role="alert">
        {String((error as Error).message ?? error)}
      </div>
    );
  const others = error.otherErrors(claimedFields);
  const fieldsShownElsewhere = Object.keys(problemErrors(error.problem)).length > others.length;
  return (
    <div className="banner banner-error" role="alert">
      <strong>{error.problem.title ?? `Request failed (${error.status})`}</strong>
      {!fieldsShownElsewhere && error.problem.detail && <div>{error.problem.detail}</div>}
      {fieldsShownElsewhere && <div>See the highlighted fields.</div>}
      {others.length > 0 && (
        <ul>
          {others.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

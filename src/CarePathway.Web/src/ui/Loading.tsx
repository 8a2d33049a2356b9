import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ErrorBanner } from "./ErrorBanner";

/** Renders a query's data, its error, or a loading line: every page waits the same way. */
export function Loaded<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending)
    return (
      <p className="muted" role="status">
        Loading…
      </p>
    );
  if (query.isError) return <ErrorBanner error={query.error} />;
  return <>{children(query.data)}</>;
}

import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ErrorBanner } from "./ErrorBanner";

/**
 * The shape of a page while its data comes: a heading bar and a few lines that shimmer, so the layout does not jump
 * when the data arrives. Screen readers hear "Loading…" once (a polite status), not the placeholder bars.
 */
export function LoadingSkeleton({ lines = 4 }: { lines?: number }) {
  return (
    <div className="skeleton" role="status" aria-live="polite" aria-busy="true">
      <span className="visually-hidden">Loading…</span>
      <div className="skeleton-bar skeleton-heading" aria-hidden="true" />
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton-bar" aria-hidden="true" />
      ))}
    </div>
  );
}

/** Renders a query's data, its error, or the loading skeleton: every page waits the same way. */
export function Loaded<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <LoadingSkeleton />;
  if (query.isError) return <ErrorBanner error={query.error} />;
  return <>{children(query.data)}</>;
}

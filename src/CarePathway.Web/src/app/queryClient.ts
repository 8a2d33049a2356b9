import { QueryClient } from "@tanstack/react-query";

/** The app's one query cache: the routes start loading a page's data into it before the page renders. */
export const queryClient = new QueryClient({
  // Clinical data: refetch when the person comes back to the tab, but do not retry refusals (4xx).
  defaultOptions: { queries: { retry: (count, error) => count < 2 && !(error as { status?: number }).status, staleTime: 5_000 } },
});

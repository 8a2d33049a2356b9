import createClient from "openapi-fetch";
import type { paths } from "./schema";
import { ApiError, type Problem } from "./problem";

/**
 * The typed API client: paths, parameters, bodies and error bodies come from the server's OpenAPI
 * document (openapi.json → schema.d.ts), so a renamed field breaks the build instead of the page.
 * Same origin, cookie authentication: the server serves this app. Only the features' `api/`
 * modules call it.
 */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: "same-origin" });

/** What openapi-fetch answers; `error` is typed by the endpoint's declared problem responses. */
type Result<T> = { data?: T; error?: Problem; response: Response };

/** The body of a successful call, or an {@link ApiError} carrying the problem details. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, problemOf(error, response));
  return data as T;
}

/** The declared problem, or one made from the status when the body is not JSON (a proxy's error page). */
function problemOf(error: Problem | undefined, response: Response): Problem {
  if (error && typeof error === "object") return error;
  return { status: response.status, title: response.statusText || `HTTP ${response.status}` };
}

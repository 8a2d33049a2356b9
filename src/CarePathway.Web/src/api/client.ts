import createClient from "openapi-fetch";
import type { paths } from "./schema";
import { ApiError, type ProblemDetails } from "./problem";

/**
 * The typed API client: paths, parameters and bodies come from the server's OpenAPI document
 * (openapi.json → schema.d.ts), so a renamed field breaks the build instead of the page.
 * Same origin, cookie authentication: the server serves this app.
 */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: "same-origin" });

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The body of a successful call, or an {@link ApiError} carrying the problem details. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, problemOf(error, response));
  return data as T;
}

function problemOf(error: unknown, response: Response): ProblemDetails {
  if (error && typeof error === "object") return error as ProblemDetails;
  return { status: response.status, title: response.statusText || `HTTP ${response.status}` };
}

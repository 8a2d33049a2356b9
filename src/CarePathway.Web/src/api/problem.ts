import type { components } from "./schema";

/**
 * RFC 9457 problem details, as the OpenAPI document declares every error answer of the API
 * (generated: `application/problem+json` on each endpoint's 400/401/403/404/409/422). Extension
 * members (traceId, a 409's `current`) are kept as unknown values.
 */
export type ProblemDetails = components["schemas"]["ProblemDetails"];
/** 400 (malformed) and 422 (a rule refused it): the same, with `errors` mapping a field to its messages. */
export type ValidationProblemDetails = components["schemas"]["HttpValidationProblemDetails"];
export type Problem = ProblemDetails | ValidationProblemDetails;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A problem's field messages (400 and 422); none for the others, or for a body that is not the declared shape. */
export function problemErrors(problem: Problem): Record<string, string[]> {
  const errors = problem.errors;
  if (!isRecord(errors)) return {};
  return Object.fromEntries(
    Object.entries(errors).map(([field, messages]) => [field, Array.isArray(messages) ? messages.filter((m): m is string => typeof m === "string") : []]),
  );
}

/** On 409: what is there now (e.g. who decided a task first), when the server says. */
export function problemCurrent(problem: Problem): Record<string, unknown> | undefined {
  return isRecord(problem.current) ? problem.current : undefined;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** Messages for one field; the server's field names are camelCase and case-insensitive here. */
  fieldErrors(field: string): string[] {
    const errors = problemErrors(this.problem);
    const key = Object.keys(errors).find((k) => k.toLowerCase() === field.toLowerCase());
    return key ? (errors[key] ?? []) : [];
  }

  /** Field errors that no form field claims, so they are still shown (never swallowed). */
  otherErrors(claimed: readonly string[]): string[] {
    const lower = claimed.map((c) => c.toLowerCase());
    return Object.entries(problemErrors(this.problem))
      .filter(([k]) => !lower.includes(k.toLowerCase()))
      .flatMap(([k, messages]) => messages.map((m) => `${k}: ${m}`));
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** RFC 9457 problem details as the server writes them: `errors` maps a field to its messages. */
export interface ProblemDetails {
  status?: number;
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
  /** On 409: what is there now (e.g. who decided a task first). */
  current?: Record<string, unknown>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(status: number, problem: ProblemDetails) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** Messages for one field; the server's field names are camelCase and case-insensitive here. */
  fieldErrors(field: string): string[] {
    const errors = this.problem.errors ?? {};
    const key = Object.keys(errors).find((k) => k.toLowerCase() === field.toLowerCase());
    return key ? (errors[key] ?? []) : [];
  }

  /** Field errors that no form field claims, so they are still shown (never swallowed). */
  otherErrors(claimed: readonly string[]): string[] {
    const lower = claimed.map((c) => c.toLowerCase());
    return Object.entries(this.problem.errors ?? {})
      .filter(([k]) => !lower.includes(k.toLowerCase()))
      .flatMap(([k, messages]) => messages.map((m) => `${k}: ${m}`));
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

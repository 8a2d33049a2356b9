import type { UseMutationResult } from "@tanstack/react-query";
import { isApiError } from "../api/problem";

/**
 * A form's view of its mutation (a feature's api hook, which refreshes what the call changed):
 * submit, busy, the error, and the server's messages per field for {@link Field}.
 */
export function submission<TResult, TInput>(mutation: UseMutationResult<TResult, Error, TInput>) {
  const error = mutation.error;
  return {
    submit: mutation.mutateAsync,
    busy: mutation.isPending,
    error,
    succeeded: mutation.isSuccess,
    fieldErrors: (field: string) => (isApiError(error) ? error.fieldErrors(field) : []),
  };
}

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { isApiError } from "../api/problem";

/**
 * A form's submission: runs the call, refreshes what it changed (every query whose key starts with
 * one of `invalidates`), and exposes the server's messages per field for {@link Field}.
 */
export function useSubmit<TInput, TResult>(call: (input: TInput) => Promise<TResult>, invalidates: readonly string[] = []) {
  const queries = useQueryClient();
  const mutation = useMutation({
    mutationFn: call,
    onSuccess: () => Promise.all(invalidates.map((key) => queries.invalidateQueries({ queryKey: [key] }))),
  });
  const error = mutation.error;
  return {
    submit: mutation.mutateAsync,
    busy: mutation.isPending,
    error,
    succeeded: mutation.isSuccess,
    reset: mutation.reset,
    fieldErrors: (field: string) => (isApiError(error) ? error.fieldErrors(field) : []),
  };
}

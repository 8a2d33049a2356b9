import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { resourceKeys } from "../../../api/queryKeys";
import type { components } from "../../../api/schema";

type Schemas = components["schemas"];
export type Service = Schemas["ServiceDto"];
export type AccessGrant = Schemas["AccessGrantDto"];

export const serviceKeys = resourceKeys<Record<string, never>>()("services");
export const accessGrantKeys = resourceKeys<{ live: boolean }>()("access-grants");

/** Every service, by name (any signed-in user: the patient form offers them). */
export const serviceListQuery = () =>
  queryOptions({
    queryKey: serviceKeys.lists(),
    queryFn: () => unwrap(api.GET("/api/services")),
    staleTime: 60_000,
  });

/** Break-the-glass grants on patients of the administrator's services, newest first. */
export const accessGrantListQuery = (live: boolean) =>
  queryOptions({
    queryKey: accessGrantKeys.list({ live }),
    queryFn: () => unwrap(api.GET("/api/access-grants", { params: { query: { live } } })),
  });

function useServiceMutation<TInput>(call: (input: TInput) => Promise<unknown>) {
  const queries = useQueryClient();
  return useMutation({ mutationFn: call, onSuccess: () => queries.invalidateQueries({ queryKey: serviceKeys.all }) });
}

export const useCreateService = () =>
  useServiceMutation((body: { code: string | null; displayName: string | null }) => unwrap(api.POST("/api/services", { body })));

export const useRenameService = () =>
  useServiceMutation(({ code, displayName }: { code: string; displayName: string }) =>
    unwrap(api.PUT("/api/services/{code}", { params: { path: { code } }, body: { displayName } })),
  );

/**
 * Break the glass for a patient outside one's services, with the reason. Everything may now show the patient (their
 * record, tasks, pathways), so every query is refetched.
 */
export function useBreakTheGlass(patientId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => unwrap(api.POST("/api/patients/{id}/access", { params: { path: { id: patientId } }, body: { reason } })),
    onSuccess: () => queries.invalidateQueries(),
  });
}

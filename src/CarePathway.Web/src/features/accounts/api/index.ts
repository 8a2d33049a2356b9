import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { resourceKeys } from "../../../api/queryKeys";
import type { components } from "../../../api/schema";

type Schemas = components["schemas"];
export type Account = Schemas["AccountSummary"];
export type NewAccount = Schemas["CreateAccountRequest"];

export const accountKeys = resourceKeys<Record<string, never>>()("accounts");

/** Every account with roles, state and last sign-in (administrators only). */
export const accountListQuery = () =>
  queryOptions({
    queryKey: accountKeys.lists(),
    queryFn: () => unwrap(api.GET("/api/accounts")),
  });

function useAccountMutation<TInput>(call: (input: TInput) => Promise<unknown>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queries.invalidateQueries({ queryKey: accountKeys.all }),
  });
}

export const useCreateAccount = () => useAccountMutation((body: NewAccount) => unwrap(api.POST("/api/accounts", { body })));

export const useSetRoles = () =>
  useAccountMutation(({ id, roles }: { id: string; roles: string[] }) =>
    unwrap(api.PUT("/api/accounts/{id}/roles", { params: { path: { id } }, body: { roles } })),
  );

export const useSetServices = () =>
  useAccountMutation(({ id, services }: { id: string; services: string[] }) =>
    unwrap(api.PUT("/api/accounts/{id}/services", { params: { path: { id } }, body: { services } })),
  );

export const useDisableAccount = () => useAccountMutation((id: string) => unwrap(api.POST("/api/accounts/{id}/disable", { params: { path: { id } } })));

export const useEnableAccount = () => useAccountMutation((id: string) => unwrap(api.POST("/api/accounts/{id}/enable", { params: { path: { id } } })));

export const useResetPassword = () =>
  useAccountMutation(({ id, password }: { id: string; password: string }) =>
    unwrap(api.POST("/api/accounts/{id}/password", { params: { path: { id } }, body: { password } })),
  );

import { queryOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { isApiError } from "../../../api/problem";

/** The session's queries. Signing in or out forgets every other query (nothing cached for one user may show to the next). */
export const authKeys = {
  all: ["auth"] as const,
  me: () => [...authKeys.all, "me"] as const,
  providers: () => [...authKeys.all, "providers"] as const,
};

/** `GET /api/auth/providers`: whether passwords are accepted here, and the single sign-on provider's button. */
export const signInOptionsQuery = () =>
  queryOptions({
    queryKey: authKeys.providers(),
    queryFn: () => unwrap(api.GET("/api/auth/providers")),
    staleTime: Infinity,
  });

/** `GET /api/auth/me`: the signed-in user and their roles. */
const fetchCurrentUser = () => unwrap(api.GET("/api/auth/me"));

/** Who is signed in, from the server's cookie session; null when nobody is (401). */
export const currentUserQuery = () =>
  queryOptions({
    queryKey: authKeys.me(),
    queryFn: async () => {
      try {
        return await fetchCurrentUser();
      } catch (e) {
        if (isApiError(e) && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: Infinity,
  });

/** Nothing cached for one user may show to the next: every query but the session's own goes (its observer lives in AuthProvider). */
const forgetOtherUsersData = (queries: QueryClient) => queries.removeQueries({ predicate: (q) => q.queryKey[0] !== authKeys.all[0] });

/** Signs in with the cookie (`?useCookies=true`: the browser never holds a token); the session becomes the new user's. */
export function useSignIn() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async ({ userName, password }: { userName: string; password: string }) => {
      await unwrap(api.POST("/api/auth/login", { params: { query: { useCookies: true } }, body: { userName, password } }));
      forgetOtherUsersData(queries);
      return fetchCurrentUser();
    },
    onSuccess: (user) => queries.setQueryData(currentUserQuery().queryKey, user),
  });
}

export function useSignOut() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/auth/logout")),
    onSuccess: () => {
      forgetOtherUsersData(queries);
      queries.setQueryData(currentUserQuery().queryKey, null);
    },
  });
}

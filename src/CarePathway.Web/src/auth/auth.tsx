import { createContext, useContext, type ReactNode } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import { isApiError } from "../api/problem";
import type { CurrentUser } from "../api/types";

export type Role = "coordinator" | "clinician" | "administrator";

interface Auth {
  user: CurrentUser | null;
  loading: boolean;
  hasRole: (role: Role) => boolean;
  signIn: (userName: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);
const meKey = ["me"];

/** Who is signed in, from the server's cookie session (`GET /api/auth/me`; 401 means nobody). */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queries = useQueryClient();
  const me = useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        return await unwrap(api.GET("/api/auth/me"));
      } catch (e) {
        if (isApiError(e) && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: Infinity,
  });

  // Nothing cached for one user may show to the next; "me" itself stays (its observer lives in this provider).
  const forgetOtherUsersData = () => queries.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
  const user = me.data ?? null;
  const auth: Auth = {
    user,
    loading: me.isPending,
    hasRole: (role) => user?.roles.includes(role) ?? false,
    signIn: async (userName, password) => {
      await unwrap(api.POST("/api/auth/login", { params: { query: { useCookies: true } }, body: { userName, password } }));
      forgetOtherUsersData();
      queries.setQueryData(meKey, await unwrap(api.GET("/api/auth/me")));
    },
    signOut: async () => {
      await unwrap(api.POST("/api/auth/logout"));
      forgetOtherUsersData();
      queries.setQueryData(meKey, null);
    },
  };
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth outside AuthProvider");
  return auth;
}

/** Where each role starts after signing in. */
export function homeOf(user: CurrentUser): string {
  if (user.roles.includes("administrator")) return "/designer";
  if (user.roles.includes("clinician")) return "/approvals";
  return "/worklist";
}

import { createContext, useContext, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import type { CurrentUser } from "../../api/types";
import { currentUserQuery, useSignIn, useSignOut } from "./api";

export type Role = "coordinator" | "clinician" | "administrator";

interface Auth {
  user: CurrentUser | null;
  loading: boolean;
  hasRole: (role: Role) => boolean;
  signIn: (userName: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

/** Who is signed in, from the server's cookie session (`GET /api/auth/me`; 401 means nobody). */
export function AuthProvider({ children }: { children: ReactNode }) {
  const me = useQuery(currentUserQuery());
  const signIn = useSignIn();
  const signOut = useSignOut();
  const user = me.data ?? null;
  const auth: Auth = {
    user,
    loading: me.isPending,
    hasRole: (role) => user?.roles.includes(role) ?? false,
    signIn: async (userName, password) => {
      await signIn.mutateAsync({ userName, password });
    },
    signOut: async () => {
      await signOut.mutateAsync();
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

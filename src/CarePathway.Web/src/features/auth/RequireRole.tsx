import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { LoadingSkeleton } from "../../ui/Loading";
import { useAuth, type Role } from "./auth";

/** Signed-in users with one of the roles see the page; others are sent to sign in or told plainly. */
export function RequireRole({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { user, loading, hasRole } = useAuth();
  const location = useLocation();
  if (loading) return <LoadingSkeleton />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (roles && !roles.some(hasRole)) {
    return (
      <div className="banner banner-error" role="alert">
        This page is for the {roles.join(" or ")} role; you are signed in as {user.roles.join(", ")}.
      </div>
    );
  }
  return <>{children}</>;
}

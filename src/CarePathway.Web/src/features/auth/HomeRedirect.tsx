import { Navigate } from "react-router";
import { homeOf, useAuth } from "./auth";

export function HomeRedirect() {
  const { user } = useAuth();
  return user ? <Navigate to={homeOf(user)} replace /> : <Navigate to="/login" replace />;
}

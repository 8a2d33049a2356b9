/** The session: who is signed in, their roles, the sign-in page and the role guard. */
export { AuthProvider, homeOf, useAuth, type Role } from "./auth";
export { HomeRedirect } from "./HomeRedirect";
export { RequireRole } from "./RequireRole";
export { SignInPage } from "./SignInPage";

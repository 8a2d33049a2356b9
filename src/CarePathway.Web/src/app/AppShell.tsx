import type { ReactNode } from "react";
import { NavLink, Outlet } from "react-router";
import { useAuth, type Role } from "../features/auth";
import { PathwayApprovalsCount } from "../features/pathwayApprovals";

/** Navigation follows the role: each person sees the parts of the product that are theirs (a section may have a count beside it). */
const sections: { to: string; label: string; role: Role; count?: ReactNode }[] = [
  { to: "/worklist", label: "Worklist", role: "coordinator" },
  { to: "/patients", label: "Patients", role: "coordinator" },
  { to: "/approvals", label: "Approvals", role: "clinician" },
  { to: "/patients", label: "Patients", role: "clinician" },
  { to: "/pathway-approvals", label: "Pathway changes", role: "clinician", count: <PathwayApprovalsCount /> },
  { to: "/designer", label: "Pathways", role: "administrator" },
  { to: "/pathway-approvals", label: "Pathway changes", role: "administrator", count: <PathwayApprovalsCount /> },
  { to: "/operations", label: "Operations", role: "administrator" },
  { to: "/accounts", label: "Accounts", role: "administrator" },
];

export function AppShell() {
  const { user, hasRole, signOut } = useAuth();
  const links = sections.filter((s) => hasRole(s.role)).filter((s, i, all) => all.findIndex((o) => o.to === s.to) === i);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">CarePathway</span>
        <nav aria-label="Main">
          <ul>
            {links.map((l) => (
              <li key={l.to}>
                <NavLink to={l.to}>
                  {l.label} {l.count}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            {user?.displayName} <span className="muted">({user?.roles.join(", ")})</span>
          </span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

import { Navigate, createBrowserRouter } from "react-router";
import { HomeRedirect, RequireRole, SignInPage } from "../features/auth";
import { AccountsPage } from "../features/accounts";
import { ApprovalQueuePage } from "../features/approvals";
import { DefinitionsPage, DesignerPage, prefetchDesigner } from "../features/designer";
import { OperationsPage } from "../features/operations";
import { PathwayApprovalPage, PathwayApprovalsPage } from "../features/pathwayApprovals";
import { PatientPage, PatientsPage } from "../features/patients";
import { TaskPage } from "../features/tasks";
import { WorklistPage } from "../features/worklist";
import { LoadingSkeleton } from "../ui/Loading";
import { AppShell } from "./AppShell";
import { queryClient } from "./queryClient";

export const router = createBrowserRouter([
  { path: "/login", element: <SignInPage /> },
  {
    element: (
      <RequireRole>
        <AppShell />
      </RequireRole>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: "worklist",
        element: (
          <RequireRole roles={["coordinator"]}>
            <WorklistPage />
          </RequireRole>
        ),
      },
      {
        path: "patients",
        element: (
          <RequireRole roles={["coordinator", "clinician"]}>
            <PatientsPage />
          </RequireRole>
        ),
      },
      {
        path: "patients/:patientId",
        element: (
          <RequireRole roles={["coordinator", "clinician"]}>
            <PatientPage />
          </RequireRole>
        ),
      },
      { path: "tasks/:taskId", element: <TaskPage /> },
      {
        path: "approvals",
        element: (
          <RequireRole roles={["clinician"]}>
            <ApprovalQueuePage />
          </RequireRole>
        ),
      },
      {
        path: "approvals/:taskId",
        element: (
          <RequireRole roles={["clinician"]}>
            <TaskPage />
          </RequireRole>
        ),
      },
      {
        path: "pathway-approvals",
        element: (
          <RequireRole roles={["clinician", "administrator"]}>
            <PathwayApprovalsPage />
          </RequireRole>
        ),
      },
      {
        path: "pathway-approvals/:definitionId/:version",
        element: (
          <RequireRole roles={["clinician", "administrator"]}>
            <PathwayApprovalPage />
          </RequireRole>
        ),
      },
      {
        path: "accounts",
        element: (
          <RequireRole roles={["administrator"]}>
            <AccountsPage />
          </RequireRole>
        ),
      },
      {
        path: "designer",
        element: (
          <RequireRole roles={["administrator"]}>
            <DefinitionsPage />
          </RequireRole>
        ),
      },
      {
        path: "designer/:definitionId/:version",
        // The version and the activity catalog are asked for while the sign-in is checked, not after it; nothing waits on them here.
        loader: ({ params }) => {
          prefetchDesigner(queryClient, params.definitionId ?? "", params.version ?? "1");
          return null;
        },
        HydrateFallback: LoadingSkeleton,
        element: (
          <RequireRole roles={["administrator"]}>
            <DesignerPage />
          </RequireRole>
        ),
      },
      {
        path: "operations",
        element: (
          <RequireRole roles={["administrator"]}>
            <OperationsPage />
          </RequireRole>
        ),
      },
      { path: "*", element: <Navigate to="/" replace /> },
    ],
  },
]);

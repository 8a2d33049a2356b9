import { Navigate, createBrowserRouter } from "react-router";
import { AppShell } from "./layout/AppShell";
import { SignInPage } from "./auth/SignInPage";
import { RequireRole } from "./auth/RequireRole";
import { HomeRedirect } from "./auth/HomeRedirect";
import { WorklistPage } from "./coordinator/WorklistPage";
import { PatientsPage } from "./coordinator/PatientsPage";
import { PatientPage } from "./coordinator/PatientPage";
import { TaskPage } from "./tasks/TaskPage";
import { ApprovalQueuePage } from "./clinician/ApprovalQueuePage";
import { DefinitionsPage } from "./designer/DefinitionsPage";
import { DesignerPage } from "./designer/DesignerPage";

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
        // Administrators reach a patient from the designer's instance view.
        element: (
          <RequireRole roles={["coordinator", "clinician", "administrator"]}>
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
        path: "designer",
        element: (
          <RequireRole roles={["administrator"]}>
            <DefinitionsPage />
          </RequireRole>
        ),
      },
      {
        path: "designer/:definitionId/:version",
        element: (
          <RequireRole roles={["administrator"]}>
            <DesignerPage />
          </RequireRole>
        ),
      },
      { path: "*", element: <Navigate to="/" replace /> },
    ],
  },
]);

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router";
import { router } from "./app/routes";
import { AuthProvider } from "./features/auth";
import "./styles.css";

const queries = new QueryClient({
  // Clinical data: refetch when the person comes back to the tab, but do not retry refusals (4xx).
  defaultOptions: { queries: { retry: (count, error) => count < 2 && !(error as { status?: number }).status, staleTime: 5_000 } },
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </QueryClientProvider>
  </StrictMode>,
);

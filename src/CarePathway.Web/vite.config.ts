import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// `npm run dev` serves the app on :5173 and forwards the API to a server started with
// `dotnet run --project src/CarePathway.Server` (http://localhost:5080), so the auth cookie
// stays same-origin exactly as in production, where the server serves the built files itself.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/api": "http://localhost:5080",
      "/openapi": "http://localhost:5080",
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
});

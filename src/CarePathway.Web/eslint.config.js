// ESLint (flat config): typescript-eslint with type information, the React hooks rules, and the
// app's module boundaries (see README, "Layout"). `npm run lint`; run by `dotnet test` through
// tests/CarePathway.Web.Tests (WebUnitTests).
import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** The feature folders under src/features; each has a public index.ts and, when it talks to the server, an api/ module. */
const features = ["accounts", "approvals", "auth", "designer", "instances", "labs", "operations", "pathwayApprovals", "patients", "services", "tasks", "worklist"];

/** What another feature may import of feature `f`: its public index and its api module, nothing else. */
const publicSurface = (f) => [`./${f}/index.ts`, `./${f}/api`];

const boundaries = [
  {
    target: "./src/ui",
    from: ["./src/features", "./src/app"],
    message: "ui/ is shared by every feature and imports none: pass what it shows as props.",
  },
  {
    target: "./src/api",
    from: ["./src/features", "./src/app", "./src/ui"],
    message: "api/ (client, problem details, generated types) is the layer under everything.",
  },
  {
    target: "./src/features",
    from: "./src/app",
    message: "Features do not import the app's shell or routes.",
  },
  {
    target: ["./src/app", "./src/main.tsx"],
    from: "./src/features",
    except: features.map((f) => `./${f}/index.ts`),
    message: "The app imports a feature through its index.ts only.",
  },
  ...features.map((f) => ({
    target: `./src/features/${f}`,
    from: "./src/features",
    except: [`./${f}`, ...features.filter((g) => g !== f).flatMap(publicSurface)],
    message: "A feature imports another only through its index.ts or its api/ module; export what you need there.",
  })),
];

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "src/api/schema.d.ts"] },
  {
    files: ["src/**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked, reactHooks.configs.flat.recommended],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js"] })],
      // Parsed with typescript-eslint, so no-cycle can follow imports through .ts and .tsx files.
      "import-x/extensions": [".ts", ".tsx", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
    },
    rules: {
      "import-x/no-restricted-paths": ["error", { zones: boundaries }],
      "import-x/no-cycle": "error",
      "import-x/no-unresolved": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Form and button handlers are async on purpose: they catch their own errors and show them.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // The data layer: only a feature's api/ module calls the server and names query keys, so every
    // key comes from a factory there and invalidation goes through it.
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/api/**", "src/features/*/api/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/api/client"], message: "Call the server through a feature's api/ module (fetcher, queryOptions or mutation hook)." }] },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "Property[key.name='queryKey']",
          message: "Query keys come from a feature's key factory: use its queryOptions (e.g. useQuery(taskQuery(id))).",
        },
        {
          selector: "CallExpression[callee.property.name=/^(invalidateQueries|resetQueries|refetchQueries|removeQueries|setQueryData)$/]",
          message: "Cache updates live in a feature's api/ module, next to the key factory (e.g. a mutation hook's onSuccess).",
        },
      ],
    },
  },
  {
    files: ["src/**/*.test.ts"],
    languageOptions: { globals: globals.node },
  },
);

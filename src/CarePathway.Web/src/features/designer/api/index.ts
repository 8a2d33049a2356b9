import { queryOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { MoveBody } from "../../../api/types";

/** A version in a URL or a DTO (the document types int64 as number or string). */
type Version = number | string;

/** The path parameters of a version's routes. */
const versionPath = (definitionId: string, version: Version) => ({ params: { path: { definitionId, version: Number(version) } } });

/**
 * The definitions and their versions. Everything about one version sits under `version(...)`, so
 * reloading a draft resets its document, its comparison copy and its positions together.
 */
export const definitionKeys = {
  all: ["definitions"] as const,
  /** The pathway list with each one's versions (the designer's version history reads it too). */
  list: () => [...definitionKeys.all, "list"] as const,
  version: (definitionId: string, version: Version) => [...definitionKeys.all, "version", definitionId, String(version)] as const,
  /** The version the designer edits: not refetched under the editor. */
  document: (definitionId: string, version: Version) => [...definitionKeys.version(definitionId, version), "document"] as const,
  /** The same version as one side of a comparison: its own entry, refetched as usual, so it never replaces the editor's. */
  compared: (definitionId: string, version: Version) => [...definitionKeys.version(definitionId, version), "compared"] as const,
  positions: (definitionId: string, version: Version) => [...definitionKeys.version(definitionId, version), "positions"] as const,
  /** What publishing the saved draft would do (read afresh each time: the draft may have been saved since). */
  review: (definitionId: string, version: Version) => [...definitionKeys.version(definitionId, version), "review"] as const,
  /** The versions waiting for a second person's approval (the approval pages and the navigation's count). */
  awaitingApproval: () => [...definitionKeys.all, "awaiting-approval"] as const,
};

/** What the server publishes about definitions: the activity catalog and the definition schema (fixed while it runs). */
export const catalogKeys = {
  all: ["catalog"] as const,
  activities: () => [...catalogKeys.all, "activities"] as const,
  schema: () => [...catalogKeys.all, "schema"] as const,
};

export const definitionListQuery = () =>
  queryOptions({
    queryKey: definitionKeys.list(),
    queryFn: () => unwrap(api.GET("/api/definitions")),
  });

const fetchVersion = (definitionId: string, version: Version) =>
  unwrap(api.GET("/api/definitions/{definitionId}/versions/{version}", versionPath(definitionId, version)));

/** The version open in the designer, with its validation problems. The editor owns it once loaded: refetching under it would not change what it shows. */
export const definitionDocumentQuery = (definitionId: string, version: Version) =>
  queryOptions({
    queryKey: definitionKeys.document(definitionId, version),
    queryFn: () => fetchVersion(definitionId, version),
    refetchOnWindowFocus: false,
  });

/** A stored version to compare with (versions never change, drafts do). */
export const comparedVersionQuery = (definitionId: string, version: Version) =>
  queryOptions({
    queryKey: definitionKeys.compared(definitionId, version),
    queryFn: () => fetchVersion(definitionId, version),
  });

/** Where a version's unfinished instances are, per activity (administrators only). */
export const versionPositionsQuery = (definitionId: string, version: Version) =>
  queryOptions({
    queryKey: definitionKeys.positions(definitionId, version),
    queryFn: () => unwrap(api.GET("/api/definitions/{definitionId}/versions/{version}/positions", versionPath(definitionId, version))),
  });

export const activityCatalogQuery = () =>
  queryOptions({
    queryKey: catalogKeys.activities(),
    queryFn: () => unwrap(api.GET("/api/activities")),
    staleTime: Infinity,
  });

/**
 * Asks for what the designer opens with (the version and the activity catalog) as soon as the address is known, so it
 * comes alongside the sign-in check instead of after it. Only what the cache lacks is fetched: the version the editor
 * owns is never fetched again under it.
 */
export function prefetchDesigner(queryClient: QueryClient, definitionId: string, version: Version) {
  void queryClient.prefetchQuery({ ...definitionDocumentQuery(definitionId, version), staleTime: Infinity });
  void queryClient.prefetchQuery(activityCatalogQuery());
}

/** The definition JSON schema (`application/schema+json`); the designer reads the parameter units from it. */
export const definitionSchemaQuery = () =>
  queryOptions({
    queryKey: catalogKeys.schema(),
    queryFn: () => unwrap(api.GET("/api/definitions/schema")) as Promise<unknown>,
    staleTime: Infinity,
  });

/** The engine's validator and expression parser on a document (saved or not). */
export const validateDefinition = (document: unknown) => unwrap(api.POST("/api/definitions/validate", { body: document as never }));

/** Runs a scenario (the CLI's `simulate` format) on a document, saved or not, in the server's simulator; nothing is stored. */
export const simulateDefinition = (definition: unknown, scenario: unknown) =>
  unwrap(api.POST("/api/definitions/simulate", { body: { definition: definition as never, scenario: scenario as never } }));

/**
 * The prefilled scenario for a document (saved or not), built on the server by running it, with the tasks it met (each
 * with its own outcomes) and the lab catalog, for the scenario form. Asked again only on "Reset to template".
 */
export const scenarioTemplateQuery = (definitionId: string, document: unknown) =>
  queryOptions({
    queryKey: [...definitionKeys.all, "scenario-template", definitionId] as const,
    queryFn: () => unwrap(api.POST("/api/definitions/scenario-template", { body: { definition: document as never } })),
    staleTime: Infinity,
    gcTime: 0,
  });

/** A new draft from a document (a new pathway, an import, or a published version to edit); every definition query refreshes. */
/**
 * A new draft opens at once: the version list refreshes beside it rather than before it (awaiting
 * the refetch held the designer on the old version for as long as the list took to answer).
 */
export function useCreateDraft() {
  const refreshList = useVersionListRefresh();
  return useMutation({
    mutationFn: (document: unknown) => unwrap(api.POST("/api/definitions", { body: document as never })),
    onSuccess: () => void refreshList(),
  });
}

/**
 * The version list refreshes after a save, publish or retire; the open version does not (refetching
 * it would replace the editor under the person's eyes).
 */
function useVersionListRefresh() {
  const queries = useQueryClient();
  return () => queries.invalidateQueries({ queryKey: definitionKeys.list(), exact: true });
}

/** Saves the draft; `rowVersion` is the one the editor loaded (a stale one is 409). */
export function useSaveDraft(definitionId: string, version: Version) {
  const onSuccess = useVersionListRefresh();
  return useMutation({
    mutationFn: ({ definition, rowVersion }: { definition: unknown; rowVersion: number }) =>
      unwrap(
        api.PUT("/api/definitions/{definitionId}/versions/{version}", {
          ...versionPath(definitionId, version),
          body: { definition: definition as never, rowVersion },
        }),
      ),
    onSuccess,
  });
}

/** What publishing the saved draft would do: the clinical parameters it changes and whether a second person must approve it. */
export const publishReviewQuery = (definitionId: string, version: Version) =>
  queryOptions({
    queryKey: definitionKeys.review(definitionId, version),
    staleTime: 0,
    queryFn: () => unwrap(api.GET("/api/definitions/{definitionId}/versions/{version}/review", versionPath(definitionId, version))),
  });

/** Asks to publish the draft with a change note: live at once, or awaiting approval (in the approval queue) when it changes a clinical parameter. */
export function usePublishVersion(definitionId: string, version: Version) {
  const queries = useQueryClient();
  const refreshList = useVersionListRefresh();
  const onSuccess = () => Promise.all([refreshList(), queries.invalidateQueries({ queryKey: definitionKeys.awaitingApproval() })]);
  return useMutation({
    mutationFn: (changeNote: string) =>
      unwrap(api.POST("/api/definitions/{definitionId}/versions/{version}/publish", { ...versionPath(definitionId, version), body: { changeNote } })),
    onSuccess,
  });
}

/** Every version awaiting a second person's approval, each with whether the signed-in user may approve it and why not. */
export const awaitingApprovalQuery = () =>
  queryOptions({
    queryKey: definitionKeys.awaitingApproval(),
    queryFn: () => unwrap(api.GET("/api/definitions/awaiting-approval")),
  });

/**
 * A second person (a clinician or another administrator) approves a version awaiting approval: it goes live. The
 * version list, the approval queue and the version's own entries (its status, its review) refresh.
 */
export function useApproveVersion(definitionId: string, version: Version) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (note: string) =>
      unwrap(api.POST("/api/definitions/{definitionId}/versions/{version}/approve", { ...versionPath(definitionId, version), body: { note } })),
    onSuccess: () =>
      Promise.all([
        queries.invalidateQueries({ queryKey: definitionKeys.list(), exact: true }),
        queries.invalidateQueries({ queryKey: definitionKeys.awaitingApproval() }),
        queries.invalidateQueries({ queryKey: definitionKeys.review(definitionId, version) }),
        queries.invalidateQueries({ queryKey: definitionKeys.compared(definitionId, version) }),
      ]),
  });
}

/** Retires the published version (or withdraws one awaiting approval), with a reason. */
export function useRetireVersion(definitionId: string, version: Version) {
  const onSuccess = useVersionListRefresh();
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST("/api/definitions/{definitionId}/versions/{version}/retire", { ...versionPath(definitionId, version), body: { reason } })),
    onSuccess,
  });
}

/** Forgets everything loaded about one version, so the designer loads the saved draft afresh. */
export function useReloadVersion(definitionId: string, version: Version) {
  const queries = useQueryClient();
  return () => queries.resetQueries({ queryKey: definitionKeys.version(definitionId, version) });
}

/** What moving running instances to another version would do (each run forward on both versions); nothing changes. */
export const dryRunMove = (definitionId: string, body: MoveBody) =>
  unwrap(api.POST("/api/definitions/{definitionId}/moves/dry-run", { params: { path: { definitionId } }, body }));

/** Moves the instances, each in its own transaction; every definition query (positions included) refreshes. */
export function useMoveInstances(definitionId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: MoveBody) => unwrap(api.POST("/api/definitions/{definitionId}/moves", { params: { path: { definitionId } }, body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: definitionKeys.all }),
  });
}

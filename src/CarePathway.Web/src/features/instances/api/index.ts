import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { api, unwrap } from "../../../api/client";
import { resourceKeys } from "../../../api/queryKeys";
import type { components, paths } from "../../../api/schema";
import type { InstanceStatus } from "../../../api/types";

/** The query string carries plain strings; the status filter takes only an instance status. */
export type InstanceListQuery = Omit<NonNullable<paths["/api/instances"]["get"]["parameters"]["query"]>, "status"> & { status?: InstanceStatus };
export type StartInstanceBody = components["schemas"]["StartInstance"];

/**
 * Everything a running pathway's progress changes: its instances, their journals, and the tasks it
 * opens (`taskKeys` in tasks/api builds on this root). Starting a pathway, completing a task and
 * recording an event move pathways on, so each invalidates all of it.
 */
export const progressKeys = {
  all: ["progress"] as const,
};

const instances = resourceKeys<InstanceListQuery>()(...progressKeys.all, "instances");

export const instanceKeys = {
  ...instances,
  journal: (id: string) => [...instances.detail(id), "journal"] as const,
  plan: (id: string) => [...instances.detail(id), "plan"] as const,
};

export const instanceListQuery = (query: InstanceListQuery) =>
  queryOptions({
    queryKey: instanceKeys.list(query),
    queryFn: () => unwrap(api.GET("/api/instances", { params: { query } })),
  });

/** Positions, waits, incidents, variables (and for clinical pathways the course and baselines). */
export const instanceQuery = (id: string) =>
  queryOptions({
    queryKey: instanceKeys.detail(id),
    queryFn: () => unwrap(api.GET("/api/instances/{id}", { params: { path: { id } } })),
  });

export const journalQuery = (id: string) =>
  queryOptions({
    queryKey: instanceKeys.journal(id),
    queryFn: () => unwrap(api.GET("/api/instances/{id}/journal", { params: { path: { id } } })),
  });

/**
 * Each published pathway and whether the patient may be started on it now, with why not (the server's own start check).
 * Under `progressKeys`: a start changes the answer (a running course rules out the others of its group).
 */
export const eligiblePathwaysQuery = (patientId: string) =>
  queryOptions({
    queryKey: [...progressKeys.all, "eligible-pathways", patientId] as const,
    queryFn: () => unwrap(api.GET("/api/patients/{id}/eligible-pathways", { params: { path: { id: patientId } } })),
  });

/** The course at a glance: cycles and days (planned, given, held, deferred), the rolling-year dose against the cap, what is next. */
export const treatmentPlanQuery = (id: string) =>
  queryOptions({
    queryKey: instanceKeys.plan(id),
    queryFn: () => unwrap(api.GET("/api/instances/{id}/plan", { params: { path: { id } } })),
  });

/** Starts a pathway for a patient (on its published version unless `version` says otherwise). */
export function useStartInstance() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: StartInstanceBody) => unwrap(api.POST("/api/instances", { body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: progressKeys.all }),
  });
}

/**
 * Keeps the page's pathway data live: the server's `/api/changes` stream (server-sent events, same origin, the
 * session cookie) says when any pathway or task changed on any node, and everything under `progressKeys` is
 * refetched, so two coordinators see a task claimed or completed by the other within seconds. The browser
 * reconnects by itself after a drop (the stream asks for 3 s).
 */
export function useLiveUpdates() {
  const queries = useQueryClient();
  useEffect(() => {
    const stream = new EventSource("/api/changes");
    const refresh = () => void queries.invalidateQueries({ queryKey: progressKeys.all });
    stream.addEventListener("change", refresh);
    return () => {
      stream.removeEventListener("change", refresh);
      stream.close();
    };
  }, [queries]);
}

export type InstanceChange = { action: "suspend" | "cancel"; reason: string } | { action: "resume" };

/** Suspends (with a reason), resumes or cancels (with a reason) a pathway; its tasks, timeline and worklists refresh. */
export function useChangeInstance(instanceId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (change: InstanceChange) => {
      const path = { id: instanceId };
      if (change.action === "resume") return unwrap(api.POST("/api/instances/{id}/resume", { params: { path } }));
      if (change.action === "suspend") return unwrap(api.POST("/api/instances/{id}/suspend", { params: { path }, body: { reason: change.reason } }));
      return unwrap(api.POST("/api/instances/{id}/cancel", { params: { path }, body: { reason: change.reason } }));
    },
    onSuccess: () => queries.invalidateQueries({ queryKey: progressKeys.all }),
  });
}

/** Retries an incident (its path waits again; a timer's is handed back, due now): from the patient page's timeline or the operator's view. */
export function useRetryIncident() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ instanceId, incidentId }: { instanceId: string; incidentId: string }) =>
      unwrap(api.POST("/api/instances/{id}/incidents/{incidentId}/retry", { params: { path: { id: instanceId, incidentId } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: progressKeys.all }),
  });
}

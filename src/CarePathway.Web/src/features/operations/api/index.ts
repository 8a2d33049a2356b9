import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { progressKeys } from "../../instances/api";

export type AuditQuery = NonNullable<paths["/api/operations/audit"]["get"]["parameters"]["query"]>;

/** The operator's view, under the progress root: a retried incident moves a pathway on like any other change. */
export const operationsKeys = {
  all: [...progressKeys.all, "operations"] as const,
  timers: () => [...operationsKeys.all, "timers"] as const,
  failedJobs: () => [...operationsKeys.all, "failed-jobs"] as const,
  incidents: () => [...operationsKeys.all, "incidents"] as const,
  audit: (query: AuditQuery) => [...operationsKeys.all, "audit", query] as const,
};

/** Looked at while something is wrong, so kept fresh without a reload. */
const refreshEvery = 10_000;

export const timersQuery = () =>
  queryOptions({
    queryKey: operationsKeys.timers(),
    queryFn: () => unwrap(api.GET("/api/operations/timers")),
    refetchInterval: refreshEvery,
  });

export const failedJobsQuery = () =>
  queryOptions({
    queryKey: operationsKeys.failedJobs(),
    queryFn: () => unwrap(api.GET("/api/operations/failed-jobs")),
    refetchInterval: refreshEvery,
  });

export const incidentsQuery = () =>
  queryOptions({
    queryKey: operationsKeys.incidents(),
    queryFn: () => unwrap(api.GET("/api/operations/incidents")),
    refetchInterval: refreshEvery,
  });

export const auditQuery = (query: AuditQuery) =>
  queryOptions({
    queryKey: operationsKeys.audit(query),
    queryFn: () => unwrap(api.GET("/api/operations/audit", { params: { query } })),
  });

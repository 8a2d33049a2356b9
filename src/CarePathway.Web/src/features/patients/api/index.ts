import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { resourceKeys } from "../../../api/queryKeys";
import type { components, paths } from "../../../api/schema";
import { progressKeys } from "../../instances/api";

export type PatientListQuery = NonNullable<paths["/api/patients"]["get"]["parameters"]["query"]>;
type Schemas = components["schemas"];
export type NewPatient = Schemas["CreatePatient"];
export type PatientCorrection = Schemas["PatientBody"];
export type LabBody = Schemas["LabBody"];
export type MeasurementBody = Schemas["MeasurementBody"];
export type AssessmentBody = Schemas["AssessmentBody"];
export type PatientTransfer = Schemas["TransferBody"];

export const patientKeys = resourceKeys<PatientListQuery>()("patients");

/** Search by name or MRN, paged by the server. */
export const patientListQuery = (query: PatientListQuery) =>
  queryOptions({
    queryKey: patientKeys.list(query),
    queryFn: () => unwrap(api.GET("/api/patients", { params: { query } })),
  });

/**
 * A patient with measurements, assessments and labs. Rows that carry only a patient id look the
 * name up here, so it is cached across rows and pages for a minute.
 */
export const patientQuery = (id: string) =>
  queryOptions({
    queryKey: patientKeys.detail(id),
    queryFn: () => unwrap(api.GET("/api/patients/{id}", { params: { path: { id } } })),
    staleTime: 60_000,
  });

export function useCreatePatient() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPatient) => unwrap(api.POST("/api/patients", { body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: patientKeys.lists() }),
  });
}

/** Corrects a patient's details and facts, from the version the editor loaded (a save over someone else's is a 409). */
export function useUpdatePatient(patientId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: PatientCorrection) => unwrap(api.PUT("/api/patients/{id}", { params: { path: { id: patientId } }, body })),
    onSuccess: () =>
      Promise.all([queries.invalidateQueries({ queryKey: patientKeys.detail(patientId) }), queries.invalidateQueries({ queryKey: patientKeys.lists() })]),
  });
}

/**
 * Moves the patient's care to another service. It changes which patients, tasks and pathways this user sees
 * everywhere (they may lose the patient), so every cached list and record is refreshed.
 */
export function useTransferPatient(patientId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: PatientTransfer) => unwrap(api.POST("/api/patients/{id}/transfer", { params: { path: { id: patientId } }, body })),
    onSuccess: () => queries.invalidateQueries(),
  });
}

/** Recording an event changes the patient (labs, measurements) and moves the pathways waiting for it on (tasks, journals). */
function useRecording<TBody, TResult>(patientId: string, record: (id: string, body: TBody) => Promise<TResult>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => record(patientId, body),
    onSuccess: () =>
      Promise.all([queries.invalidateQueries({ queryKey: patientKeys.detail(patientId) }), queries.invalidateQueries({ queryKey: progressKeys.all })]),
  });
}

/** A lab result (LOINC code, value, unit; the server checks them against the lab catalog). */
export const useRecordLab = (patientId: string) =>
  useRecording(patientId, (id, body: LabBody) => unwrap(api.POST("/api/patients/{id}/labs", { params: { path: { id } }, body })));

/** Marks a lab result entered in error, with why: kept for the record, counted nowhere; the pathways look again. */
export const useMarkLabEnteredInError = (patientId: string) =>
  useRecording(patientId, (id, { labId, reason }: { labId: string; reason: string }) =>
    unwrap(api.POST("/api/patients/{id}/labs/{labId}/entered-in-error", { params: { path: { id, labId } }, body: { reason } })),
  );

/** A weight or height. */
export const useRecordMeasurement = (patientId: string) =>
  useRecording(patientId, (id, body: MeasurementBody) => unwrap(api.POST("/api/patients/{id}/measurements", { params: { path: { id } }, body })));

/** A named assessment, e.g. nsaidResponse. */
export const useRecordAssessment = (patientId: string) =>
  useRecording(patientId, (id, body: AssessmentBody) => unwrap(api.POST("/api/patients/{id}/assessments", { params: { path: { id } }, body })));

import type { components } from "./schema";

/** Names for the server's schemas (generated; never written by hand). */
type Schemas = components["schemas"];
export type CurrentUser = Schemas["CurrentUserResponse"];
export type TaskSummary = Schemas["TaskSummary"];
export type TaskDetail = Schemas["TaskDetail"];
export type PatientSummary = Schemas["PatientSummary"];
export type PatientDetail = Schemas["PatientDetail"];
export type LabResult = Schemas["LabResultDto"];
export type InstanceSummary = Schemas["InstanceSummary"];
export type InstanceDetail = Schemas["InstanceDetail"];
export type JournalEntry = Schemas["JournalEntryDto"];
export type ActivityDescriptor = Schemas["ActivityDescriptor"];
export type InputDescriptor = Schemas["InputDescriptor"];
export type DefinitionSummary = Schemas["DefinitionSummary"];
export type DefinitionVersionDetail = Schemas["DefinitionVersionDetail"];
export type ValidationProblem = Schemas["ValidationProblem"];
export type ActivityPosition = Schemas["ActivityPosition"];

/**
 * The engine's InputKind and ExpressionType enums travel as numbers (the server does not
 * serialise enums as strings); the OpenAPI document only says "integer", so their order is
 * mirrored here, from src/CarePathway.Engine/Activities/ActivityDescriptor.cs.
 */
export const InputKinds = ["Text", "Expression", "Choice", "Number", "Boolean", "TextList", "ObjectList"] as const;
export type InputKindName = (typeof InputKinds)[number];
export const inputKindName = (kind: number | string): InputKindName => (typeof kind === "string" ? (kind as InputKindName) : (InputKinds[kind] ?? "Text"));

export const ExpressionTypes = ["Any", "Boolean", "Number", "Duration", "DateTime", "String"] as const;
export const expressionTypeName = (type: number | string | undefined): string => (typeof type === "string" ? type : (ExpressionTypes[type ?? 0] ?? "Any"));

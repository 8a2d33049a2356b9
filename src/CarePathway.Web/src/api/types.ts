import type { components } from "./schema";

/** Names for the server's schemas (generated; never written by hand). */
type Schemas = components["schemas"];
export type CurrentUser = Schemas["CurrentUserResponse"];
export type TaskSummary = Schemas["TaskSummary"];
export type TaskDetail = Schemas["TaskDetail"];
export type OutcomeChoice = Schemas["OutcomeAvailability"];
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
export type MoveBody = Schemas["MoveBody"];
export type MoveReport = Schemas["MoveReport"];
export type InstanceMove = Schemas["InstanceMove"];
export type SimulationWait = Schemas["SimulationWait"];
export type ScenarioTemplateAnswer = Schemas["ScenarioTemplateAnswer"];
export type TemplateTask = Schemas["TemplateTask"];
export type LabChoice = Schemas["LabChoice"];

/** The closed sets the server declares: comparing against a value outside them is a compile error. */
export type TaskStatus = Schemas["HumanTaskStatus"];
export type InstanceStatus = Schemas["InstanceStatus"];
export type LabHold = NonNullable<Schemas["LabHold"]>;

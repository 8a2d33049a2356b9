import type { ActivityDescriptor } from "../../api/types";
import { outcomesOf, type DefinitionDoc } from "./definitionModel";

/**
 * A scenario to start from (the CLI's `simulate` format, src/CarePathway.Engine/Simulation): a
 * patient, a year, and every task of the pathway answered with its first outcome, so a run shows
 * the whole path at once; the author edits it from there.
 */
export function scenarioTemplate(doc: DefinitionDoc, catalog: ReadonlyMap<string, ActivityDescriptor>): string {
  const tasks: Record<string, string[]> = {};
  for (const activity of doc.activities) {
    const kind = activity.inputs?.kind;
    const first = outcomesOf(activity, catalog.get(activity.type))[0];
    if (typeof kind === "string" && kind && first) tasks[kind] ??= [first];
  }
  const scenario = {
    pathway: doc.definitionId,
    start: "2026-01-05T09:00:00Z",
    patient: { birthDate: "2014-01-05", sex: "female", weightKg: 40, heightCm: 150, diagnosis: "", facts: {} },
    events: [],
    answers: { labs: {}, assessments: {}, tasks },
    until: 365,
  };
  return JSON.stringify(scenario, null, 2);
}

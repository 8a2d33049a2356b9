import type { OutcomeChoice } from "../../api/types";
import { asSentence } from "../../ui/format";

/**
 * Why the outcomes the server rules out are unavailable, each reason once: a coordinator looking at a
 * clinician's task gets "This task is for the clinician role." once, not once per outcome. The server
 * judges the pathway as it is now; the form only shows what it said.
 */
export function unavailableReasons(choices: readonly OutcomeChoice[]): string[] {
  const reasons = choices.filter((c) => !c.available && c.unavailableBecause).map((c) => asSentence(c.unavailableBecause ?? ""));
  return [...new Set(reasons)];
}

import { capitalised } from "../../ui/format";

/**
 * The task outcomes in the words a ward uses. Only the words: the outcome sent is the engine's name, which stays as it
 * is (pathways, the journal and scenarios read it). An outcome not listed is shown with its dashes as spaces.
 */
const words: Record<string, { label: string; whyPrompt: string }> = {
  approved: { label: "Approve", whyPrompt: "to approve" },
  rejected: { label: "Reject", whyPrompt: "to reject" },
  overridden: { label: "Override", whyPrompt: "to override" },
  given: { label: "Infusion given as recorded", whyPrompt: "for an infusion given" },
  "not-given": { label: "Infusion not given", whyPrompt: "when the infusion was not given: say why" },
  ordered: { label: "Labs ordered", whyPrompt: "to mark the labs ordered" },
};

export const outcomeText = (name: string) => words[name]?.label ?? capitalised(name.replaceAll("-", " "));

/** The message when an outcome's required reason is missing: "A reason is required to override." */
export const reasonRequiredText = (name: string) => `A reason is required ${words[name]?.whyPrompt ?? `for \u201c${outcomeText(name)}\u201d`}.`;

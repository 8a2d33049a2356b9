/** Pathway instances: a pathway's timeline from its journal, and starting one for a patient. */
export { PathwayTimeline } from "./PathwayTimeline";
export { StartPathwayForm } from "./StartPathwayForm";

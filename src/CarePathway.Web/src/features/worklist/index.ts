/** The coordinator's worklist: task views by due date and lab hold, and suspended pathways. */
export { WorklistPage } from "./WorklistPage";

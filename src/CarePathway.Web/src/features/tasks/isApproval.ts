import type { TaskSummary } from "../../api/types";

/**
 * An approval is a clinician's decision (approve, reject, override) and gets the approval page's layout;
 * any other task with evidence (a lab gate's order, an administration) is still the coordinator's to complete.
 */
export const isApproval = (task: TaskSummary) => task.role === "clinician";

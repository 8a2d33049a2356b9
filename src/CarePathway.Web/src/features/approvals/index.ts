/** The clinician's approval queue (the approval page itself is the tasks feature's task page). */
export { ApprovalQueuePage } from "./ApprovalQueuePage";

/** The operator's view (administrators): timers, incidents with retry, failed jobs, the audit trail. */
export { OperationsPage } from "./OperationsPage";

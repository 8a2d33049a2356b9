/** A second person's approval of pathway versions that change a clinical parameter (clinicians and administrators). */
export { PathwayApprovalsCount, PathwayApprovalsPage } from "./PathwayApprovalsPage";
export { PathwayApprovalPage } from "./PathwayApprovalPage";

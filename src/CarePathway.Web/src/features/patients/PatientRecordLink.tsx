import { Link } from "react-router";
import { useAuth } from "../auth";

/**
 * A patient's name in an administrator's view (the designer's instances, the operations view): a link to the record
 * for clinical staff, plain text for an administrator without a clinical role, whom the server refuses the record
 * (administrators manage pathways and accounts, not patients' care).
 */
export function PatientRecordLink({ id, name }: { id: string; name: string }) {
  const { hasRole } = useAuth();
  if (!hasRole("coordinator") && !hasRole("clinician")) return <span title="Opening the record needs a clinical role">{name}</span>;
  return <Link to={`/patients/${id}`}>{name}</Link>;
}

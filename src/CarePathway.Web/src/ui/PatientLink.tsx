import { Link } from "react-router";

/** A patient's "Family, Given" linking to their page, with the MRN beside it (as rows of the API carry them). */
export function PatientLink({ id, name, mrn }: { id: string; name: string; mrn: string }) {
  return (
    <>
      <Link to={`/patients/${id}`}>{name}</Link>
      <span className="muted"> · {mrn}</span>
    </>
  );
}

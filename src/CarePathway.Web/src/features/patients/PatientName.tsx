import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { patientQuery } from "./api";

/**
 * A patient's name linking to their page. Task and instance summaries carry only the patient id,
 * so the name is looked up (once per patient, cached across rows and pages).
 */
export function PatientName({ id }: { id: string }) {
  const patient = useQuery(patientQuery(id));
  const name = patient.data ? `${patient.data.familyName}, ${patient.data.givenName}` : "Patient";
  return (
    <Link to={`/patients/${id}`}>
      {name}
      {patient.data && <span className="muted"> · {patient.data.mrn}</span>}
    </Link>
  );
}

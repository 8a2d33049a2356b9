/** Patients: the list and search, a patient's page (tasks, pathways, recording events), a patient's name as a link. */
export { PatientName } from "./PatientName";
export { PatientPage } from "./PatientPage";
export { PatientRecordLink } from "./PatientRecordLink";
export { PatientsPage } from "./PatientsPage";

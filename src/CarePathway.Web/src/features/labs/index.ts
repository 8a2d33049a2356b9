/** Lab results: the entry form that picks the test and its unit from the server's lab catalog (patient page, order-labs tasks). */
export { LabEntryForm } from "./LabEntryForm";

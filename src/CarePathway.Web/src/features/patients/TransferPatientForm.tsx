import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import type { PatientDetail } from "../../api/types";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Field } from "../../ui/Field";
import { submission } from "../../ui/submission";
import { ServiceSelect } from "../services";
import { serviceListQuery } from "../services/api";
import { useTransferPatient } from "./api";

const fields = ["service", "reason", "rowVersion"];

/**
 * Moves the patient's care to another service, with a reason. The new service's staff see the patient from then on;
 * a person who does not hold it loses the record, so the form says so before it goes and leaves the page after.
 */
export function TransferPatientForm({ patient, onDone }: { patient: PatientDetail; onDone: () => void }) {
  const navigate = useNavigate();
  const [service, setService] = useState("");
  const [reason, setReason] = useState("");
  const transfer = submission(useTransferPatient(patient.id));
  const services = useQuery(serviceListQuery());
  const serviceName = (code: string) => services.data?.find((s) => s.code === code)?.displayName ?? code;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const moved = await transfer.submit({ service: service || null, reason: reason.trim() || null, rowVersion: patient.rowVersion }).catch(() => undefined);
    if (!moved) return;
    if (moved.stillYours) onDone();
    else void navigate("/patients", { state: { notice: `${patient.familyName}, ${patient.givenName} moved to ${serviceName(moved.toService)}.` } });
  };

  return (
    <form onSubmit={submit} aria-labelledby="transfer-patient-title" className="card" noValidate>
      <h2 id="transfer-patient-title">Move to another service</h2>
      <p className="muted">
        The patient, their tasks and pathways go to the new service's staff. If you do not work in that service, you will no longer see this patient.
      </p>
      <div className="row">
        <Field label="New service" errors={transfer.fieldErrors("service")}>
          <ServiceSelect value={service} onChange={setService} />
        </Field>
        <Field label="Reason" errors={transfer.fieldErrors("reason")}>
          <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. referred to the pain clinic" />
        </Field>
      </div>
      <ErrorBanner error={transfer.error} claimedFields={fields} />
      <div className="actions">
        <button type="submit" className="primary" disabled={transfer.busy}>
          Move patient
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

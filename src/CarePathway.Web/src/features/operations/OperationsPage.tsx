import { useState } from "react";
import { AuditSection } from "./AuditSection";
import { FailedJobsSection, IncidentsSection, TimersSection } from "./StatusSections";

/**
 * What an administrator looks at to see the system run: timers waiting, due and late; Hangfire's failed jobs;
 * incidents across every instance, each retried here; the audit trail by user, patient and day. An incident's
 * "Audit trail" fills the search with its patient.
 */
export function OperationsPage() {
  const [auditPatient, setAuditPatient] = useState("");
  return (
    <section aria-labelledby="operations-title" className="operations">
      <div className="page-head">
        <h1 id="operations-title">Operations</h1>
      </div>
      <p className="muted">
        Refreshed every 10 seconds. The job dashboard (<a href="/jobs">/jobs</a>) shows Hangfire itself, read-only.
      </p>
      <TimersSection />
      <IncidentsSection onAudit={setAuditPatient} />
      <FailedJobsSection />
      <AuditSection patientId={auditPatient} onPatientId={setAuditPatient} />
    </section>
  );
}

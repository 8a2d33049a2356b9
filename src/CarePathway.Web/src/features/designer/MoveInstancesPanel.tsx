import { useMemo, useState, type ReactNode } from "react";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import type { ActivityPosition, DefinitionSummary, InstanceMove, MoveBody, MoveReport } from "../../api/types";
import { isApiError, problemErrors } from "../../api/problem";
import { PatientRecordLink } from "../patients";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { comparedVersionQuery, dryRunMove, useMoveInstances } from "./api";
import { asDefinitionDoc, type DefinitionDoc } from "./definitionModel";

interface MoveInstancesPanelProps {
  summary: DefinitionSummary | undefined;
  openVersion: number;
  doc: DefinitionDoc;
  positions: UseQueryResult<ActivityPosition[]>;
}

type Selection = "all" | "activity" | "patient";

/** "Review NSAID response (nsaid-review)": the name people know, with the id the mapping is about. */
const labelOf = (doc: DefinitionDoc | undefined, id: string) => {
  const name = doc?.activities.find((a) => a.id === id)?.name;
  return name ? `${name} (${id})` : id;
};

/**
 * Moves this version's running instances to the published version: which instances, where each waiting activity lands
 * (an activity of the same type; one with the same id is chosen first), why. A dry run shows each instance run forward
 * on both versions; the move is offered only for the plan that was dry-run, and instances that cannot move stay, with
 * the reason in red.
 */
export function MoveInstancesPanel({ summary, openVersion, doc, positions }: MoveInstancesPanelProps) {
  const target = summary?.publishedVersion == null ? null : Number(summary.publishedVersion);
  const targetDoc = useQuery({ ...comparedVersionQuery(doc.definitionId, target ?? 0), enabled: target !== null && target !== openVersion });
  const into = useMemo(() => (targetDoc.data ? asDefinitionDoc(targetDoc.data.definition) : undefined), [targetDoc.data]);
  const [selection, setSelection] = useState<Selection>("all");
  const [atActivity, setAtActivity] = useState("");
  const [patientId, setPatientId] = useState("");
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [reason, setReason] = useState("");
  const [report, setReport] = useState<MoveReport | null>(null);
  const [dryRunOf, setDryRunOf] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const move = useMoveInstances(doc.definitionId);

  if (target === null) return <Panel>No version of this pathway is published: there is nowhere to move its instances.</Panel>;
  if (target === openVersion) return <Panel>This is the published version. Open an older version to move its running instances here.</Panel>;

  const waiting = positions.data ?? [];
  const typeOf = (d: DefinitionDoc | undefined, id: string) => d?.activities.find((a) => a.id === id)?.type;
  const landing = (from: string) => mapping[from] ?? (into?.activities.some((a) => a.id === from && a.type === typeOf(doc, from)) ? from : "");
  const body: MoveBody = {
    fromVersion: openVersion,
    toVersion: target,
    select:
      selection === "activity"
        ? { activityId: atActivity, patientId: null, instanceIds: null }
        : selection === "patient"
          ? { activityId: null, patientId: patientId.trim(), instanceIds: null }
          : null,
    mapping: Object.fromEntries(waiting.map((p): [string, string] => [p.activityId, landing(p.activityId)]).filter(([from, to]) => to !== "" && to !== from)),
    reason: reason.trim() === "" ? null : reason.trim(),
  };
  const plan = JSON.stringify({ ...body, reason: null });
  const fieldErrors: Record<string, string[]> = isApiError(error) ? problemErrors(error.problem) : {};

  const run = async (apply: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const answer = apply ? await move.mutateAsync(body) : await dryRunMove(doc.definitionId, body);
      setReport(answer);
      setDryRunOf(apply ? null : plan);
    } catch (e) {
      setError(e);
      setReport(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel>
      <p>
        Move running instances of v{openVersion} to the published v{target}. Each waiting task, timer or lab wait lands on an activity of the same type; the
        course carries over.
      </p>
      <fieldset className="move-select">
        <legend>Which instances</legend>
        <label>
          <input type="radio" name="move-select" checked={selection === "all"} onChange={() => setSelection("all")} /> All
        </label>
        <label>
          <input type="radio" name="move-select" checked={selection === "activity"} onChange={() => setSelection("activity")} /> Those at
        </label>
        <select
          aria-label="Activity the instances are at"
          value={atActivity}
          disabled={selection !== "activity"}
          onChange={(e) => setAtActivity(e.target.value)}
        >
          <option value="">(choose)</option>
          {waiting.map((p) => (
            <option key={p.activityId} value={p.activityId}>
              {labelOf(doc, p.activityId)}
            </option>
          ))}
        </select>
        <label>
          <input type="radio" name="move-select" checked={selection === "patient"} onChange={() => setSelection("patient")} /> The patient
        </label>
        <input
          aria-label="Patient id"
          value={patientId}
          disabled={selection !== "patient"}
          onChange={(e) => setPatientId(e.target.value)}
          placeholder="patient id"
        />
        {(fieldErrors["select.activityId"] ?? fieldErrors["select.patientId"] ?? []).map((m) => (
          <span key={m} className="field-error">
            {m}
          </span>
        ))}
      </fieldset>
      {positions.isPending && <p className="muted">Loading where the instances are…</p>}
      {waiting.length > 0 && (
        <table className="grid compact">
          <caption>Where each waiting activity lands in v{target}</caption>
          <thead>
            <tr>
              <th scope="col">In v{openVersion}</th>
              <th scope="col">Instances</th>
              <th scope="col">Lands on</th>
            </tr>
          </thead>
          <tbody>
            {waiting.map((p) => {
              const errors = fieldErrors[`mapping.${p.activityId}`] ?? [];
              const sameType = (into?.activities ?? []).filter((a) => a.type === typeOf(doc, p.activityId));
              return (
                <tr key={p.activityId}>
                  <td>{labelOf(doc, p.activityId)}</td>
                  <td>{p.count}</td>
                  <td>
                    <select
                      aria-label={`Where ${p.activityId} lands`}
                      aria-invalid={errors.length > 0}
                      value={landing(p.activityId)}
                      onChange={(e) => setMapping({ ...mapping, [p.activityId]: e.target.value })}
                    >
                      <option value="">(not mapped)</option>
                      {sameType.map((a) => (
                        <option key={a.id} value={a.id}>
                          {labelOf(into, a.id)}
                        </option>
                      ))}
                    </select>
                    {errors.map((m) => (
                      <div key={m} className="field-error">
                        {m}
                      </div>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <label htmlFor="move-reason">Why they move (journaled on each instance)</label>
      <textarea id="move-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} aria-invalid={(fieldErrors.reason ?? []).length > 0} />
      {(fieldErrors.reason ?? []).map((m) => (
        <div key={m} className="field-error">
          {m}
        </div>
      ))}
      <div className="toolbar">
        <button type="button" onClick={() => void run(false)} disabled={busy}>
          Dry run
        </button>
        <button type="button" className="primary" onClick={() => void run(true)} disabled={busy || dryRunOf !== plan || !body.reason || report?.moving === 0}>
          {report && dryRunOf === plan ? `Move ${report.moving} instance${Number(report.moving) === 1 ? "" : "s"}` : "Move (dry run first)"}
        </button>
      </div>
      <ErrorBanner
        error={error}
        claimedFields={Object.keys(fieldErrors).filter((f) => f === "reason" || f.startsWith("mapping.") || f.startsWith("select."))}
      />
      {report && <Report report={report} />}
    </Panel>
  );
}

function Panel({ children }: { children: ReactNode }) {
  return (
    <section aria-labelledby="move-title" className="tool-panel move">
      <h2 id="move-title">Move instances</h2>
      {children}
    </section>
  );
}

function Report({ report }: { report: MoveReport }) {
  return (
    <div role="status" aria-label="Move report">
      <p>
        {report.applied ? "Moved" : "Dry run (nothing changed)"}: {report.moving} of {report.selected} instance{Number(report.selected) === 1 ? "" : "s"}{" "}
        {report.applied ? "moved" : "would move"} to v{report.toVersion}
        {Number(report.staying) > 0 && <span className="stays">, {report.staying} stay where they are</span>}.
      </p>
      <table className="grid compact">
        <thead>
          <tr>
            <th scope="col">Patient</th>
            <th scope="col">Paths</th>
            <th scope="col">{report.applied ? "Result" : "What changes"}</th>
          </tr>
        </thead>
        <tbody>
          {report.instances.map((i) => (
            <InstanceRow key={i.instanceId} instance={i} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InstanceRow({ instance }: { instance: InstanceMove }) {
  const forward = instance.forward;
  return (
    <tr>
      <td>
        <PatientRecordLink id={instance.patientId} name={instance.patientName} />
      </td>
      <td>
        {instance.paths.map((p) => (
          <div key={p.from}>
            {p.from} → {p.to ?? "nowhere"} <span className="muted small">({p.waiting})</span>
          </div>
        ))}
      </td>
      <td>
        {!instance.moves ? (
          <span className="stays">Stays: {instance.staysBecause}</span>
        ) : forward ? (
          <details>
            <summary>{forward.differs ? "Its course changes" : "Its course is the same"}</summary>
            <div className="move-forward">
              <ForwardSteps title="On its version" steps={forward.onCurrentVersion.steps} waitingOn={forward.onCurrentVersion.waitingOn} />
              <ForwardSteps title="Moved" steps={forward.onNewVersion.steps} waitingOn={forward.onNewVersion.waitingOn} />
            </div>
          </details>
        ) : (
          "Moved"
        )}
      </td>
    </tr>
  );
}

function ForwardSteps({ title, steps, waitingOn }: { title: string; steps: string[]; waitingOn?: string | null }) {
  return (
    <div>
      <strong>{title}</strong>
      <ol className="small">
        {steps.map((s, n) => (
          <li key={n}>{s}</li>
        ))}
      </ol>
      {waitingOn && <p className="small">Then waits on {waitingOn}</p>}
    </div>
  );
}

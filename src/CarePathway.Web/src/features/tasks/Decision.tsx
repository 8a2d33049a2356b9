import { formatDateTime, formatValue } from "../../ui/format";

export interface DecisionFacts {
  status?: unknown;
  outcome?: unknown;
  completedBy?: unknown;
  completedAt?: unknown;
  reason?: unknown;
}

/** A decision already taken (this task's, or the one that beat ours to it: the 409's `current`). */
export function Decision({ decision }: { decision: DecisionFacts }) {
  if (decision.status === "cancelled") return <p>This task was cancelled: the pathway moved on without it.</p>;
  return (
    <dl className="values decision">
      <div>
        <dt>Outcome</dt>
        <dd>
          <strong>{formatValue(decision.outcome)}</strong>
        </dd>
      </div>
      <div>
        <dt>By</dt>
        <dd>{formatValue(decision.completedBy)}</dd>
      </div>
      <div>
        <dt>When</dt>
        <dd>{formatDateTime(typeof decision.completedAt === "string" ? decision.completedAt : null)}</dd>
      </div>
      {decision.reason != null && decision.reason !== "" && (
        <div>
          <dt>Reason</dt>
          <dd>{formatValue(decision.reason)}</dd>
        </div>
      )}
    </dl>
  );
}

import { memo } from "react";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import type { ValidationProblem } from "../../api/types";

/** How a compared version differs at this activity. */
export type NodeChangeMark = "added" | "changed";

export type ActivityNodeData = {
  /** What people call the activity (its name or title); the id shows under it when they differ. */
  label: string;
  type: string;
  outcomes: string[];
  problems: ValidationProblem[];
  /** Instances of this version currently at this activity (instance view). */
  instanceCount?: number;
  /** Set while comparing versions. */
  change?: NodeChangeMark;
};

export type ActivityFlowNode = Node<ActivityNodeData, "activity">;

/** An activity on the canvas: one input, one output handle per outcome, its problems and the tools' marks on it. */
export const ActivityNode = memo(function ActivityNode({ id, data, selected }: NodeProps<ActivityFlowNode>) {
  const hasProblems = data.problems.length > 0;
  const classes = ["activity-node", selected && "selected", hasProblems && "invalid", data.instanceCount && "occupied", data.change && `change-${data.change}`]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={classes} data-activity-id={id} title={hasProblems ? data.problems.map((p) => `${p.field}: ${p.message}`).join("\n") : undefined}>
      {data.type !== "Start" && <Handle type="target" position={Position.Top} />}
      {data.instanceCount ? (
        <div className="node-instances" aria-label={`${data.instanceCount} instance${data.instanceCount > 1 ? "s" : ""} here now`}>
          {data.instanceCount}
        </div>
      ) : null}
      {data.change && <div className="node-change">{data.change}</div>}
      <div className="node-type">{data.type}</div>
      <div className="node-label">{data.label}</div>
      {data.label !== id && <div className="node-id">{id}</div>}
      {hasProblems && (
        <div className="node-problems" role="note">
          {data.problems.length} problem{data.problems.length > 1 ? "s" : ""}: {data.problems[0]?.message}
        </div>
      )}
      <div className="node-outcomes">
        {data.outcomes.map((o, i) => (
          <div key={o} className="node-outcome" style={{ left: `${((i + 1) * 100) / (data.outcomes.length + 1)}%` }}>
            <span>{o}</span>
            <Handle type="source" id={o} position={Position.Bottom} />
          </div>
        ))}
      </div>
    </div>
  );
});

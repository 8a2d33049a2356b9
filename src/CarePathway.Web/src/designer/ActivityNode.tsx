import { memo } from "react";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import type { ValidationProblem } from "../api/types";

export type ActivityNodeData = {
  label: string;
  type: string;
  outcomes: string[];
  problems: ValidationProblem[];
  /** Instances of this version currently at this activity (instance view). */
  instanceCount?: number;
};

export type ActivityFlowNode = Node<ActivityNodeData, "activity">;

/** An activity on the canvas: one input, one output handle per outcome, its problems on it. */
export const ActivityNode = memo(function ActivityNode({ id, data, selected }: NodeProps<ActivityFlowNode>) {
  const hasProblems = data.problems.length > 0;
  const classes = ["activity-node", selected && "selected", hasProblems && "invalid", data.instanceCount && "occupied"].filter(Boolean).join(" ");
  return (
    <div className={classes} data-activity-id={id} title={hasProblems ? data.problems.map((p) => `${p.field}: ${p.message}`).join("\n") : undefined}>
      {data.type !== "Start" && <Handle type="target" position={Position.Top} />}
      <div className="node-type">{data.type}</div>
      <div className="node-label">{data.label}</div>
      {hasProblems && (
        <div className="node-problems" role="note">
          {data.problems.length} problem{data.problems.length > 1 ? "s" : ""}: {data.problems[0]?.message}
        </div>
      )}
      {data.instanceCount ? <div className="node-instances">{data.instanceCount} here now</div> : null}
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

import { memo } from "react";
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";

/**
 * A connection labelled with its outcome. React Flow's own label is SVG text that it measures after drawing and then
 * draws again (a second render and a forced layout per connection: noticeable on a 200-activity pathway as it opens);
 * this one is HTML centred on the curve by CSS, drawn once.
 */
export const OutcomeEdge = memo(function OutcomeEdge(props: EdgeProps) {
  const { id, label, markerEnd, style, interactionWidth, sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />
      {label && (
        <EdgeLabelRenderer>
          <div className="edge-label" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

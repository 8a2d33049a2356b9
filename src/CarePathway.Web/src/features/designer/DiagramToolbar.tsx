import { Panel, useReactFlow } from "@xyflow/react";

interface DiagramToolbarProps {
  onTidy: () => void;
}

/** The diagram's own edits, over the canvas: they change where things are, not what the pathway does. */
export function DiagramToolbar({ onTidy }: DiagramToolbarProps) {
  const flow = useReactFlow();
  const tidy = () => {
    onTidy();
    // The tidied diagram has a new extent: fit it once React Flow has the new positions.
    requestAnimationFrame(() => void flow.fitView());
  };
  return (
    <Panel position="top-left" className="diagram-toolbar" role="toolbar" aria-label="Diagram">
      <button type="button" onClick={tidy} title="Lay the activities out along their connections, top to bottom">
        Tidy layout
      </button>
    </Panel>
  );
}

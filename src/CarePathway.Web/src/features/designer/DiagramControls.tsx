import { useCallback, useEffect, useRef } from "react";
import { ControlButton, Controls, useReactFlow, useStore, useStoreApi } from "@xyflow/react";
import { unmeasuredSize } from "./diagramLayout";
import { readableViewport } from "./viewport";

/** Fits the diagram to the canvas, never below the zoom its names are readable at (see readableViewport). */
export function useReadableFit() {
  const flow = useReactFlow();
  const store = useStoreApi();
  return useCallback(() => {
    const boxes = flow.getNodes().map((n) => ({ x: n.position.x, y: n.position.y, ...unmeasuredSize, ...n.measured }));
    const { width, height } = store.getState();
    void flow.setViewport(readableViewport(boxes, { width, height }));
  }, [flow, store]);
}

/** Zoom and pan controls whose "fit" keeps the diagram readable; the diagram opens fitted that way. */
export function DiagramControls() {
  const fit = useReadableFit();
  const ready = useStore((s) => s.width > 0 && s.height > 0 && s.nodeLookup.size > 0);
  const fitted = useRef(false);
  useEffect(() => {
    if (!ready || fitted.current) return;
    fitted.current = true;
    fit();
  }, [ready, fit]);
  return (
    <Controls showFitView={false}>
      <ControlButton onClick={fit} title="Fit to screen (as far as it stays readable)" aria-label="Fit to screen">
        ⤢
      </ControlButton>
    </Controls>
  );
}

import { useEffect } from "react";
import { Panel, useReactFlow, useStoreApi } from "@xyflow/react";
import { useReadableFit } from "./DiagramControls";
import type { Region } from "./diagramLayout";

interface DiagramToolbarProps {
  onTidy: () => void;
  /** Absent when there is nothing to undo (or redo). */
  onUndo?: () => void;
  onRedo?: () => void;
  /** Absent when no activity is selected. */
  onCopy?: () => void;
  /** Absent when nothing was copied. */
  onPaste?: () => void;
  /** What was just added or pasted: the view moves to it when it is out of sight, at the same zoom. */
  reveal: Region | null;
}

/** Typing in a field keeps the browser's own keys (its text undo, copy and paste); the diagram's are for the rest of the page. */
const inEditableField = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** Text selected on the page is what Ctrl+C copies then, not the activities. */
const textSelected = () => (window.getSelection()?.toString() ?? "") !== "";

/**
 * The diagram's own edits, over the canvas, with their keys (⌘ for Ctrl on a Mac): Ctrl+Z undo,
 * Ctrl+Shift+Z or Ctrl+Y redo, Ctrl+C copy the selected activities, Ctrl+V paste them.
 */
export function DiagramToolbar({ onTidy, onUndo, onRedo, onCopy, onPaste, reveal }: DiagramToolbarProps) {
  const flow = useReactFlow();
  const store = useStoreApi();

  // The view follows what was just added when it landed out of sight (React Flow draws only the nodes in view).
  useEffect(() => {
    if (!reveal) return;
    const { x, y, zoom } = flow.getViewport();
    const { width, height } = store.getState();
    const left = -x / zoom;
    const top = -y / zoom;
    const inSight = reveal.x >= left && reveal.y >= top && reveal.x + reveal.width <= left + width / zoom && reveal.y + reveal.height <= top + height / zoom;
    if (!inSight) void flow.setCenter(reveal.x + reveal.width / 2, reveal.y + reveal.height / 2, { zoom });
  }, [reveal, flow, store]);
  const fit = useReadableFit();
  const tidy = () => {
    onTidy();
    // The tidied diagram has a new extent: fit it once React Flow has the new positions.
    requestAnimationFrame(fit);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || inEditableField(e.target)) return;
      const key = e.key.toLowerCase();
      const action =
        key === "z" && !e.shiftKey
          ? onUndo
          : (key === "z" && e.shiftKey) || key === "y"
            ? onRedo
            : key === "c" && !textSelected()
              ? onCopy
              : key === "v"
                ? onPaste
                : undefined;
      if (!action) return;
      e.preventDefault();
      action();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onUndo, onRedo, onCopy, onPaste]);

  return (
    <Panel position="top-left" className="diagram-toolbar" role="toolbar" aria-label="Diagram">
      <button type="button" onClick={tidy} title="Lay the activities out along their connections, top to bottom">
        Tidy layout
      </button>
      <button type="button" onClick={onUndo} disabled={!onUndo} aria-keyshortcuts="Control+Z">
        Undo
      </button>
      <button type="button" onClick={onRedo} disabled={!onRedo} aria-keyshortcuts="Control+Shift+Z Control+Y">
        Redo
      </button>
      <button
        type="button"
        onClick={onCopy}
        disabled={!onCopy}
        aria-keyshortcuts="Control+C"
        title="Copy the selected activities (Ctrl+click or Shift+drag selects several)"
      >
        Copy
      </button>
      <button type="button" onClick={onPaste} disabled={!onPaste} aria-keyshortcuts="Control+V">
        Paste
      </button>
    </Panel>
  );
}

import { useEffect } from "react";
import { Panel, useReactFlow } from "@xyflow/react";

interface DiagramToolbarProps {
  onTidy: () => void;
  /** Absent when there is nothing to undo (or redo). */
  onUndo?: () => void;
  onRedo?: () => void;
}

/** Typing in a field keeps the browser's own keys (its text undo, copy and paste); the diagram's are for the rest of the page. */
const inEditableField = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** The diagram's own edits, over the canvas, with their keys: Ctrl+Z undo, Ctrl+Shift+Z or Ctrl+Y redo (⌘ on a Mac). */
export function DiagramToolbar({ onTidy, onUndo, onRedo }: DiagramToolbarProps) {
  const flow = useReactFlow();
  const tidy = () => {
    onTidy();
    // The tidied diagram has a new extent: fit it once React Flow has the new positions.
    requestAnimationFrame(() => void flow.fitView());
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || inEditableField(e.target)) return;
      const key = e.key.toLowerCase();
      const action = key === "z" && !e.shiftKey ? onUndo : (key === "z" && e.shiftKey) || key === "y" ? onRedo : undefined;
      if (!action) return;
      e.preventDefault();
      action();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onUndo, onRedo]);

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
    </Panel>
  );
}

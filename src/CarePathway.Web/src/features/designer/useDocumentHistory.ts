import { useCallback, useState } from "react";
import type { DefinitionDoc } from "./definitionModel";
import { canRedo, canUndo, recordEdit, redo, startHistory, undo, type EditHistory } from "./editHistory";

/** An edit to the document; edits of one `group` in quick succession (keystrokes in a field, a drag) undo as one. */
export type DocumentEdit = (change: (d: DefinitionDoc) => DefinitionDoc, group?: string) => void;

/** The document the designer edits, with its undo and redo history. */
export function useDocumentHistory(initial: () => DefinitionDoc) {
  const [history, setHistory] = useState<EditHistory<DefinitionDoc>>(() => startHistory(initial()));
  const edit = useCallback<DocumentEdit>((change, group) => {
    const at = performance.now();
    setHistory((h) => recordEdit(h, change(h.present), { group, at }));
  }, []);
  return {
    doc: history.present,
    edit,
    undo: useCallback(() => setHistory(undo), []),
    redo: useCallback(() => setHistory(redo), []),
    canUndo: canUndo(history),
    canRedo: canRedo(history),
  };
}

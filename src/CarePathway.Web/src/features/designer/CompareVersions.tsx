import { useEffect, useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { DefinitionSummary } from "../../api/types";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { comparedVersionQuery } from "./api";
import { activityMarks, diffDefinitions } from "./definitionDiff";
import { DiffView } from "./DiffView";
import { asDefinitionDoc, type DefinitionDoc } from "./definitionModel";

/** "current" is the document open in the designer, with its unsaved edits. */
type Side = number | "current";

interface CompareVersionsProps {
  summary: DefinitionSummary | undefined;
  openVersion: number;
  current: DefinitionDoc;
  /** Changed and added activities of the open document, to mark on the canvas (empty when it is not one of the two sides). */
  onMarks: (marks: Map<string, "added" | "changed">) => void;
}

/** Two versions (or a version and the document as edited) side by side: what was added, removed or changed. */
export function CompareVersions({ summary, openVersion, current, onMarks }: CompareVersionsProps) {
  const versions = (summary?.versions ?? []).map((v) => Number(v.version));
  const [from, setFrom] = useState<Side>(() => versions.filter((v) => v < openVersion).at(-1) ?? openVersion);
  const [to, setTo] = useState<Side>("current");
  const before = useDocument(summary?.definitionId, from, current);
  const after = useDocument(summary?.definitionId, to, current);
  const diff = useMemo(() => (before.doc && after.doc ? diffDefinitions(before.doc, after.doc) : null), [before.doc, after.doc]);

  useEffect(() => {
    onMarks(diff && to === "current" ? activityMarks(diff) : new Map<string, "added" | "changed">());
    return () => onMarks(new Map<string, "added" | "changed">());
  }, [diff, to, onMarks]);

  const options = (
    <>
      {[...versions].reverse().map((v) => (
        <option key={v} value={v}>
          v{v}
        </option>
      ))}
      <option value="current">v{openVersion} as edited here</option>
    </>
  );
  const side = (value: string): Side => (value === "current" ? "current" : Number(value));
  return (
    <section aria-labelledby="compare-title" className="tool-panel compare">
      <h2 id="compare-title">Compare versions</h2>
      <div className="compare-pick">
        <label htmlFor="compare-from">From</label>
        <select id="compare-from" value={String(from)} onChange={(e) => setFrom(side(e.target.value))}>
          {options}
        </select>
        <label htmlFor="compare-to">to</label>
        <select id="compare-to" value={String(to)} onChange={(e) => setTo(side(e.target.value))}>
          {options}
        </select>
        {to === "current" && <span className="muted small">Added and changed activities are outlined on the diagram.</span>}
      </div>
      <ErrorBanner error={before.error ?? after.error} />
      {diff && <DiffView diff={diff} />}
    </section>
  );
}

/** A side's document: the open one as edited, or a stored version (fetched once, versions never change but drafts do). */
function useDocument(definitionId: string | undefined, side: Side, current: DefinitionDoc) {
  const stored = useQuery({ ...comparedVersionQuery(definitionId ?? "", side), enabled: definitionId !== undefined && side !== "current" });
  const doc = useMemo(() => (stored.data ? asDefinitionDoc(stored.data.definition) : undefined), [stored.data]);
  return side === "current" ? { doc: current, error: null } : { doc, error: stored.error };
}

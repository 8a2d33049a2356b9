import { useEffect, useMemo, useState, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import type { DefinitionSummary } from "../../api/types";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { comparedVersionQuery } from "./api";
import { activityMarks, diffDefinitions, isEmptyDiff, type FieldChange } from "./definitionDiff";
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
      {diff && (
        <div aria-live="polite">
          {isEmptyDiff(diff) ? (
            <p>No differences (positions on the diagram are not compared).</p>
          ) : (
            <div className="diff">
              {diff.definition.length > 0 && <DiffGroup title="Definition">{diff.definition.map(changeRow)}</DiffGroup>}
              {diff.activities.added.map((a) => (
                <DiffItem key={`+${a.id}`} kind="added" what={`Activity ${a.id}`} detail={a.type} />
              ))}
              {diff.activities.removed.map((a) => (
                <DiffItem key={`-${a.id}`} kind="removed" what={`Activity ${a.id}`} detail={a.type} />
              ))}
              {diff.activities.changed.map((a) => (
                <DiffGroup key={`~${a.id}`} title={`Activity ${a.id} (${a.type})`}>
                  {a.changes.map(changeRow)}
                </DiffGroup>
              ))}
              {diff.connections.added.map((c) => (
                <DiffItem key={`+${c.from}:${c.outcome}`} kind="added" what="Connection" detail={`${c.from} —${c.outcome}→ ${c.to}`} />
              ))}
              {diff.connections.removed.map((c) => (
                <DiffItem key={`-${c.from}:${c.outcome}:${c.to}`} kind="removed" what="Connection" detail={`${c.from} —${c.outcome}→ ${c.to}`} />
              ))}
              {diff.parameters.added.map((p) => (
                <DiffItem
                  key={`+p${p.name}`}
                  kind="added"
                  what={`Parameter ${p.name}`}
                  detail={`${show(p.default)}${p.unit ? ` ${p.unit}` : ""} (${p.source})`}
                />
              ))}
              {diff.parameters.removed.map((p) => (
                <DiffItem key={`-p${p.name}`} kind="removed" what={`Parameter ${p.name}`} detail={show(p.default)} />
              ))}
              {diff.parameters.changed.map((p) => (
                <DiffGroup key={`~p${p.name}`} title={`Parameter ${p.name}`}>
                  {p.changes.map(changeRow)}
                </DiffGroup>
              ))}
            </div>
          )}
        </div>
      )}
    </section>
  );
}

/** A side's document: the open one as edited, or a stored version (fetched once, versions never change but drafts do). */
function useDocument(definitionId: string | undefined, side: Side, current: DefinitionDoc) {
  const stored = useQuery({ ...comparedVersionQuery(definitionId ?? "", side), enabled: definitionId !== undefined && side !== "current" });
  const doc = useMemo(() => (stored.data ? asDefinitionDoc(stored.data.definition) : undefined), [stored.data]);
  return side === "current" ? { doc: current, error: null } : { doc, error: stored.error };
}

function DiffItem({ kind, what, detail }: { kind: "added" | "removed"; what: string; detail: string }) {
  return (
    <p className={`diff-item diff-${kind}`}>
      <span className="diff-sign">{kind === "added" ? "Added" : "Removed"}</span> {what} <span className="muted">{detail}</span>
    </p>
  );
}

function DiffGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="diff-item diff-changed">
      <span className="diff-sign">Changed</span> {title}
      <table className="grid compact">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

const changeRow = (c: FieldChange) => (
  <tr key={c.field}>
    <th scope="row">{c.field}</th>
    <td>
      <del>{show(c.before)}</del>
    </td>
    <td>
      <ins>{show(c.after)}</ins>
    </td>
  </tr>
);

/** A value as the author wrote it: text as is, anything else as JSON; absent as a dash. */
const show = (value: unknown) => (value === null || value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value));

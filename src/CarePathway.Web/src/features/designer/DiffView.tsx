import type { ReactNode } from "react";
import { isEmptyDiff, type DefinitionDiff, type FieldChange } from "./definitionDiff";

/** What differs between two definition documents: activities, connections, parameters and the definition's own fields. */
export function DiffView({ diff }: { diff: DefinitionDiff }) {
  return (
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
            <DiffItem key={`+p${p.name}`} kind="added" what={`Parameter ${p.name}`} detail={`${show(p.default)}${p.unit ? ` ${p.unit}` : ""} (${p.source})`} />
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
  );
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

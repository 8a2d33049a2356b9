import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Loaded } from "../../ui/Loading";
import { comparedVersionQuery, publishReviewQuery } from "./api";
import { diffDefinitions } from "./definitionDiff";
import { asDefinitionDoc, type DefinitionDoc } from "./definitionModel";
import { DiffView } from "./DiffView";

/**
 * What a version changes against the one it replaces, before it goes live: the server's word on which clinical
 * parameters change (and so whether a second person must approve), and the whole difference, read here.
 */
export function PublishReview({ definitionId, version, doc }: { definitionId: string; version: number; doc: DefinitionDoc }) {
  const review = useQuery(publishReviewQuery(definitionId, version));
  return (
    <Loaded query={review}>
      {(r) => (
        <>
          {r.needsApproval ? (
            <div className="banner banner-warn" role="note">
              <p>
                <strong>Needs a second person’s approval</strong> (a clinician or another administrator) before it is live: it changes{" "}
                {r.clinicalChanges.length === 1 ? "a clinical parameter" : `${r.clinicalChanges.length} clinical parameters`}.
              </p>
              <ul className="clinical-changes">
                {r.clinicalChanges.map((c) => (
                  <li key={c.name}>
                    <strong>{c.name}</strong> {c.change}
                    {c.change === "changed" && `: ${c.fields.map((f) => `${f} ${show(field(c.before, f))} → ${show(field(c.after, f))}`).join("; ")}`}
                    {c.change !== "changed" && `: ${show((c.after ?? c.before)?.default)}`}
                    <span className="muted"> ({unitAndSource(c.after ?? c.before)})</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="muted">No clinical parameter changes: it is published as soon as you confirm.</p>
          )}
          <h3>{r.comparedWithVersion == null ? "A first version: nothing was published before it" : `Changes from version ${r.comparedWithVersion}`}</h3>
          {r.comparedWithVersion != null && <Difference definitionId={definitionId} from={Number(r.comparedWithVersion)} doc={doc} />}
        </>
      )}
    </Loaded>
  );
}

function Difference({ definitionId, from, doc }: { definitionId: string; from: number; doc: DefinitionDoc }) {
  const before = useQuery(comparedVersionQuery(definitionId, from));
  const diff = useMemo(() => (before.data ? diffDefinitions(asDefinitionDoc(before.data.definition), doc) : null), [before.data, doc]);
  return (
    <>
      <ErrorBanner error={before.error} />
      {diff && <DiffView diff={diff} />}
    </>
  );
}

/** A parameter's unit and source, which a reviewer weighs a value by. */
const unitAndSource = (parameter: { unit?: string | null; source?: string | null } | null | undefined) =>
  `unit: ${parameter?.unit || "none"}; source: ${parameter?.source || "none"}`;

const field = (parameter: object | null | undefined, name: string): unknown => (parameter as Record<string, unknown> | null | undefined)?.[name];

const show = (value: unknown) => (value === null || value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value));

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { formatDateTime } from "../../ui/format";
import { publishReviewQuery } from "./api";
import type { DefinitionVersionDetail } from "../../api/types";
import type { DefinitionDoc } from "./definitionModel";
import { PublishReview } from "./PublishReview";

interface PanelProps {
  loaded: DefinitionVersionDetail;
  doc: DefinitionDoc;
  busy: boolean;
  onCancel: () => void;
}

/** Publishing asks for a change note and shows what changes from the published version before it goes. */
export function PublishPanel({ loaded, doc, busy, onCancel, onPublish }: PanelProps & { onPublish: (changeNote: string) => void }) {
  const [note, setNote] = useState("");
  return (
    <section aria-labelledby="publish-title" className="tool-panel lifecycle-panel">
      <h2 id="publish-title">Publish version {loaded.version}</h2>
      <PublishReview definitionId={loaded.definitionId} version={Number(loaded.version)} doc={doc} />
      <label htmlFor="change-note">Change note (what changes and why) *</label>
      <textarea id="change-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      <div className="toolbar">
        <button type="button" className="primary" disabled={busy || note.trim() === ""} onClick={() => onPublish(note.trim())}>
          Confirm publish
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

/**
 * A second person reads the change note and the difference, then approves; anyone the server would refuse (the
 * author, above all) sees its reason instead of the note and the button.
 */
export function ApprovePanel({ loaded, doc, busy, onCancel, onApprove }: PanelProps & { onApprove: (note: string) => void }) {
  const [note, setNote] = useState("");
  const review = useQuery(publishReviewQuery(loaded.definitionId, loaded.version));
  const whyNot = review.data?.cannotApproveReason;
  return (
    <section aria-labelledby="approve-title" className="tool-panel lifecycle-panel">
      <h2 id="approve-title">Approve version {loaded.version}</h2>
      <p>
        Asked by <strong>{loaded.submittedBy}</strong>
        {loaded.submittedAt && ` on ${formatDateTime(loaded.submittedAt)}`} (drafted by {loaded.createdBy}): “{loaded.changeNote}”
      </p>
      <PublishReview definitionId={loaded.definitionId} version={Number(loaded.version)} doc={doc} />
      {whyNot ? (
        <p className="banner banner-error" role="alert">
          You cannot approve it: {whyNot}.
        </p>
      ) : (
        <>
          <label htmlFor="approval-note">Note (optional)</label>
          <textarea id="approval-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </>
      )}
      <div className="toolbar">
        <button type="button" className="primary" disabled={busy || review.data?.canApprove !== true} onClick={() => onApprove(note.trim())}>
          Approve and publish
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

/** Retiring (or withdrawing a version awaiting approval) asks for a reason and a confirmation. */
export function RetirePanel({ loaded, busy, onCancel, onRetire }: Omit<PanelProps, "doc"> & { onRetire: (reason: string) => void }) {
  const [reason, setReason] = useState("");
  const withdraw = loaded.status === "awaiting-approval";
  return (
    <section aria-labelledby="retire-title" className="tool-panel lifecycle-panel">
      <h2 id="retire-title">{withdraw ? `Withdraw version ${loaded.version}` : `Retire version ${loaded.version}`}</h2>
      <p className="banner banner-warn" role="note">
        {withdraw
          ? "It will never be published; edit it as a new draft to try again."
          : "No new patient can start on it, and it cannot be published again; patients already on it carry on. Publish another version for new starts."}
      </p>
      <label htmlFor="retire-reason">Reason *</label>
      <textarea id="retire-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      <div className="toolbar">
        <button type="button" className="primary" disabled={busy || reason.trim() === ""} onClick={() => onRetire(reason.trim())}>
          {withdraw ? "Confirm withdraw" : "Confirm retire"}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

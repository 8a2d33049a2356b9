import type { FormEvent, ReactNode } from "react";
import { ErrorBanner } from "./ErrorBanner";

/** What the frame needs of a form's submission (see submission): `send` records what the form holds. */
interface Submission {
  send: () => Promise<unknown>;
  busy: boolean;
  error: Error | null;
  succeeded: boolean;
}

/** The frame every record form shares: submit (clearing the value once saved), field-less errors, the saved notice. */
export function EventForm(props: { id: string; title: string; what: string; record: Submission; fields: string[]; onSaved: () => void; children: ReactNode }) {
  const { id, title, what, record, fields, onSaved, children } = props;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await record.send().then(onSaved, () => undefined);
  };
  return (
    <form onSubmit={submit} aria-labelledby={id} className="subform">
      <h3 id={id}>{title}</h3>
      <div className="row">{children}</div>
      <ErrorBanner error={record.error} claimedFields={fields} />
      {record.succeeded ? (
        <p className="saved" role="status">
          {what} recorded.
        </p>
      ) : null}
      <button type="submit" disabled={record.busy}>
        Record {what.toLowerCase()}
      </button>
    </form>
  );
}

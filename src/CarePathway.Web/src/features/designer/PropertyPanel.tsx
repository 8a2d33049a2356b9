import { useState } from "react";
import type { ActivityDescriptor, ValidationProblem } from "../../api/types";
import { Field } from "../../ui/Field";
import { outcomesOf, type ActivityDoc, type ConnectionDoc } from "./definitionModel";
import { NextActivities } from "./NextActivities";
import { InputEditor } from "./InputEditor";

interface PropertyPanelProps {
  activity: ActivityDoc;
  descriptor: ActivityDescriptor | undefined;
  problems: ValidationProblem[];
  readOnly: boolean;
  onChange: (activity: ActivityDoc) => void;
  onRename: (newId: string) => void;
  onDelete: () => void;
  connections: ConnectionDoc[];
  /** The pathway's activities, the places an outcome can lead to. */
  activities: ActivityDoc[];
  onConnect: (outcome: string, to: string | null) => void;
}

/** The selected activity's id, name and inputs, with editors generated from the catalog's input metadata. */
export function PropertyPanel({
  activity,
  descriptor,
  problems,
  readOnly,
  onChange,
  onRename,
  onDelete,
  connections,
  activities,
  onConnect,
}: PropertyPanelProps) {
  const [idDraft, setIdDraft] = useState(activity.id);
  const messagesFor = (field: string) => problems.filter((p) => p.field === field).map((p) => p.message);
  const inputs = activity.inputs ?? {};
  const setInput = (name: string, value: unknown) => {
    const next = { ...inputs };
    if (value === undefined) delete next[name];
    else next[name] = value;
    onChange({ ...activity, inputs: next });
  };
  const claimed = new Set(["id", "name", "type", ...(descriptor?.inputs ?? []).map((i) => `inputs.${i.name}`)]);
  const otherProblems = problems.filter((p) => !claimed.has(p.field) && !/^inputs\.[^.[]+\[/.test(p.field));

  return (
    <aside className="property-panel" aria-labelledby="properties-title">
      <h2 id="properties-title">
        {descriptor?.displayName ?? activity.type} <span className="muted small">{activity.type}</span>
      </h2>
      {descriptor && <p className="muted small">{descriptor.description}</p>}
      <fieldset disabled={readOnly} className="plain-fieldset">
        <Field label="Activity id" errors={messagesFor("id")} hint="Press Enter or leave the field to rename (connections follow).">
          <input
            value={idDraft}
            onChange={(e) => setIdDraft(e.target.value)}
            onBlur={() => idDraft !== activity.id && onRename(idDraft)}
            onKeyDown={(e) => e.key === "Enter" && idDraft !== activity.id && onRename(idDraft)}
          />
        </Field>
        <Field label="Name" errors={messagesFor("name")}>
          <input value={activity.name ?? ""} onChange={(e) => onChange({ ...activity, name: e.target.value || undefined })} />
        </Field>
        {(descriptor?.inputs ?? []).map((input) => (
          <InputEditor
            key={input.name}
            input={input}
            value={inputs[input.name]}
            onChange={(v) => setInput(input.name, v)}
            errors={messagesFor(`inputs.${input.name}`)}
            errorsFor={messagesFor}
          />
        ))}
        <NextActivities
          activityId={activity.id}
          outcomes={outcomesOf(activity, descriptor)}
          connections={connections}
          activities={activities}
          onConnect={onConnect}
        />
        {otherProblems.length > 0 && (
          <div className="banner banner-error" role="alert">
            <ul>
              {otherProblems.map((p, i) => (
                <li key={i}>
                  {p.field}: {p.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        <button type="button" className="danger" onClick={onDelete}>
          Delete activity
        </button>
      </fieldset>
    </aside>
  );
}

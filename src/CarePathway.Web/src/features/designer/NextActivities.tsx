import { activityChoiceLabel, type ActivityDoc, type ConnectionDoc } from "./definitionModel";

interface NextActivitiesProps {
  activityId: string;
  outcomes: string[];
  connections: ConnectionDoc[];
  activities: ActivityDoc[];
  onConnect: (outcome: string, to: string | null) => void;
}

/** Where each outcome leads, as selects: the keyboard's way to draw the edges one can also drag on the canvas. */
export function NextActivities({ activityId, outcomes, connections, activities, onConnect }: NextActivitiesProps) {
  if (outcomes.length === 0) return null;
  return (
    <fieldset>
      <legend>Next activity</legend>
      {outcomes.map((outcome) => {
        const id = `next-${activityId}-${outcome}`;
        const current = connections.find((c) => c.from === activityId && c.outcome === outcome)?.to ?? "";
        return (
          <div className="field" key={outcome}>
            <label htmlFor={id}>After “{outcome}”</label>
            <select id={id} value={current} onChange={(e) => onConnect(outcome, e.target.value || null)}>
              <option value="">— not connected —</option>
              {activities
                .filter((a) => a.id !== activityId)
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {activityChoiceLabel(a)}
                  </option>
                ))}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}

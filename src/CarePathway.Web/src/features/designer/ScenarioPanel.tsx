import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { InstanceStatus, SimulationWait } from "../../api/types";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { scenarioTemplateQuery, simulateDefinition } from "./api";
import { readJsonFile } from "./download";
import { ScenarioForm } from "./ScenarioForm";
import type { ScenarioDoc } from "./scenarioForm";
import type { DefinitionDoc } from "./definitionModel";
import { timelineRows, type TimelineRow } from "./timelineRows";

interface ScenarioPanelProps {
  doc: DefinitionDoc;
  onSelectActivity: (id: string) => void;
}

type Outcome = { runNumber: number; status: InstanceStatus; rows: TimelineRow[]; stoppedBy: string | null; waitingOn: SimulationWait[] };

/**
 * Runs a scenario through the engine's simulator on the document as it is now (unsaved edits
 * included) and shows the timeline; an entry that names an activity selects it on the diagram.
 * The scenario starts as the server's template for the document (a run to the pathway's end).
 */
export function ScenarioPanel({ doc, onSelectActivity }: ScenarioPanelProps) {
  const template = useQuery(scenarioTemplateQuery(doc.definitionId, doc));
  // null: the template as the server built it, until the author edits it.
  const [edited, setEdited] = useState<string | null>(null);
  const text = edited ?? (template.data ? JSON.stringify(template.data.scenario, null, 2) : "");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const [view, setView] = useState<"form" | "json">("json");

  const run = async () => {
    setError(null);
    setRunning(true);
    try {
      let scenario: unknown;
      try {
        scenario = JSON.parse(text);
      } catch (e) {
        throw new Error(`The scenario is not valid JSON: ${(e as Error).message}`, { cause: e });
      }
      const result = await simulateDefinition(doc, scenario);
      setOutcome((previous) => ({
        runNumber: (previous?.runNumber ?? 0) + 1,
        status: result.status,
        rows: timelineRows(result.timeline as unknown as Record<string, unknown>[]),
        stoppedBy: result.stoppedBy,
        waitingOn: result.waitingOn,
      }));
    } catch (e) {
      setOutcome(null);
      setError(e);
    } finally {
      setRunning(false);
    }
  };

  const load = async (file: File | undefined) => {
    if (!file) return;
    try {
      setEdited(JSON.stringify(await readJsonFile(file), null, 2));
    } catch (e) {
      setError(e);
    }
  };

  const reset = () => {
    setEdited(null);
    void template.refetch();
  };

  return (
    <section aria-labelledby="scenario-title" className="tool-panel scenario">
      <h2 id="scenario-title">Run scenario</h2>
      <div className="scenario-grid">
        <div className="scenario-input">
          {/* Two views of one document: the form writes the JSON, and reads whatever the JSON says. */}
          <div role="tablist" aria-label="Scenario views" className="tabs">
            {(["form", "json"] as const).map((v) => (
              <button key={v} role="tab" type="button" aria-selected={view === v} aria-controls="scenario-view" onClick={() => setView(v)}>
                {v === "form" ? "Form" : "JSON"}
              </button>
            ))}
          </div>
          <div id="scenario-view" role="tabpanel">
            {view === "form" ? (
              <FormView text={text} onChange={setEdited} tasks={template.data?.tasks ?? []} labs={template.data?.labs ?? []} />
            ) : (
              <>
                <label htmlFor="scenario-json">
                  Scenario (JSON){" "}
                  <span className="muted small">patient, events by day, answers to tasks and requests; the format of `carepathway simulate`</span>
                </label>
                <textarea id="scenario-json" value={text} onChange={(e) => setEdited(e.target.value)} rows={16} spellCheck={false} />
              </>
            )}
          </div>
          {template.isFetching && edited === null && <p className="muted small">Building the template by running the pathway…</p>}
          <ErrorBanner error={template.error} />
          <div className="toolbar-left">
            <button type="button" className="primary" onClick={() => void run()} disabled={running || text === ""}>
              {running ? "Running…" : "Run"}
            </button>
            <label className="button">
              Load scenario file
              <input type="file" accept="application/json,.json" className="visually-hidden" onChange={(e) => void load(e.target.files?.[0])} />
            </label>
            <button type="button" onClick={reset}>
              Reset to template
            </button>
          </div>
        </div>
        <div className="scenario-output" aria-live="polite">
          <ErrorBanner error={error} />
          {/* Keyed by the run, so a new run starts again at its first page. */}
          {outcome && <Timeline key={outcome.runNumber} outcome={outcome} onSelectActivity={onSelectActivity} />}
          {!outcome && !error && <p className="muted">Run the scenario to see what the pathway would do, day by day.</p>}
        </div>
      </div>
    </section>
  );
}

/** The form on the JSON as it is now; JSON that does not read as an object is fixed in the JSON view first. */
function FormView({
  text,
  onChange,
  tasks,
  labs,
}: { text: string; onChange: (text: string) => void } & Omit<Parameters<typeof ScenarioForm>[0], "scenario" | "onChange">) {
  let scenario: ScenarioDoc | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) scenario = parsed as ScenarioDoc;
  } catch {
    // Shown below: the form cannot edit what it cannot read.
  }
  if (!scenario) return <p className="banner banner-error">The JSON view does not hold a scenario object: fix it there to use the form.</p>;
  return <ScenarioForm scenario={scenario} onChange={(s) => onChange(JSON.stringify(s, null, 2))} tasks={tasks} labs={labs} />;
}

/** A wait in words: "task dental-review at dental-start, since day 0 (due day 14)". */
function describeWait(w: SimulationWait): string {
  const what = w.kind === "timer" ? "timer" : `${w.kind === "task" ? "task" : `${w.kind} result`} ${w.what ?? ""}`.trim();
  const since = w.sinceDay === null || w.sinceDay === undefined ? "" : `, since day ${w.sinceDay}`;
  const due = w.dueDay === null || w.dueDay === undefined ? "" : ` (due day ${w.dueDay})`;
  return `${what} at ${w.activity}${since}${due}`;
}

/**
 * Entries drawn at first and with each "show more": a looping pathway stops at the server's limit of 20,000 entries,
 * and drawing them all at once kept a browser busy for a minute; a course reads in its first few hundred.
 */
const rowsPerPage = 500;

function Timeline({ outcome, onSelectActivity }: { outcome: Outcome; onSelectActivity: (id: string) => void }) {
  const [shown, setShown] = useState(rowsPerPage);
  const hidden = outcome.rows.length - shown;
  return (
    <>
      <p role="status">
        Simulated: the pathway ends <strong>{outcome.status}</strong> after {outcome.rows.length} timeline entries.
      </p>
      {/* A pathway that loops stops at the server's limit: say so, or the timeline reads as the whole course. */}
      {outcome.stoppedBy && (
        <p className="banner banner-warn" role="alert">
          The simulation did not reach its end: {outcome.stoppedBy}. Look for a loop, or simulate fewer days.
        </p>
      )}
      {/* A run that ends before its pathway does says on what it still waits, or "running" explains nothing. */}
      {outcome.waitingOn.length > 0 && (
        <div className="banner banner-error" role="alert" aria-label="Still waiting">
          The pathway did not reach its end: it still waits on
          <ul>
            {outcome.waitingOn.map((w, i) => (
              <li key={i}>{describeWait(w)}</li>
            ))}
          </ul>
        </div>
      )}
      <table className="grid compact timeline-table">
        <caption className="visually-hidden">Simulated timeline</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">What</th>
            <th scope="col">Activity</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {outcome.rows.slice(0, shown).map((r, i) => (
            <tr key={i}>
              <td>{r.day}</td>
              <td>{r.what}</td>
              <td>
                {r.activity && (
                  <button type="button" className="link" onClick={() => onSelectActivity(r.activity!)} aria-label={`Select ${r.activity} on the diagram`}>
                    {r.activity}
                  </button>
                )}
              </td>
              <td>{r.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {hidden > 0 && (
        <p className="toolbar-left">
          <span className="muted">
            Showing the first {shown} of {outcome.rows.length} entries.
          </span>
          <button type="button" onClick={() => setShown(shown + rowsPerPage)}>
            Show {Math.min(rowsPerPage, hidden)} more
          </button>
        </p>
      )}
    </>
  );
}

import type { LabChoice, TemplateTask } from "../../api/types";
import { Field } from "../../ui/Field";
import { typedNumber } from "../../ui/typedNumber";
import {
  answerRows,
  labRows,
  patientOf,
  scenarioProblems,
  withAnswers,
  withLabs,
  withPatient,
  type AnswerRow,
  type LabRow,
  type ScenarioDoc,
} from "./scenarioForm";

interface ScenarioFormProps {
  scenario: ScenarioDoc;
  onChange: (scenario: ScenarioDoc) => void;
  tasks: readonly TemplateTask[];
  labs: readonly LabChoice[];
}

const shown = (v: unknown): string => {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  return typeof v === "number" || typeof v === "boolean" ? `${v}` : JSON.stringify(v);
};

/**
 * The scenario as a form: the patient, lab results by day, and answers to the tasks of each activity (an outcome that
 * task offers, from a day). It edits the same document as the JSON view; what it does not show (measurements,
 * answers by task kind, parameters) stays as written there.
 */
export function ScenarioForm({ scenario, onChange, tasks, labs }: ScenarioFormProps) {
  const problems = scenarioProblems(scenario, tasks, new Set(labs.map((l) => l.code)));
  const errors = (field: string) => problems.get(field) ?? [];
  const patient = patientOf(scenario);
  const labList = labRows(scenario);
  const answers = answerRows(scenario);
  const setLab = (i: number, change: Partial<LabRow>) =>
    onChange(
      withLabs(
        scenario,
        labList.map((r, j) => (j === i ? { ...r, ...change } : r)),
      ),
    );
  const setAnswer = (i: number, change: Partial<AnswerRow>) =>
    onChange(
      withAnswers(
        scenario,
        answers.map((r, j) => (j === i ? { ...r, ...change } : r)),
      ),
    );
  const firstLab = labs[0];
  const firstTask = tasks[0];

  return (
    <div className="scenario-form">
      <fieldset>
        <legend>Patient</legend>
        <Field label="Birth date" errors={errors("patient.birthDate")}>
          <input type="date" value={shown(patient.birthDate)} onChange={(e) => onChange(withPatient(scenario, "birthDate", e.target.value))} />
        </Field>
        <Field label="Sex" errors={errors("patient.sex")}>
          <select value={shown(patient.sex)} onChange={(e) => onChange(withPatient(scenario, "sex", e.target.value))}>
            <option value="female">female</option>
            <option value="male">male</option>
          </select>
        </Field>
        <Field label="Weight (kg)" errors={errors("patient.weightKg")}>
          <input
            inputMode="decimal"
            value={shown(patient.weightKg)}
            onChange={(e) => onChange(withPatient(scenario, "weightKg", typedNumber(e.target.value)))}
          />
        </Field>
        <Field label="Height (cm)" errors={errors("patient.heightCm")}>
          <input
            inputMode="decimal"
            value={shown(patient.heightCm)}
            onChange={(e) => onChange(withPatient(scenario, "heightCm", typedNumber(e.target.value)))}
          />
        </Field>
        <Field label="Diagnosis">
          <input value={shown(patient.diagnosis)} onChange={(e) => onChange(withPatient(scenario, "diagnosis", e.target.value))} />
        </Field>
        <FactsField facts={patient.facts} onChange={(facts) => onChange(withPatient(scenario, "facts", facts))} />
      </fieldset>

      <fieldset>
        <legend>Labs by day</legend>
        <p className="muted small">Results sent on their day; a lab the pathway asks for is also answered from the JSON view&apos;s answers.labs.</p>
        {labList.map((r, i) => (
          <div key={i} className="scenario-row" role="group" aria-label={`Lab ${i + 1}`}>
            <Field label="Day" errors={errors(`labs[${i}].day`)}>
              <input inputMode="numeric" value={shown(r.day)} onChange={(e) => setLab(i, { day: typedNumber(e.target.value) })} />
            </Field>
            <Field label="Lab" errors={errors(`labs[${i}].code`)}>
              <select
                value={shown(r.code)}
                onChange={(e) => setLab(i, { code: e.target.value, unit: labs.find((l) => l.code === e.target.value)?.unit ?? r.unit })}
              >
                {!labs.some((l) => l.code === r.code) && <option value={shown(r.code)}>{shown(r.code) || "(none)"}</option>}
                {labs.map((l) => (
                  <option key={l.code} value={l.code}>
                    {l.name} ({l.code}, {l.unit})
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Value" errors={errors(`labs[${i}].value`)}>
              <input inputMode="decimal" value={shown(r.value)} onChange={(e) => setLab(i, { value: typedNumber(e.target.value) })} />
            </Field>
            <Field label="Unit" errors={errors(`labs[${i}].unit`)}>
              <input value={shown(r.unit)} onChange={(e) => setLab(i, { unit: e.target.value })} />
            </Field>
            <button
              type="button"
              onClick={() =>
                onChange(
                  withLabs(
                    scenario,
                    labList.filter((_, j) => j !== i),
                  ),
                )
              }
              aria-label={`Remove lab ${i + 1}`}
            >
              Remove
            </button>
          </div>
        ))}
        {firstLab && (
          <button type="button" onClick={() => onChange(withLabs(scenario, [...labList, { day: 0, code: firstLab.code, value: null, unit: firstLab.unit }]))}>
            Add lab
          </button>
        )}
      </fieldset>

      <fieldset>
        <legend>Answers to tasks</legend>
        <p className="muted small">Per activity, in order (the last repeats); with a day, the answer from that day on.</p>
        {answers.map((r, i) => {
          const task = tasks.find((t) => t.activity === r.activity);
          return (
            <div key={i} className="scenario-row" role="group" aria-label={`Answer ${i + 1}`}>
              <Field label="Task" errors={errors(`answers[${i}].activity`)}>
                <select
                  value={r.activity}
                  onChange={(e) =>
                    setAnswer(i, { activity: e.target.value, outcome: tasks.find((t) => t.activity === e.target.value)?.outcomes[0] ?? r.outcome })
                  }
                >
                  {!task && <option value={r.activity}>{r.activity}</option>}
                  {tasks.map((t) => (
                    <option key={t.activity} value={t.activity}>
                      {t.activity} ({t.kind})
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Outcome" errors={errors(`answers[${i}].outcome`)}>
                <select value={shown(r.outcome)} onChange={(e) => setAnswer(i, { outcome: e.target.value })}>
                  {!task?.outcomes.includes(shown(r.outcome)) && <option value={shown(r.outcome)}>{shown(r.outcome) || "(none)"}</option>}
                  {task?.outcomes.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="From day" errors={errors(`answers[${i}].day`)}>
                <input inputMode="numeric" value={shown(r.day)} onChange={(e) => setAnswer(i, { day: typedNumber(e.target.value) })} />
              </Field>
              <button
                type="button"
                onClick={() =>
                  onChange(
                    withAnswers(
                      scenario,
                      answers.filter((_, j) => j !== i),
                    ),
                  )
                }
                aria-label={`Remove answer ${i + 1}`}
              >
                Remove
              </button>
            </div>
          );
        })}
        {firstTask && (
          <button
            type="button"
            onClick={() => onChange(withAnswers(scenario, [...answers, { activity: firstTask.activity, outcome: firstTask.outcomes[0], day: null, rest: {} }]))}
          >
            Add answer
          </button>
        )}
      </fieldset>
    </div>
  );
}

/** Facts as JSON (an object: {"onSteroids": true}); text that does not read as one is kept and named. */
function FactsField({ facts, onChange }: { facts: unknown; onChange: (facts: unknown) => void }) {
  const text = typeof facts === "string" ? facts : JSON.stringify(facts ?? {});
  const bad = typeof facts === "string" ? ['Must be a JSON object, e.g. {"onSteroids": true}.'] : [];
  return (
    <Field label="Facts (JSON)" errors={bad}>
      <input
        value={text}
        spellCheck={false}
        onChange={(e) => {
          try {
            const parsed: unknown = JSON.parse(e.target.value);
            onChange(typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? parsed : e.target.value);
          } catch {
            onChange(e.target.value);
          }
        }}
      />
    </Field>
  );
}

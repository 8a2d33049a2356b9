import type { TemplateTask } from "../../api/types";

/** A scenario document (the `simulate` format) as JSON: the form edits its patient, lab events and activity answers. */
export type ScenarioDoc = Record<string, unknown>;

/** A lab result the world sends on a day (an entry of `events` holding a `lab`). */
export interface LabRow {
  day: unknown;
  code: unknown;
  value: unknown;
  unit: unknown;
}

/** An answer to the tasks of one activity (`answers.activities`): its outcome, and from which day when dated. */
export interface AnswerRow {
  activity: string;
  outcome: unknown;
  day: unknown;
  /** The rest of the answer as written in JSON (reason, afterDays, data), kept as it is. */
  rest: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const eventsOf = (s: ScenarioDoc): unknown[] => (Array.isArray(s.events) ? (s.events as unknown[]) : []);

export const patientOf = (s: ScenarioDoc): Record<string, unknown> => (isObject(s.patient) ? s.patient : {});

export function labRows(s: ScenarioDoc): LabRow[] {
  return eventsOf(s)
    .filter((e): e is Record<string, unknown> => isObject(e) && isObject(e.lab))
    .map((e) => ({ day: e.day, ...(e.lab as { code: unknown; value: unknown; unit: unknown }) }));
}

export function answerRows(s: ScenarioDoc): AnswerRow[] {
  const answers = isObject(s.answers) && isObject(s.answers.activities) ? s.answers.activities : {};
  return Object.entries(answers).flatMap(([activity, list]) =>
    (Array.isArray(list) ? list : []).map((a): AnswerRow => {
      if (!isObject(a)) return { activity, outcome: a, day: null, rest: {} };
      const { outcome, fromDay, ...rest } = a;
      return { activity, outcome, day: fromDay ?? null, rest };
    }),
  );
}

export const withPatient = (s: ScenarioDoc, field: string, value: unknown): ScenarioDoc => ({ ...s, patient: { ...patientOf(s), [field]: value } });

/** The lab rows replace the lab events; measurements and assessments stay where they were. */
export function withLabs(s: ScenarioDoc, rows: LabRow[]): ScenarioDoc {
  const others = eventsOf(s).filter((e) => !(isObject(e) && isObject(e.lab)));
  return { ...s, events: [...others, ...rows.map(({ day, code, value, unit }) => ({ day, lab: { code, value, unit } }))] };
}

/** The answer rows become `answers.activities`, in order per activity; an answer without a day is a plain outcome. */
export function withAnswers(s: ScenarioDoc, rows: AnswerRow[]): ScenarioDoc {
  const activities: Record<string, unknown[]> = {};
  for (const r of rows) {
    const plain = (r.day === null || r.day === "") && Object.keys(r.rest).length === 0;
    (activities[r.activity] ??= []).push(plain ? r.outcome : { ...r.rest, outcome: r.outcome, ...(r.day === null || r.day === "" ? {} : { fromDay: r.day }) });
  }
  const answers = isObject(s.answers) ? s.answers : {};
  return { ...s, answers: { ...answers, activities } };
}

const isDay = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0;
const isDate = (v: unknown) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));

/**
 * What is wrong with the form's entries, by field ("patient.weightKg", "labs[0].value", "answers[1].outcome"): the
 * same rules the server's scenario reader has, said next to the field before a run.
 */
export function scenarioProblems(s: ScenarioDoc, tasks: readonly TemplateTask[], labCodes: ReadonlySet<string>): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  const add = (field: string, message: string) => problems.set(field, [...(problems.get(field) ?? []), message]);
  const p = patientOf(s);
  if (!isDate(p.birthDate)) add("patient.birthDate", "A date is required (YYYY-MM-DD).");
  if (typeof p.sex !== "string" || p.sex === "") add("patient.sex", "Required.");
  for (const f of ["weightKg", "heightCm"])
    if (p[f] !== undefined && p[f] !== null && !(typeof p[f] === "number" && p[f] > 0)) add(`patient.${f}`, "Must be a number above 0.");
  labRows(s).forEach((r, i) => {
    if (!isDay(r.day)) add(`labs[${i}].day`, "A whole day, 0 or after.");
    if (typeof r.code !== "string" || !labCodes.has(r.code)) add(`labs[${i}].code`, "Pick a lab of the catalog.");
    if (typeof r.value !== "number") add(`labs[${i}].value`, "Must be a number.");
    if (typeof r.unit !== "string" || r.unit === "") add(`labs[${i}].unit`, "Required.");
  });
  answerRows(s).forEach((r, i) => {
    const task = tasks.find((t) => t.activity === r.activity);
    if (!task) add(`answers[${i}].activity`, `No task of this pathway is made by ${r.activity}.`);
    else if (typeof r.outcome !== "string" || !task.outcomes.includes(r.outcome)) add(`answers[${i}].outcome`, `One of ${task.outcomes.join(", ")}.`);
    if (r.day !== null && r.day !== "" && !isDay(r.day)) add(`answers[${i}].day`, "A whole day, 0 or after, or empty.");
  });
  return problems;
}

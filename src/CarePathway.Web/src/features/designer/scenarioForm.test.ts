import { describe, expect, it } from "vitest";
import { answerRows, labRows, scenarioProblems, withAnswers, withLabs, withPatient } from "./scenarioForm";

const tasks = [{ activity: "baseline", kind: "order-labs", outcomes: ["ordered"] }];
const labs = new Set(["2160-0"]);
const base = {
  pathway: "p",
  patient: { birthDate: "2016-01-05", sex: "female", weightKg: 32 },
  events: [{ day: 2, measurement: { weightKg: 33 } }],
  answers: { labs: { "2160-0": [{ value: 0.6, unit: "mg/dL" }] }, activities: { baseline: ["ordered", { outcome: "ordered", fromDay: 30, reason: "kept" }] } },
};

describe("scenario form", () => {
  it("reads and writes the same document the JSON view shows, leaving what it does not edit alone", () => {
    const s = withLabs(withPatient(base, "weightKg", 40), [{ day: 3, code: "2160-0", value: 0.7, unit: "mg/dL" }]);
    expect(s.events).toEqual([
      { day: 2, measurement: { weightKg: 33 } },
      { day: 3, lab: { code: "2160-0", value: 0.7, unit: "mg/dL" } },
    ]);
    expect(labRows(s)).toEqual([{ day: 3, code: "2160-0", value: 0.7, unit: "mg/dL" }]);
    const rows = answerRows(s);
    expect(rows).toEqual([
      { activity: "baseline", outcome: "ordered", day: null, rest: {} },
      { activity: "baseline", outcome: "ordered", day: 30, rest: { reason: "kept" } },
    ]);
    expect(withAnswers(s, rows).answers).toEqual(base.answers);
  });

  it("names each bad entry by its field", () => {
    const s = withAnswers(withLabs(withPatient(base, "weightKg", "forty"), [{ day: -1, code: "9999-9", value: "x", unit: "" }]), [
      { activity: "baseline", outcome: "done", day: 1.5, rest: {} },
    ]);
    const problems = scenarioProblems(s, tasks, labs);
    expect([...problems.keys()]).toEqual([
      "patient.weightKg",
      "labs[0].day",
      "labs[0].code",
      "labs[0].value",
      "labs[0].unit",
      "answers[0].outcome",
      "answers[0].day",
    ]);
    expect(problems.get("answers[0].outcome")).toEqual(["One of ordered."]);
    expect(scenarioProblems(base, tasks, labs).size).toBe(0);
  });
});

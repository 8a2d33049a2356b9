import { describe, expect, it } from "vitest";
import type { OutcomeChoice } from "../../api/types";
import { unavailableReasons } from "./outcomeChoices";

const choice = (name: string, unavailableBecause: string | null): OutcomeChoice => ({
  name,
  reasonRequired: name !== "approved",
  available: unavailableBecause === null,
  unavailableBecause,
});

describe("unavailableReasons", () => {
  it("is empty when every outcome is available", () => {
    expect(unavailableReasons([choice("approved", null), choice("rejected", null)])).toEqual([]);
  });

  it("states the server's reason as a sentence", () => {
    const reasons = unavailableReasons([
      choice("approved", "the pre-dose renal gate did not pass: override with a reason, or reject"),
      choice("overridden", null),
    ]);
    expect(reasons).toEqual(["The pre-dose renal gate did not pass: override with a reason, or reject."]);
  });

  it("says a reason shared by several outcomes once", () => {
    const role = "this task is for the clinician role";
    expect(unavailableReasons([choice("approved", role), choice("rejected", role), choice("overridden", role)])).toEqual([
      "This task is for the clinician role.",
    ]);
  });
});

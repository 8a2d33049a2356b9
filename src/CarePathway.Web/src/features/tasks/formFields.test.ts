import { describe, expect, it } from "vitest";
import { fieldValue, initialValue, readFormFields, type FormField } from "./formFields";

describe("readFormFields", () => {
  it("keeps the fields that have a name and drops anything else", () => {
    const fields = readFormFields([
      { name: "doseMg", type: "number", required: true },
      { label: "no name" },
      null,
      "doseMg",
      { name: "startedAt", type: "date" },
    ]);
    expect(fields.map((f) => f.name)).toEqual(["doseMg", "startedAt"]);
  });

  it("reads a form that is not a list as no fields", () => {
    expect(readFormFields(null)).toEqual([]);
    expect(readFormFields({ name: "doseMg" })).toEqual([]);
  });
});

describe("fieldValue", () => {
  const number: FormField = { name: "doseMg", type: "number" };
  const text: FormField = { name: "note" };
  const flag: FormField = { name: "tolerated", type: "boolean" };

  it("types the value the server expects", () => {
    expect(fieldValue(number, "30.5")).toBe(30.5);
    expect(fieldValue(text, "fine")).toBe("fine");
    expect(fieldValue({ name: "startedAt", type: "date" }, "2026-03-01")).toBe("2026-03-01");
  });

  it("leaves an empty field out (undefined), except a checkbox, which is always true or false", () => {
    expect(fieldValue(number, "")).toBeUndefined();
    expect(fieldValue(text, "")).toBeUndefined();
    expect(fieldValue(flag, true)).toBe(true);
    expect(fieldValue(flag, false)).toBe(false);
    expect(fieldValue(flag, "")).toBe(false);
  });
});

describe("initialValue", () => {
  const now = new Date(2026, 2, 1, 9, 41, 30);

  it("starts a field at the server's default: the approved dose, the minimum infusion time", () => {
    expect(initialValue({ name: "doseMg", type: "number", default: 36 }, now)).toBe("36");
    expect(initialValue({ name: "infusionMinutes", type: "number", default: 0 }, now)).toBe("0");
    expect(initialValue({ name: "note", default: null }, now)).toBe("");
  });

  it("starts a date-time with no default at the moment the page opened, to the minute, in local time", () => {
    expect(initialValue({ name: "startedAt", type: "datetime" }, now)).toBe("2026-03-01T09:41");
  });

  it("sends a date-time as the moment it means", () => {
    expect(fieldValue({ name: "startedAt", type: "datetime" }, "2026-03-01T09:41")).toBe(new Date(2026, 2, 1, 9, 41).toISOString());
  });
});

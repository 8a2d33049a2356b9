import { describe, expect, it } from "vitest";
import { typedNumber } from "./typedNumber";

describe("typedNumber", () => {
  it("sends a plain decimal as a number", () => {
    expect(typedNumber(" 36.5 ")).toBe(36.5);
    expect(typedNumber("-2")).toBe(-2);
  });

  it("sends empty as null", () => {
    expect(typedNumber("  ")).toBeNull();
  });

  it("sends anything else as the text typed, for the server to refuse", () => {
    expect(typedNumber("abc")).toBe("abc");
    expect(typedNumber("36,5")).toBe("36,5");
    expect(typedNumber("Infinity")).toBe("Infinity");
  });
});

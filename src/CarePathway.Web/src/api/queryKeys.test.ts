import { describe, expect, it } from "vitest";
import { resourceKeys } from "./queryKeys";

/** TanStack Query matches keys by prefix: invalidating a key refreshes every query whose key starts with it. */
const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) => prefix.every((part, i) => Object.is(key[i], part));

describe("resourceKeys", () => {
  const keys = resourceKeys<{ page: number }>()("progress", "tasks");

  it("builds every key on the resource's root", () => {
    expect(keys.all).toEqual(["progress", "tasks"]);
    expect(keys.list({ page: 2 })).toEqual(["progress", "tasks", "list", { page: 2 }]);
    expect(keys.detail("t1")).toEqual(["progress", "tasks", "detail", "t1"]);
  });

  it("nests lists under lists() and items under details(), both under all, apart from each other", () => {
    const list = keys.list({ page: 1 });
    const detail = keys.detail("t1");
    expect(startsWith(list, keys.lists()) && startsWith(list, keys.all)).toBe(true);
    expect(startsWith(detail, keys.details()) && startsWith(detail, keys.all)).toBe(true);
    expect(startsWith(detail, keys.lists())).toBe(false);
    expect(startsWith(list, keys.details())).toBe(false);
  });

  it("keeps resources with different roots apart", () => {
    const patients = resourceKeys<{ page: number }>()("patients");
    expect(startsWith(patients.detail("t1"), keys.all)).toBe(false);
    expect(startsWith(keys.detail("t1"), ["progress"])).toBe(true);
  });
});

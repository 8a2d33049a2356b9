import { describe, expect, it } from "vitest";
import { readableViewport, readableZoom } from "./viewport";

const box = (x: number, y: number) => ({ x, y, width: 200, height: 100 });
const canvas = { width: 800, height: 600 };

/** Where a diagram point lands on screen. */
const onScreen = (v: { x: number; y: number; zoom: number }, p: { x: number; y: number }) => ({ x: p.x * v.zoom + v.x, y: p.y * v.zoom + v.y });

describe("readableViewport", () => {
  it("fits a diagram that is readable whole, centred, without enlarging it", () => {
    const v = readableViewport([box(0, 0), box(300, 200)], canvas);
    expect(v.zoom).toBe(1);
    expect(onScreen(v, { x: 250, y: 150 })).toEqual({ x: 400, y: 300 });
  });

  it("shrinks a diagram to fit as long as it stays readable", () => {
    const v = readableViewport([box(0, 0), box(0, 600)], canvas);
    expect(v.zoom).toBeGreaterThanOrEqual(readableZoom);
    expect(v.zoom).toBeLessThan(1);
    expect(onScreen(v, { x: 0, y: 0 }).y).toBeGreaterThanOrEqual(0);
    expect(onScreen(v, { x: 0, y: 700 }).y).toBeLessThanOrEqual(600);
  });

  it("shows a diagram too big to read whole from its start, at the readable zoom", () => {
    const column = Array.from({ length: 40 }, (_, i) => box(i === 0 ? 500 : i * 50, i * 170));
    const v = readableViewport(column, canvas);
    expect(v.zoom).toBe(readableZoom);
    const start = onScreen(v, { x: 600, y: 0 });
    expect(start.x).toBeCloseTo(400);
    expect(start.y).toBeGreaterThan(0);
    expect(start.y).toBeLessThan(100);
  });

  it("leaves an empty diagram where it is", () => {
    expect(readableViewport([], canvas)).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});

import type { Region } from "./diagramLayout";

/**
 * The least zoom "fit to screen" goes to: node names (1rem, 15 px) are still over 10 px on screen. A
 * pathway too big to fit at it is shown from its start, at this zoom, instead of shrunk to a
 * picture no one can read; the minimap and scrolling show the rest.
 */
export const readableZoom = 0.72;

/** Fitting never enlarges a small diagram past its natural size. */
const largestFitZoom = 1;

/** Room left around the diagram inside the canvas, in screen pixels; more at the top, under the diagram's toolbar. */
const margin = 24;
const toolbarRoom = 48;

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The viewport that shows the boxes (node positions and sizes, in diagram coordinates) on a
 * canvas of the given size: all of them, centred, when they fit at a readable zoom; otherwise at
 * {@link readableZoom}, the top of the diagram at the top and centred on its topmost node (the start).
 */
export function readableViewport(boxes: readonly Region[], canvas: { width: number; height: number }): Viewport {
  if (boxes.length === 0) return { x: 0, y: 0, zoom: 1 };
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const width = Math.max(...boxes.map((b) => b.x + b.width)) - left;
  const height = Math.max(...boxes.map((b) => b.y + b.height)) - top;
  const roomX = Math.max(1, canvas.width - 2 * margin);
  const roomY = Math.max(1, canvas.height - 2 * margin);
  const zoom = Math.max(readableZoom, Math.min(largestFitZoom, roomX / width, roomY / height));
  const first = boxes.reduce((a, b) => (b.y < a.y ? b : a));
  const centreX = width * zoom <= roomX ? left + width / 2 : first.x + first.width / 2;
  const y = height * zoom <= roomY ? (canvas.height - height * zoom) / 2 - top * zoom : margin + toolbarRoom - top * zoom;
  return { x: canvas.width / 2 - centreX * zoom, y, zoom };
}

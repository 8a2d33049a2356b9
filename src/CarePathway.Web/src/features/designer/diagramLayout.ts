import { Graph, layout, type EdgeLabel, type GraphLabel, type NodeLabel } from "@dagrejs/dagre";
import type { ActivityDoc, DefinitionDoc } from "./definitionModel";

export interface Size {
  width: number;
  height: number;
}

type Position = NonNullable<ActivityDoc["position"]>;

/**
 * The size assumed for a node React Flow has not measured yet (on open, or just added): the
 * widest a node's style lets it be (15rem) and the height of one with a wrapped name and problem line,
 * so a layout made before measuring never overlaps once the nodes are drawn.
 */
export const unmeasuredSize: Size = { width: 240, height: 130 };

/** Space between ranks (one step along the connections) and between nodes of the same rank. */
const rankGap = 70;
const nodeGap = 50;

/** See tidyLayout: the size above which crossings are not reduced. */
const largeDiagram = 100;

const sizeOf = (sizes: ReadonlyMap<string, Size>, id: string) => sizes.get(id) ?? unmeasuredSize;

/**
 * The document with every activity placed by a layered layout (dagre): top to bottom along the
 * connections, as the nodes' handles point (in at the top, out at the bottom). A cycle's closing
 * connection is the one edge that runs back up.
 */
export function tidyLayout(doc: DefinitionDoc, sizes: ReadonlyMap<string, Size>): DefinitionDoc {
  const laidOut = layeredPositions(doc, sizes);
  return { ...doc, activities: doc.activities.map((a) => ({ ...a, position: laidOut.get(a.id)! })) };
}

/** Where dagre puts each activity (its top-left corner). */
function layeredPositions(doc: DefinitionDoc, sizes: ReadonlyMap<string, Size>): Map<string, Position> {
  const graph = new Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true });
  graph.setGraph({ rankdir: "TB", ranksep: rankGap, nodesep: nodeGap, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const a of doc.activities) graph.setNode(a.id, { ...sizeOf(sizes, a.id) });
  const ids = new Set(doc.activities.map((a) => a.id));
  for (const c of doc.connections) if (ids.has(c.from) && ids.has(c.to)) graph.setEdge(c.from, c.to, {}, c.outcome);
  // Crossing reduction (dagre's ordering sweeps) grows fast with size: past this many activities the layout keeps
  // the first, depth-first order, so a large definition without positions still opens within a second. That order is
  // given here: dagre would first build the layer graphs its sweeps use, a third of a 200-activity layout's time.
  layout(graph, doc.activities.length > largeDiagram ? { customOrder: depthFirstOrder } : {});
  return new Map(
    doc.activities.map((a) => {
      const { x = 0, y = 0 } = graph.node(a.id);
      const { width, height } = sizeOf(sizes, a.id);
      // dagre places centres; React Flow positions a node by its top-left corner.
      return [a.id, { x: Math.round(x - width / 2), y: Math.round(y - height / 2) }] as const;
    }),
  );
}

/**
 * Orders each rank of dagre's graph (activities and the dummy nodes of connections spanning ranks) depth first from the
 * topmost nodes, following connections in the order they were added (outcome by outcome): a fork's branches side by
 * side, left to right.
 */
function depthFirstOrder(graph: Graph<GraphLabel, NodeLabel, EdgeLabel>) {
  const nextInRank = new Map<number, number>();
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const node = graph.node(id);
    const rank = node.rank ?? 0;
    node.order = nextInRank.get(rank) ?? 0;
    nextInRank.set(rank, node.order + 1);
    for (const next of graph.successors(id) ?? []) visit(next);
  };
  const rankOf = (id: string) => graph.node(id).rank ?? 0;
  for (const id of [...graph.nodes()].sort((a, b) => rankOf(a) - rankOf(b))) visit(id);
}

/**
 * The document with every activity placed: one with no position at all is laid out whole (tidyLayout); otherwise the
 * positioned activities stay where they are and each unpositioned one goes next to an activity it connects to, as
 * far from it as the layered layout of the whole diagram puts it (moved right until it overlaps nothing). One that
 * connects to nothing placed goes below the diagram, as a new activity does.
 */
export function placeUnpositioned(doc: DefinitionDoc, sizes: ReadonlyMap<string, Size>): DefinitionDoc {
  if (!doc.activities.some((a) => !a.position)) return doc;
  if (needsLayout(doc)) return tidyLayout(doc, sizes);
  const laidOut = layeredPositions(doc, sizes);
  const neighbours = new Map<string, string[]>();
  for (const c of doc.connections) {
    neighbours.set(c.from, [...(neighbours.get(c.from) ?? []), c.to]);
    neighbours.set(c.to, [...(neighbours.get(c.to) ?? []), c.from]);
  }
  const placedAt = new Map(doc.activities.flatMap((a) => (a.position ? [[a.id, a.position] as const] : [])));
  const placed = doc.activities.filter((a) => a.position);
  // Placing one can give the next its neighbour, so go round until a round places nothing more.
  let waiting = doc.activities.filter((a) => !a.position);
  for (let progress = true; waiting.length > 0 && progress;) {
    progress = false;
    for (const a of waiting) {
      const anchor = neighbours.get(a.id)?.find((n) => placedAt.has(n));
      if (anchor === undefined) continue;
      const own = laidOut.get(a.id)!;
      const theirs = laidOut.get(anchor)!;
      const at = placedAt.get(anchor)!;
      let position = { x: at.x + own.x - theirs.x, y: at.y + own.y - theirs.y };
      while (overlapsAny(position, placed, sizes)) position = { ...position, x: position.x + unmeasuredSize.width + nodeGap };
      placedAt.set(a.id, position);
      placed.push({ ...a, position });
      progress = true;
    }
    waiting = waiting.filter((a) => !placedAt.has(a.id));
  }
  for (const a of waiting) {
    const position = placeNewActivity({ ...doc, activities: placed }, null, sizes);
    placedAt.set(a.id, position);
    placed.push({ ...a, position });
  }
  return { ...doc, activities: doc.activities.map((a) => (a.position ? a : { ...a, position: placedAt.get(a.id)! })) };
}

/** A definition that says nothing of where its activities go (hand-written or generated JSON) is laid out on open. */
export const needsLayout = (doc: DefinitionDoc) => doc.activities.length > 0 && doc.activities.every((a) => !a.position);

const overlaps = (p: Position, size: Size, q: Position, other: Size) =>
  p.x < q.x + other.width + nodeGap / 2 &&
  q.x < p.x + size.width + nodeGap / 2 &&
  p.y < q.y + other.height + rankGap / 2 &&
  q.y < p.y + size.height + rankGap / 2;

/** Whether a node not yet measured at `position` would overlap (or crowd, within half a gap) any of the `placed` activities. */
export const overlapsAny = (position: Position, placed: readonly ActivityDoc[], sizes: ReadonlyMap<string, Size>) =>
  placed.some((a) => a.position && overlaps(position, unmeasuredSize, a.position, sizeOf(sizes, a.id)));

/**
 * Where a new activity goes: one rank below the activity it will follow (the selected one), or
 * below the whole diagram when none is selected; moved right, a node's width at a time, until it
 * overlaps nothing.
 */
export function placeNewActivity(doc: DefinitionDoc, afterId: string | null, sizes: ReadonlyMap<string, Size>): Position {
  const placed = doc.activities.filter((a): a is ActivityDoc & { position: Position } => !!a.position);
  const after = placed.find((a) => a.id === afterId);
  let position: Position = after
    ? { x: after.position.x, y: after.position.y + sizeOf(sizes, after.id).height + rankGap }
    : { x: Math.min(0, ...placed.map((a) => a.position.x)), y: Math.max(-rankGap, ...placed.map((a) => a.position.y + sizeOf(sizes, a.id).height)) + rankGap };
  while (overlapsAny(position, placed, sizes)) position = { ...position, x: position.x + unmeasuredSize.width + nodeGap };
  return position;
}

/** A region of the diagram, in its own coordinates. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The region the given activities cover (at the size of a node not yet measured), e.g. to bring what was just added into view. */
export function regionOf(activities: readonly ActivityDoc[]): Region | null {
  const placed = activities.flatMap((a) => (a.position ? [a.position] : []));
  if (placed.length === 0) return null;
  const x = Math.min(...placed.map((p) => p.x));
  const y = Math.min(...placed.map((p) => p.y));
  const right = Math.max(...placed.map((p) => p.x + unmeasuredSize.width));
  const bottom = Math.max(...placed.map((p) => p.y + unmeasuredSize.height));
  return { x, y, width: right - x, height: bottom - y };
}

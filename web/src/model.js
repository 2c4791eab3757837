// The stance graph in the browser: a graphology graph built from GET /graph, its layout, and
// which nodes and edges the filters let through.

import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";

export const FAMILIES = ["supports", "opposes", "hesitant", "neutral"];

/** Sigma draws sizes in pixels; the GEXF sizes (10 and up) are scaled down by this. */
const SIZE_SCALE = 0.55;

/**
 * A graphology multigraph of the actors and proposals of a /graph answer, one edge per statement
 * (or background tie). Source documents are not drawn: no edge meets them; they are a filter.
 * Nodes keep the positions they had in `previous`, so folding persons does not shuffle the view.
 * `extend(graph)` may add edges before the layout runs.
 */
export function buildGraph(data, previous = null, extend = () => {}) {
  const graph = new Graph({ multi: true, type: "directed", allowSelfLoops: true });
  const drawn = data.nodes.filter((node) => node.kind !== "source")
    .sort((a, b) => a.id.localeCompare(b.id));
  drawn.forEach((node, index) => {
    const angle = (2 * Math.PI * index) / drawn.length;
    const before = previous?.hasNode(node.id) ? previous.getNodeAttributes(node.id) : null;
    graph.addNode(node.id, {
      label: node.label, kind: node.kind, nodeType: node.type, color: node.color,
      size: node.size * SIZE_SCALE, definition: node.definition ?? null, qid: node.qid ?? null,
      x: before ? before.x : 100 * Math.cos(angle), y: before ? before.y : 100 * Math.sin(angle),
    });
  });
  for (const edge of data.edges) {
    // `source`/`target` are the endpoints; everything else is the statement.
    const { id, source, target, ...statement } = edge;
    graph.addDirectedEdgeWithKey(id, source, target, { ...statement, size: 2 });
  }
  extend(graph);
  layout(graph, previous ? 150 : 600);
  return graph;
}

/** ForceAtlas2, unweighted (weights are signed), from deterministic start positions. */
function layout(graph, iterations) {
  const settings = { ...forceAtlas2.inferSettings(graph), adjustSizes: true, gravity: 1.5 };
  forceAtlas2.assign(graph, { iterations, settings, getEdgeWeight: null });
}

/** The filter settings before a person changes any. */
export function defaultFilters(dates) {
  return {
    families: new Set(FAMILIES), proposals: null, proposal: "", source: "",
    from: dates[0] ?? "", to: dates[dates.length - 1] ?? "", foldPersons: false, hierarchy: false,
  };
}

/** Whether any filter hides statements (folding and the hierarchy only change the drawing). */
export function filtering(filters, dates) {
  return filters.families.size < FAMILIES.length || Boolean(filters.proposal)
    || Boolean(filters.source) || filters.from !== (dates[0] ?? "")
    || filters.to !== (dates[dates.length - 1] ?? "");
}

/**
 * The nodes and edges the filters let through. An edge passes when its family is chosen, it
 * comes from the chosen source and its date is in range (background ties, undated and from no
 * source, pass both, as in the server's views), and it points at the chosen proposal or a
 * narrower one. While a filter is on, only the nodes of
 * passing edges are shown (and the chosen proposals); with none on, every node is.
 */
export function visibility(graph, filters, dates) {
  const nodes = new Set();
  const edges = new Set();
  graph.forEachEdge((edge, statement, source, target) => {
    if (statement.family === "hierarchy") return;
    if (!filters.families.has(statement.family)) return;
    if (filters.source && !statement.background && statement.document !== filters.source) return;
    if (statement.date && ((filters.from && statement.date < filters.from)
        || (filters.to && statement.date > filters.to))) return;
    if (filters.proposals && !filters.proposals.has(target)) return;
    edges.add(edge);
    nodes.add(source);
    nodes.add(target);
  });
  if (filters.proposals) filters.proposals.forEach((node) => graph.hasNode(node) && nodes.add(node));
  if (!filtering(filters, dates)) graph.forEachNode((node) => nodes.add(node));
  if (filters.hierarchy) {
    graph.forEachEdge((edge, statement, source, target) => {
      if (statement.family === "hierarchy" && nodes.has(source) && nodes.has(target)) edges.add(edge);
    });
  }
  return { nodes, edges };
}

/** The distinct statement dates of the graph, in order. */
export function statementDates(graph) {
  const dates = new Set();
  graph.forEachEdge((edge, statement) => statement.date && dates.add(statement.date));
  return [...dates].sort();
}

/** A proposal and every proposal under it, from the `narrower` lists of GET /proposals. */
export function withNarrower(proposal, proposals) {
  const narrower = new Map(proposals.map((p) => [p.id, p.narrower]));
  const found = new Set();
  const stack = [proposal];
  while (stack.length) {
    const next = stack.pop();
    if (found.has(next)) continue;
    found.add(next);
    stack.push(...(narrower.get(next) ?? []));
  }
  return found;
}

/**
 * An edge from each proposal to each of its broader ones (family "hierarchy"), from the lists
 * of GET /proposals, in the colour of the GEXF export for ties without polarity. GET /graph can
 * add them too, but then they would count in the node sizes, which follow the GEXF export.
 */
export function addHierarchy(graph, proposals, palette) {
  const color = palette.edge_signs.find((entry) => entry.key === "0").color;
  for (const proposal of proposals) {
    for (const broader of proposal.broader) {
      if (!graph.hasNode(proposal.id) || !graph.hasNode(broader)) continue;
      graph.addDirectedEdgeWithKey(`${proposal.id}-broader-${broader}`, proposal.id, broader, {
        relation: "broader", relation_label: "is narrower than", family: "hierarchy", polarity: 0,
        color, date: "", quote: "", document: "the proposal hierarchy", background: true, size: 1,
      });
    }
  }
}

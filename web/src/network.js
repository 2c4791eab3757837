// Discourse networks (GET /networks/{kind}) as graphs to draw, actors coloured by the coalition
// (GET /coalitions) they belong to.

import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";

/** Okabe-Ito hues, one per coalition; actors in no coalition stay grey. */
export const COALITION_COLOURS = ["#e69f00", "#56b4e9", "#009e73", "#cc79a7", "#0072b2", "#d55e00",
  "#f0e442", "#000000"];
export const UNALIGNED = "#b0b0b0";

/** The coalition index of every actor in one; -1 for the rest. */
export function coalitionOf(coalitions) {
  const found = new Map();
  coalitions.coalitions.forEach((coalition, index) => coalition.members.forEach((m) => found.set(m, index)));
  return found;
}

/**
 * A weighted undirected graph of the network's ties. Ties are coloured as the stance edges of the
 * same sign (palette.edge_signs: agreement like support, conflict like opposition) and drawn
 * thicker with their weight; actors start where the stance graph has them.
 */
export function buildNetwork(network, coalitions, palette, stanceGraph) {
  const sign = Object.fromEntries(palette.edge_signs.map((entry) => [entry.key, entry.color]));
  const member = coalitionOf(coalitions);
  const graph = new Graph({ type: "undirected" });
  network.nodes.forEach((node, index) => {
    const at = stanceGraph.hasNode(node.id) ? stanceGraph.getNodeAttributes(node.id)
      : { x: Math.cos(index), y: Math.sin(index) };
    const coalition = member.get(node.id) ?? -1;
    graph.addNode(node.id, {
      label: node.label, x: at.x, y: at.y, coalition,
      color: coalition >= 0 ? COALITION_COLOURS[coalition % COALITION_COLOURS.length] : UNALIGNED,
    });
  });
  const heaviest = Math.max(...network.ties.map((tie) => Math.abs(tie.weight)), 1);
  for (const tie of network.ties) {
    const polarity = network.aggregation === "conflict" ? -1 : network.aggregation === "ignore" ? 0
      : Math.sign(tie.weight);
    graph.addUndirectedEdge(tie.source, tie.target, {
      type: "line", weight: tie.weight, color: sign[String(polarity)],
      size: 1 + (4 * Math.abs(tie.weight)) / heaviest,
    });
  }
  graph.forEachNode((node) => graph.setNodeAttribute(node, "size", 5 + 2.5 * Math.sqrt(graph.degree(node))));
  const settings = { ...forceAtlas2.inferSettings(graph), adjustSizes: true, gravity: 1.5 };
  forceAtlas2.assign(graph, { iterations: 400, settings, getEdgeWeight: null });
  return graph;
}

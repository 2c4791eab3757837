// The table view: the statements of the current selection as rows, for reading and for screen
// readers. The selection is what is highlighted, or else everything the filters show.

import { fill, h } from "./dom.js";

const COLUMNS = ["Actor", "Relation", "Target", "Speaker", "Date", "Quote", "Source"];

/**
 * @param element the container of the table
 * @param graph the graphology graph
 * @param edges the ids of the edges to list
 * @param caption what the rows are
 * @param openEdge(id) what the statement button of a row does
 */
/** The ties of a discourse network, heaviest first, with the coalition of each actor. */
export function renderTies(element, graph, caption, coalitionName) {
  const rows = graph.mapEdges((edge, tie, a, b) => ({ edge, tie, a, b }))
    .sort((x, y) => Math.abs(y.tie.weight) - Math.abs(x.tie.weight));
  const actor = (node) => [graph.getNodeAttribute(node, "label"), ` (${coalitionName(graph.getNodeAttribute(node, "coalition"))})`];
  fill(element, h("table", { class: "statements-table" },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, ["Actor", "Actor", "Weight"].map((name) => h("th", { scope: "col" }, name)))),
    h("tbody", {}, rows.map(({ edge, tie, a, b }) => h("tr", { "data-edge": edge },
      h("td", {}, actor(a)), h("td", {}, actor(b)), h("td", {}, String(Math.round(tie.weight * 1000) / 1000)))))));
}

export function renderTable(element, graph, edges, caption, openEdge) {
  const label = (node) => (graph.hasNode(node) ? graph.getNodeAttribute(node, "label") : node);
  const rows = [...edges]
    .map((edge) => ({ edge, statement: graph.getEdgeAttributes(edge), ends: graph.extremities(edge) }))
    .sort((a, b) => (a.statement.date || "9999").localeCompare(b.statement.date || "9999")
      || label(a.ends[0]).localeCompare(label(b.ends[0])));
  fill(element, h("table", { class: "statements-table" },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, COLUMNS.map((name) => h("th", { scope: "col" }, name)))),
    h("tbody", {}, rows.map(({ edge, statement, ends }) => h("tr", { "data-edge": edge },
      h("td", {}, label(ends[0])),
      h("td", {}, h("button", { type: "button", class: "node-link", onclick: () => openEdge(edge) },
        statement.relation_label)),
      h("td", {}, label(ends[1])),
      h("td", {}, statement.speaker ? label(statement.speaker) : ""),
      h("td", {}, statement.date),
      h("td", { class: "quote" }, statement.quote ? `“${statement.quote}”` : ""),
      h("td", {}, statement.background ? `background: ${statement.document}` : statement.document))))));
}

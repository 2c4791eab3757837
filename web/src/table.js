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

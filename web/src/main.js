// The viewer: loads the stance graph from the API, draws it, and wires the controls.

import { api, href } from "./api.js";
import { byId, count, fill, h } from "./dom.js";
import {
  FAMILIES, addHierarchy, buildGraph, defaultFilters, statementDates, visibility, withNarrower,
} from "./model.js";
import { Panel } from "./panel.js";
import { Search } from "./search.js";
import { COALITION_COLOURS, UNALIGNED, buildNetwork } from "./network.js";
import { renderTable, renderTies } from "./table.js";
import { GraphView } from "./view.js";

const REPLAY_STEP_MS = 900;

const state = {
  data: null, // the answer of GET /graph
  graph: null, // the graphology graph drawn
  dates: [], // the distinct statement dates, in order
  filters: null,
  shown: null, // {nodes, edges} that the filters let through
  highlight: null, // {title, nodes, context, edges}: an answer or a selection brought forward
  actors: [],
  proposals: [],
  relations: [],
  replay: null, // the timer of a replay of the debate
  network: null, // {kind, level, graph, coalitions} while a discourse network is drawn instead
  request: 0, // the latest panel request, so a slow answer does not overwrite a newer one
};

const view = new GraphView(byId("graph"), {
  onNode: (node) => (state.network ? selectActorInNetwork(node) : selectNode(node, { focus: false })),
  onEdge: (edge) => (state.network ? selectActorInNetwork(state.network.graph.source(edge)) : openEdge(edge)),
  onStage: () => clearHighlight(),
});
const label = (node) => (state.graph.hasNode(node) ? state.graph.getNodeAttribute(node, "label") : node);
const panel = new Panel(byId("panel"), (node) => selectNode(node, { focus: true }), label);

/** Run `load` for the panel; drop its answer if another request started meanwhile. */
async function inPanel(title, load) {
  const request = ++state.request;
  panel.loading(title);
  try {
    const answer = await load();
    if (request === state.request) return answer;
  } catch (error) {
    if (request === state.request) panel.error(title, error);
  }
  return null;
}

// --- highlights ---------------------------------------------------------------

function setHighlight(highlight) {
  state.highlight = highlight;
  view.setHighlight(highlight);
  refreshTable();
}

function clearHighlight() {
  state.request += 1;
  setHighlight(null);
  panel.clear();
}

async function selectNode(node, { focus }) {
  if (state.network) {
    selectActorInNetwork(node);
    return;
  }
  if (!state.graph.hasNode(node)) return;
  const edges = new Set(state.graph.edges(node).filter((edge) => state.shown.edges.has(edge)));
  const context = new Set(state.graph.neighbors(node));
  setHighlight({ title: label(node), nodes: new Set([node]), context, edges });
  if (focus) view.focus(node);
  const kind = state.graph.getNodeAttribute(node, "kind");
  const profile = await inPanel(label(node), () => (kind === "actor" ? api.actor(node) : api.proposal(node)));
  if (profile) panel.entity(profile);
}

async function openEdge(edge) {
  const statement = state.graph.getEdgeAttributes(edge);
  const [source, target] = state.graph.extremities(edge);
  setHighlight({ title: statement.relation_label, nodes: new Set(), context: new Set([source, target]),
    edges: new Set([edge]) });
  if (statement.background || statement.family === "hierarchy") {
    state.request += 1;
    panel.background({ ...statement, source, target }, label);
    return;
  }
  const evidence = await inPanel(statement.relation_label, () => api.statement(edge));
  if (evidence) panel.statement(evidence);
}

/** Bring forward the actors of a list of evidence, their statements and targets. */
function highlightEvidence(title, evidence, extraContext = []) {
  const nodes = new Set();
  const context = new Set(extraContext);
  const edges = new Set();
  for (const e of evidence) {
    if (state.graph.hasEdge(e.statement)) {
      // With persons folded the edge starts at the state the speaker speaks for.
      const [source, target] = state.graph.extremities(e.statement);
      nodes.add(source);
      context.add(target);
      edges.add(e.statement);
    } else {
      nodes.add(e.actor);
      context.add(e.target);
    }
  }
  setHighlight({ title, nodes, context, edges });
}

// --- filters ------------------------------------------------------------------

function applyFilters() {
  state.shown = visibility(state.graph, state.filters, state.dates);
  updateExports();
  if (state.network) {
    showNetwork(state.network.kind, state.network.level);
    return;
  }
  view.setShown(state.shown);
  const statementEdges = state.graph.filterEdges((edge, s) => s.family !== "hierarchy");
  const shownEdges = statementEdges.filter((edge) => state.shown.edges.has(edge));
  const status = byId("status");
  status.dataset.nodes = String(state.shown.nodes.size);
  status.dataset.edges = String(shownEdges.length);
  status.textContent = `${state.shown.nodes.size} of ${state.graph.order} nodes · `
    + `${shownEdges.length} of ${statementEdges.length} statements and ties`;
  refreshTable();
}

function readFilters() {
  const f = state.filters;
  f.families = new Set(FAMILIES.filter((family) => byId(`family-${family}`).checked));
  f.proposal = byId("filter-proposal").value;
  f.proposals = f.proposal ? withNarrower(f.proposal, state.proposals) : null;
  f.source = byId("filter-source").value;
  f.hierarchy = byId("show-hierarchy").checked;
  f.from = state.dates[Number(byId("filter-from").value)] ?? "";
  f.to = state.dates[Number(byId("filter-to").value)] ?? "";
  byId("filter-from-date").value = f.from;
  byId("filter-to-date").value = f.to;
  applyFilters();
}

/** Keep from ≤ to when one slider passes the other. */
function orderSliders(moved) {
  const from = byId("filter-from");
  const to = byId("filter-to");
  if (Number(from.value) > Number(to.value)) {
    if (moved === from) to.value = from.value;
    else from.value = to.value;
  }
}

function stopReplay() {
  clearInterval(state.replay);
  state.replay = null;
  byId("play").setAttribute("aria-pressed", "false");
  byId("play").textContent = "▶ Replay the debate";
}

/** Play the debate: from the first chosen date, add one date's statements per step. */
function replay() {
  if (state.replay) {
    stopReplay();
    return;
  }
  const to = byId("filter-to");
  to.value = byId("filter-from").value;
  readFilters();
  byId("play").setAttribute("aria-pressed", "true");
  byId("play").textContent = "⏸ Pause";
  state.replay = setInterval(() => {
    if (Number(to.value) >= Number(to.max)) {
      stopReplay();
      return;
    }
    to.value = String(Number(to.value) + 1);
    readFilters();
  }, REPLAY_STEP_MS);
}

async function foldPersons(fold) {
  state.filters.foldPersons = fold;
  stopReplay();
  const title = fold ? "Folding persons into whom they speak for" : "Unfolding persons";
  const data = await inPanel(title, () => api.graph({ fold_persons: fold || null }));
  if (data) loadGraph(data);
}

// --- exports, table, legend ---------------------------------------------------

/** The filters the server's views know, as query parameters: dates, families, folding. */
function viewParams() {
  const f = state.filters;
  return {
    from: f.from !== state.dates[0] ? f.from : null,
    to: f.to !== state.dates[state.dates.length - 1] ? f.to : null,
    family: f.families.size === FAMILIES.length ? null : [...f.families],
    fold_persons: f.foldPersons || null,
  };
}

function exportParams() {
  return { ...viewParams(), source: state.filters.source || null };
}

function updateExports() {
  const params = exportParams();
  byId("export-gexf").href = href("/export", { format: "gexf", ...params });
  byId("export-graphml").href = href("/export", { format: "graphml", ...params });
  byId("export-turtle").href = href("/export", { format: "turtle" });
  byId("export-note").hidden = !state.filters.proposal;
}

async function exportPng() {
  const blob = await view.png();
  const link = h("a", { href: URL.createObjectURL(blob), download: "stancegraph.png" });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(link.href);
}

function refreshTable() {
  if (state.network) {
    const { graph, kind } = state.network;
    renderTies(byId("table-view"), graph, `${graph.size} ties of the ${kind} network`,
      (index) => (index >= 0 ? `coalition ${index + 1}` : "unaligned"));
    return;
  }
  const mark = state.highlight;
  const statementEdges = (edges) => [...edges].filter((edge) => state.shown.edges.has(edge)
    && state.graph.getEdgeAttribute(edge, "family") !== "hierarchy");
  const edges = statementEdges(mark ? mark.edges : state.shown.edges);
  const caption = mark ? `${count(edges.length, "statement")}: ${mark.title}`
    : `${count(edges.length, "statement")} and ties shown in the graph`;
  renderTable(byId("table-view"), state.graph, edges, caption, openEdge);
}

function renderLegend() {
  const types = new Set(state.graph.mapNodes((node, a) => a.nodeType));
  const { palette } = state.data;
  fill(byId("legend"),
    palette.node_types.filter((entry) => types.has(entry.key)).map((entry) => h("li", {},
      h("span", { class: "swatch node", style: `background:${entry.color}` }), entry.label)),
    palette.edge_signs.map((entry) => h("li", {},
      h("span", { class: "swatch edge", style: `background:${entry.color}` }), entry.label)));
}

function showTab(name) {
  const table = name === "table";
  byId("tab-graph").setAttribute("aria-selected", String(!table));
  byId("tab-table").setAttribute("aria-selected", String(table));
  byId("table-view").hidden = !table;
  byId(table ? "tab-table" : "tab-graph").focus();
}

// --- discourse networks -------------------------------------------------------

/** The parameters of the network routes: the view's filters and the grouping of proposals. */
function analysisParams(level) {
  return { ...viewParams(), level: level === "" ? null : level };
}

/** Draw the discourse network of `kind` instead of the stance graph, actors coloured by coalition. */
async function showNetwork(kind, level) {
  const params = analysisParams(level);
  const title = `The ${kind} network`;
  const answer = await inPanel(title, () => Promise.all([
    api.network(kind, params), api.coalitions(params)]));
  if (!answer) return;
  const [network, coalitions] = answer;
  const graph = buildNetwork(network, coalitions, state.data.palette, state.graph);
  state.network = { kind, level, graph, coalitions };
  state.highlight = null;
  view.setGraph(graph, { nodes: new Set(graph.nodes()), edges: new Set(graph.edges()) });
  byId("back-to-stances").hidden = false;
  const status = byId("status");
  status.dataset.nodes = String(graph.order);
  status.dataset.edges = String(graph.size);
  status.textContent = `${kind} network: ${graph.order} actors · ${graph.size} ties`;
  renderNetworkLegend(coalitions);
  refreshTable();
  panel.coalitions(`${title}, coloured by coalition`, coalitions, COALITION_COLOURS, UNALIGNED,
    (node) => (graph.hasNode(node) ? graph.getNodeAttribute(node, "label") : label(node)));
}

function showStances() {
  state.network = null;
  byId("back-to-stances").hidden = true;
  view.setGraph(state.graph, state.shown);
  renderLegend();
  clearHighlight();
  applyFilters();
}

async function selectActorInNetwork(node) {
  const { graph } = state.network;
  if (!graph.hasNode(node)) return;
  setHighlight({ title: graph.getNodeAttribute(node, "label"), nodes: new Set([node]),
    context: new Set(graph.neighbors(node)), edges: new Set(graph.edges(node)) });
  const profile = await inPanel(graph.getNodeAttribute(node, "label"), () => api.actor(node));
  if (profile) panel.entity(profile);
}

function renderNetworkLegend(coalitions) {
  const signs = state.data.palette.edge_signs;
  fill(byId("legend"),
    coalitions.coalitions.map((coalition, i) => h("li", {},
      h("span", { class: "swatch node", style: `background:${COALITION_COLOURS[i % COALITION_COLOURS.length]}` }),
      `coalition ${i + 1}: ${coalition.labels.join(", ")}`)),
    coalitions.unaligned.length > 0 && h("li", {}, h("span", { class: "swatch node", style: `background:${UNALIGNED}` }),
      "unaligned"),
    h("li", {}, h("span", { class: "swatch edge", style: `background:${signs.find((e) => e.key === "1").color}` }),
      "congruence (agreement)"),
    h("li", {}, h("span", { class: "swatch edge", style: `background:${signs.find((e) => e.key === "-1").color}` }),
      "conflict (disagreement)"));
}

// --- forms --------------------------------------------------------------------

/** Proposals in the order of their hierarchy, each with its depth. */
function proposalTree() {
  const byIdMap = new Map(state.proposals.map((p) => [p.id, p]));
  const ordered = [];
  const visit = (proposal, depth) => {
    ordered.push({ proposal, depth });
    proposal.narrower.map((id) => byIdMap.get(id)).filter(Boolean)
      .sort((a, b) => a.label.localeCompare(b.label)).forEach((p) => visit(p, depth + 1));
  };
  state.proposals.filter((p) => !p.broader.length).sort((a, b) => a.label.localeCompare(b.label))
    .forEach((p) => visit(p, 0));
  return ordered;
}

function fillSelects() {
  const tree = proposalTree().map(({ proposal, depth }) =>
    [proposal.id, `${"\u2003".repeat(depth)}${proposal.label}`]);
  const options = (entries) => entries.map(([value, text]) => h("option", { value }, text));
  byId("filter-proposal").append(...options(tree));
  byId("camps-proposal").append(...options(tree));
  const sources = state.data.nodes.filter((node) => node.kind === "source");
  byId("filter-source").append(...options(sources.map((s) => [s.id, `${s.label} (${s.date})`])));

  const groups = FAMILIES.map((family) => {
    const members = state.relations.filter((r) => r.family === family)
      .sort((a, b) => (a.id === family ? -1 : b.id === family ? 1 : a.label.localeCompare(b.label)));
    return h("optgroup", { label: family }, options(members.map((r) => [r.id, r.label])));
  });
  fill(byId("who-relation"), groups);
  byId("who-relation").value = "opposes";

  fill(byId("node-names"), [...state.actors, ...state.proposals]
    .sort((a, b) => a.label.localeCompare(b.label)).map((entry) => h("option", { value: entry.label })));

  fill(byId("families"), h("legend", {}, "Relation family"), FAMILIES.map((family) => h("label", { class: "check" },
    h("input", { type: "checkbox", id: `family-${family}`, value: family, checked: true }), ` ${family}`)));
}

function wireForms() {
  byId("who-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (state.network) showStances();
    const relation = byId("who-relation").value;
    const target = byId("who-target").value.trim();
    const directOnly = byId("who-direct").checked;
    const relationLabel = state.relations.find((r) => r.id === relation)?.label ?? relation;
    const question = `who ${relationLabel} ${target}${directOnly ? "" : " (and narrower proposals)"}`;
    const evidence = await inPanel(question, () => api.who(relation, target, directOnly));
    if (!evidence) return;
    highlightEvidence(question, evidence);
    panel.who(question, evidence);
  });

  byId("camps-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (state.network) showStances();
    const proposal = byId("camps-proposal").value;
    const answer = await inPanel(`Camps on ${label(proposal)}`, () => api.camps(proposal));
    if (!answer) return;
    const members = [...answer.supporters, ...answer.opponents, ...answer.hesitant];
    highlightEvidence(`camps on ${answer.proposal.label}`, members.flatMap((m) => m.evidence),
      withNarrower(proposal, state.proposals));
    panel.camps(answer);
  });

  byId("path-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (state.network) showStances();
    const from = byId("path-from").value.trim();
    const to = byId("path-to").value.trim();
    const answer = await inPanel(`Path from ${from} to ${to}`, () => api.paths(from, to));
    if (!answer) return;
    const shortest = answer.paths[0];
    setHighlight(shortest ? {
      title: `path ${answer.source.label} → ${answer.target.label}`,
      nodes: new Set(shortest.nodes), context: new Set(),
      edges: new Set(shortest.steps.map((step) => step.statement).filter((id) => state.graph.hasEdge(id))),
    } : null);
    panel.paths(answer);
  });

  const filters = byId("filters");
  filters.addEventListener("change", (event) => {
    if (event.target.id === "fold-persons") {
      foldPersons(event.target.checked);
      return;
    }
    if (event.target.type === "range") orderSliders(event.target);
    readFilters();
  });
  filters.addEventListener("input", (event) => {
    if (event.target.type !== "range") return;
    orderSliders(event.target);
    readFilters();
  });
  filters.addEventListener("reset", () => {
    stopReplay();
    // The form resets its controls after this event; read them once it has.
    requestAnimationFrame(() => {
      byId("filter-to").value = byId("filter-to").max;
      if (state.filters.foldPersons) foldPersons(false);
      else readFilters();
    });
  });
  byId("network-form").addEventListener("submit", (event) => {
    event.preventDefault();
    showNetwork(byId("network-kind").value, byId("network-level").value);
  });
  byId("back-to-stances").addEventListener("click", showStances);
  byId("play").addEventListener("click", replay);
  byId("export-png").addEventListener("click", exportPng);
  byId("reset-view").addEventListener("click", () => view.resetCamera());
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !event.target.closest("input, select, textarea")) clearHighlight();
  });
  byId("tab-graph").addEventListener("click", () => showTab("graph"));
  byId("tab-table").addEventListener("click", () => showTab("table"));
  for (const tab of ["tab-graph", "tab-table"]) {
    byId(tab).addEventListener("keydown", (event) => {
      if (event.key === "ArrowLeft" || event.key === "ArrowRight") showTab(tab === "tab-graph" ? "table" : "graph");
    });
  }
}

// --- start --------------------------------------------------------------------

function loadGraph(data) {
  state.data = data;
  state.graph = buildGraph(data, state.graph, (graph) => addHierarchy(graph, state.proposals, data.palette));
  state.highlight = null;
  state.shown = visibility(state.graph, state.filters, state.dates);
  if (!state.network) {
    view.setGraph(state.graph, state.shown);
    panel.clear();
  }
  applyFilters();
}

async function start() {
  const [data, actors, proposals, relations] = await Promise.all([
    api.graph(), api.actors(), api.proposals(), api.relations()]);
  Object.assign(state, { actors, proposals, relations });
  state.data = data;
  state.graph = buildGraph(data, null, (graph) => addHierarchy(graph, proposals, data.palette));
  state.dates = statementDates(state.graph);
  state.filters = defaultFilters(state.dates);
  for (const id of ["filter-from", "filter-to"]) byId(id).max = String(Math.max(state.dates.length - 1, 0));
  byId("filter-to").value = byId("filter-to").max;
  byId("filter-to").setAttribute("value", byId("filter-to").max); // what the reset button restores
  fillSelects();
  renderLegend();
  wireForms();
  new Search(byId("search"), byId("search-results"), (node) => selectNode(node, { focus: true }))
    .setEntries([...actors, ...proposals]);
  state.shown = visibility(state.graph, state.filters, state.dates);
  view.setGraph(state.graph, state.shown);
  readFilters();
  document.body.dataset.ready = "true";
}

/** For the browser tests and the curious: what is drawn, read back from the renderer. */
window.stancegraphViewer = {
  drawnNodes: () => view.drawnNodes(),
  drawnEdges: () => view.drawnEdges(),
  nodeColors: () => view.nodeColors(),
  highlightedNodes: () => view.highlightedNodes(),
  nodePosition: (node) => view.nodePosition(node),
};

start().catch((error) => {
  panel.show("The viewer could not start", h("p", { class: "error", role: "alert" }, error.message));
  document.body.dataset.ready = "failed";
  throw error;
});

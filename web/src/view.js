// Drawing the graph with sigma.js: filters hide, highlights bring forward and fade the rest.

import Sigma from "sigma";
import { toBlob } from "@sigma/export-image";

const FADED_NODE = "#e2e2e2";
const FADED_EDGE = "#efefef";

export class GraphView {
  /**
   * @param container the element sigma draws in
   * @param handlers {onNode(id), onEdge(id), onStage()}: what a click on each does
   */
  constructor(container, handlers) {
    this.container = container;
    this.handlers = handlers;
    this.graph = null;
    this.sigma = null;
    this.shown = { nodes: new Set(), edges: new Set() };
    this.highlight = null;
  }

  /** Draw `graph` (replacing what was drawn), showing `shown`. */
  setGraph(graph, shown) {
    this.sigma?.kill();
    this.graph = graph;
    this.shown = shown;
    this.sigma = new Sigma(graph, this.container, {
      defaultEdgeType: "arrow",
      enableEdgeEvents: true,
      labelRenderedSizeThreshold: 0,
      labelDensity: 2,
      labelFont: "system-ui, sans-serif",
      labelSize: 13,
      labelColor: { color: "#1f1f1f" },
      zIndex: true,
      nodeReducer: (node, data) => this.nodeDisplay(node, data),
      edgeReducer: (edge, data) => this.edgeDisplay(edge, data),
    });
    this.sigma.on("clickNode", ({ node }) => this.handlers.onNode(node));
    this.sigma.on("clickEdge", ({ edge }) => this.handlers.onEdge(edge));
    this.sigma.on("clickStage", () => this.handlers.onStage());
    for (const [event, cursor] of [["enterNode", "pointer"], ["leaveNode", ""],
      ["enterEdge", "pointer"], ["leaveEdge", ""]]) {
      this.sigma.on(event, () => { this.container.style.cursor = cursor; });
    }
  }

  setShown(shown) {
    this.shown = shown;
    this.sigma.refresh();
  }

  /**
   * Bring forward `nodes` (labels boxed) and `edges`, keep `context` nodes in colour, fade the
   * rest; null clears it.
   */
  setHighlight(highlight) {
    this.highlight = highlight;
    this.sigma.refresh();
  }

  nodeDisplay(node, data) {
    const display = { ...data };
    if (!this.shown.nodes.has(node)) return { ...display, hidden: true };
    const mark = this.highlight;
    if (mark) {
      if (mark.nodes.has(node)) Object.assign(display, { highlighted: true, forceLabel: true, zIndex: 2 });
      else if (mark.context.has(node)) Object.assign(display, { forceLabel: true, zIndex: 1 });
      else Object.assign(display, { color: FADED_NODE, label: "", zIndex: 0 });
    }
    return display;
  }

  edgeDisplay(edge, data) {
    const display = { ...data };
    if (!this.shown.edges.has(edge)) return { ...display, hidden: true };
    const mark = this.highlight;
    if (mark) {
      if (mark.edges.has(edge)) Object.assign(display, { size: 3, zIndex: 2 });
      else Object.assign(display, { color: FADED_EDGE, zIndex: 0 });
    }
    return display;
  }

  /** The nodes drawn now (not hidden), and those drawn highlighted. */
  drawnNodes() {
    return this.graph.filterNodes((node) => !this.sigma.getNodeDisplayData(node)?.hidden);
  }

  /** The edges drawn now, as [id, source, target]. */
  drawnEdges() {
    return this.graph.filterEdges((edge) => !this.sigma.getEdgeDisplayData(edge)?.hidden)
      .map((edge) => [edge, ...this.graph.extremities(edge)]);
  }

  /** The colour each drawn node is drawn in. */
  nodeColors() {
    return Object.fromEntries(this.drawnNodes().map((node) => [node, this.sigma.getNodeDisplayData(node).color]));
  }

  highlightedNodes() {
    return this.graph.filterNodes((node) => {
      const display = this.sigma.getNodeDisplayData(node);
      return Boolean(display && !display.hidden && display.highlighted);
    });
  }

  /** Where `node` is drawn, in pixels from the top left of the container. */
  nodePosition(node) {
    const display = this.sigma.getNodeDisplayData(node);
    return this.sigma.framedGraphToViewport(display);
  }

  focus(node) {
    const display = this.sigma.getNodeDisplayData(node);
    if (display) this.sigma.getCamera().animate({ x: display.x, y: display.y, ratio: 0.7 }, { duration: 300 });
  }

  resetCamera() {
    this.sigma.getCamera().animatedReset({ duration: 300 });
  }

  /** The current view as a PNG, on a white background. */
  png() {
    return toBlob(this.sigma, { format: "png", backgroundColor: "#ffffff" });
  }
}

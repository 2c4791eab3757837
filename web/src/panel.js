// The side panel: an actor's or proposal's statements, one statement, a source with its quote
// marked, and the answers of the analyses. Every claim is shown with its quote and source.

import { api } from "./api.js";
import { count, fill, h } from "./dom.js";

export class Panel {
  /**
   * @param select(nodeId) called when a person follows a link to an actor or proposal
   * @param label(nodeId) the label of an actor or proposal
   */
  constructor(element, select, label) {
    this.element = element;
    this.select = select;
    this.label = label;
    this.history = [];
  }

  /** Show `title` and `content`; `keep` remembers what was shown, for a Back button. */
  show(title, content, { keep = false, className = "" } = {}) {
    this.history = keep ? [...this.history, [...this.element.childNodes]] : [];
    const back = keep && h("button", { type: "button", class: "back", onclick: () => this.back() }, "← Back");
    fill(this.element, back, h("h2", { class: className }, title), content);
    this.element.setAttribute("aria-busy", "false");
    this.element.scrollTop = 0;
  }

  back() {
    const previous = this.history.pop();
    if (previous) fill(this.element, previous);
  }

  clear() {
    this.history = [];
    this.element.setAttribute("aria-busy", "false");
    fill(this.element, h("p", { class: "hint" },
      "Click an actor, a proposal or an edge, or ask who takes a stance on what."));
  }

  loading(title) {
    this.show(title, h("p", { class: "hint" }, "Loading…"));
    this.element.setAttribute("aria-busy", "true");
  }

  error(title, error) {
    this.show(title, h("p", { class: "error", role: "alert" }, error.message));
  }

  nodeButton(id, label) {
    return h("button", { type: "button", class: "node-link", "data-node": id, onclick: () => this.select(id) }, label);
  }

  /** A link to the source that also opens its text, the quote marked, in the panel. */
  sourceLink(evidence) {
    return h("a", {
      href: `/sources/${encodeURIComponent(evidence.source)}`, class: "source-link",
      onclick: (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        this.source(evidence);
      },
    }, evidence.source_title);
  }

  evidence(e) {
    const manner = [e.modality !== "asserted" && e.modality, e.attribution !== "named" && e.attribution]
      .filter(Boolean).join(", ");
    return h("li", { class: "statement", "data-statement": e.statement },
      h("p", { class: "claim" }, this.nodeButton(e.actor, e.actor_label), ` ${e.relation_label} `,
        this.nodeButton(e.target, e.target_label)),
      h("blockquote", { class: "quote" }, `“${e.quote}”`),
      h("p", { class: "meta" },
        e.speaker_label && [h("span", { class: "speaker" }, `said by ${e.speaker_label}`), " · "],
        e.according_to && [`according to ${e.according_to}`, " · "],
        h("time", { datetime: e.date }, e.date), " · ", this.sourceLink(e),
        manner && ` · ${manner}`),
      e.condition && h("p", { class: "meta" }, `on condition: ${e.condition}`),
      e.reason && h("p", { class: "meta" }, `because: ${e.reason}`));
  }

  evidenceList(items) {
    if (!items.length) return h("p", { class: "hint" }, "No statements.");
    return h("ol", { class: "statements" }, items.map((e) => this.evidence(e)));
  }

  /** An actor or proposal (GET /actors/{id}, /proposals/{id}) with all its statements. */
  entity(profile) {
    const { entity, actor, issue, statements } = profile;
    const summary = actor ?? issue;
    const facts = [h("p", { class: "meta" }, entity.type, ` · id ${entity.id}`)];
    if (summary?.aliases?.length) facts.push(h("p", { class: "meta" }, `also: ${summary.aliases.join(", ")}`));
    if (actor?.role) facts.push(h("p", { class: "meta" }, actor.role));
    if (actor?.speaks_for?.length) {
      facts.push(h("p", { class: "meta" }, "speaks for ",
        actor.speaks_for.map((id, i) => [i ? ", " : "", this.nodeButton(id, this.label(id))])));
    }
    if (issue?.definition) facts.push(h("p", { class: "definition" }, issue.definition));
    for (const [name, ids] of [["broader", issue?.broader], ["narrower", issue?.narrower]]) {
      if (ids?.length) {
        facts.push(h("p", { class: "meta" }, `${name}: `,
          ids.map((id, i) => [i ? ", " : "", this.nodeButton(id, this.label(id))])));
      }
    }
    this.show(entity.label, [facts, h("h3", {}, count(statements.length, "statement")),
      this.evidenceList(statements)]);
  }

  statement(evidence) {
    this.show(`${evidence.actor_label} ${evidence.relation_label} ${evidence.target_label}`,
      h("ol", { class: "statements" }, this.evidence(evidence)));
  }

  /** A tie from a background graph (a membership, the proposal hierarchy): no quote to show. */
  background(edge, labels) {
    this.show(`${labels(edge.source)} ${edge.relation_label} ${labels(edge.target)}`, [
      h("p", { class: "claim" }, this.nodeButton(edge.source, labels(edge.source)), ` ${edge.relation_label} `,
        this.nodeButton(edge.target, labels(edge.target))),
      h("p", { class: "meta" }, `background fact from ${edge.document}; no source reports it`),
    ]);
  }

  /** The text of a statement's source, the quote marked by its character offsets. */
  async source(evidence) {
    try {
      const info = await api.source(evidence.source);
      const { text } = info;
      const start = evidence.quote_start;
      const end = evidence.quote_end;
      const mark = h("mark", {}, text.slice(start, end));
      this.show(info.title, [
        h("p", { class: "meta" }, `${info.date} · ${info.language} · ${count(info.statements, "statement")} · `,
          h("a", { href: `/sources/${encodeURIComponent(info.id)}` }, "JSON")),
        h("div", { class: "source-text" }, text.slice(0, start), mark, text.slice(end)),
      ], { keep: true });
      mark.scrollIntoView({ block: "center" });
    } catch (error) {
      this.show("Source", h("p", { class: "error", role: "alert" }, error.message), { keep: true });
    }
  }

  /** The answer to "who RELATION TARGET": the actors, then the evidence. */
  who(question, evidence) {
    const actors = new Map(evidence.map((e) => [e.actor, e.actor_label]));
    const sorted = [...actors].sort((a, b) => a[1].localeCompare(b[1]));
    this.show(question, [
      h("p", { class: "answer" }, sorted.length ? `${count(sorted.length, "actor")}: ` : "Nobody, in the coded sources.",
        sorted.map(([id, label], i) => [i ? ", " : "", this.nodeButton(id, label)])),
      h("h3", {}, "Evidence"),
      this.evidenceList(evidence),
    ]);
  }

  /** GET /camps/{proposal}: supporters, opponents and the hesitant, each with its evidence. */
  camps(answer) {
    const groups = [["For", answer.supporters, "supports"], ["Against", answer.opponents, "opposes"],
      ["Hesitant", answer.hesitant, "hesitant"]];
    this.show(`Camps on ${answer.proposal.label}`, groups.map(([title, members, family]) => [
      h("h3", { class: `camp ${family}` }, `${title} (${members.length})`),
      members.length
        ? h("ul", { class: "camp-members" }, members.map((m) => h("li", {},
          this.nodeButton(m.actor, m.label), this.evidenceList(m.evidence))))
        : h("p", { class: "hint" }, "Nobody."),
    ]));
  }

  /** GET /coalitions: each coalition with its members and the proposals that bind it. */
  coalitions(title, answer, colours, unaligned, label) {
    this.show(title, [
      h("p", { class: "meta" }, `${answer.coalitions.length} coalitions (${answer.method} modularity `
        + `${answer.modularity.toFixed(2)}); the ties are the discourse network's`),
      answer.coalitions.map((coalition, i) => [
        h("h3", { class: "coalition" }, h("span", { class: "swatch node", style: `background:${colours[i % colours.length]}` }),
          ` Coalition ${i + 1}`),
        h("p", {}, coalition.members.map((id, j) => [j ? ", " : "", this.nodeButton(id, coalition.labels[j])])),
        coalition.binds.length && h("ul", { class: "binds" }, coalition.binds.map((bind) => h("li", {},
          `${bind.side} ${bind.label}: ${count(bind.members.length, "member")}`))),
      ]),
      answer.unaligned.length && [h("h3", { class: "coalition" },
        h("span", { class: "swatch node", style: `background:${unaligned}` }), " Unaligned"),
        h("p", {}, answer.unaligned.map((id, j) => [j ? ", " : "", this.nodeButton(id, label(id))]))],
    ]);
  }

  /** GET /paths: the shortest paths, each step a sentence with its quote. */
  paths(answer) {
    const title = `${answer.source.label} → ${answer.target.label}`;
    if (!answer.paths.length) {
      this.show(title, h("p", { class: "hint" }, "No path connects them."));
      return;
    }
    this.show(title, answer.paths.map((path, i) => [
      h("h3", {}, `${i === 0 ? "Shortest path" : `Path ${i + 1}`}: ${count(path.length, "step")}`),
      h("ol", { class: "path" }, path.steps.map((step) => h("li", { "data-statement": step.statement },
        h("p", { class: "claim" }, this.nodeButton(step.source, step.source_label), ` ${step.relation_label} `,
          this.nodeButton(step.target, step.target_label)),
        step.quote && h("blockquote", { class: "quote" }, `“${step.quote}”`),
        step.date && h("p", { class: "meta" }, h("time", { datetime: step.date }, step.date))))),
    ]));
  }
}

// The search box: a combobox over ids, labels and aliases, usable with the keyboard alone
// (type, arrows to move, Enter to choose, Escape to close).

import { fill, h } from "./dom.js";

const LIMIT = 8;

/**
 * How well `query` names an entry, lower is better: 0 a name exactly, 1 the start of the label,
 * 2 the start of the id or an alias, 3 inside a name; null not at all.
 */
function rank(entry, query) {
  const [label] = entry.names;
  if (entry.names.includes(query)) return 0;
  if (label.startsWith(query)) return 1;
  if (entry.names.some((name) => name.startsWith(query))) return 2;
  if (entry.names.some((name) => name.includes(query))) return 3;
  return null;
}

export class Search {
  /**
   * @param input the combobox <input>
   * @param list the <ul role=listbox> of suggestions
   * @param choose(id) called with the chosen entry's id
   */
  constructor(input, list, choose) {
    this.input = input;
    this.list = list;
    this.choose = choose;
    this.entries = [];
    this.matches = [];
    this.active = -1;
    input.addEventListener("input", () => this.update());
    input.addEventListener("keydown", (event) => this.key(event));
    input.addEventListener("blur", () => this.close());
  }

  /** `entries`: [{id, label, type, aliases}] of every actor and proposal. */
  setEntries(entries) {
    this.entries = entries.map((entry) => ({
      ...entry, names: [entry.label, entry.id, ...entry.aliases].map((name) => name.toLowerCase()),
    }));
  }

  update() {
    const query = this.input.value.trim().toLowerCase();
    this.matches = !query ? [] : this.entries
      .map((entry) => ({ entry, score: rank(entry, query) }))
      .filter((match) => match.score !== null)
      .sort((a, b) => a.score - b.score || a.entry.label.localeCompare(b.entry.label))
      .slice(0, LIMIT)
      .map((match) => match.entry);
    this.active = this.matches.length ? 0 : -1;
    this.render(query);
  }

  render(query) {
    const options = this.matches.map((entry, index) => h("li", {
      id: `search-option-${index}`, role: "option", "data-node": entry.id,
      "aria-selected": index === this.active ? "true" : "false",
      onmousedown: (event) => event.preventDefault(), // keep the focus in the box
      onclick: () => this.pick(index),
    }, h("span", { class: "option-label" }, entry.label), h("span", { class: "option-type" }, ` ${entry.type}`)));
    if (query && !options.length) options.push(h("li", { class: "no-match", role: "option", "aria-disabled": "true" }, "no match"));
    fill(this.list, options);
    this.list.hidden = !options.length;
    this.input.setAttribute("aria-expanded", String(!this.list.hidden));
    if (this.active >= 0) this.input.setAttribute("aria-activedescendant", `search-option-${this.active}`);
    else this.input.removeAttribute("aria-activedescendant");
  }

  key(event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!this.matches.length) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      this.active = (this.active + step + this.matches.length) % this.matches.length;
      this.render(this.input.value);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (this.active >= 0) this.pick(this.active);
    } else if (event.key === "Escape") {
      this.close();
    }
  }

  pick(index) {
    const entry = this.matches[index];
    this.input.value = entry.label;
    this.close();
    this.choose(entry.id);
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  }
}

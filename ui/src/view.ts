// The only file that touches the DOM. Document text goes in through
// textContent and created nodes only, never innerHTML.

import type { Actions } from "./actions";
import type { LengthMode } from "./format";
import { highlight, joinKeywords } from "./format";
import type { Key } from "./i18n";
import { errorWords, t, whyText } from "./i18n";
import type { Change, Item, State } from "./state";
import type { DocId, ExportFormat, KeywordView, PickedView } from "./types";

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
}

/** An element with a class and text, built without parsing markup. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = "",
  text: string | null = null,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== null) node.textContent = text;
  return node;
}

export class View {
  private readonly list = byId<HTMLUListElement>("list");
  private readonly detail = byId<HTMLElement>("detail");
  private readonly rows = new Map<DocId, HTMLLIElement>();
  private readonly pending = { list: false, rows: new Set<DocId>(), detail: false };
  private frame = 0;
  private toastTimer: number | undefined;
  private actions: Actions | null = null;

  constructor(private readonly state: State) {
    state.subscribe((c) => this.changed(c));
  }

  private w(key: Key, vars: Record<string, string | number> = {}): string {
    return t(this.state.lang, key, vars);
  }

  /** Connects controls to actions. */
  bind(actions: Actions, switchLang: () => void): void {
    this.actions = actions;
    const s = this.state;
    byId("open").addEventListener("click", () => void actions.openDialog());
    byId("paste").addEventListener("click", () => this.showPasteBox(true));
    byId("paste-close").addEventListener("click", () => this.showPasteBox(false));
    byId("paste-go").addEventListener("click", () => {
      const box = byId<HTMLTextAreaElement>("paste-text");
      void actions.pasteText(box.value);
      box.value = "";
      this.showPasteBox(false);
    });
    byId("paste-text").addEventListener("keydown", (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
        e.preventDefault();
        byId("paste-go").click();
      }
    });
    byId("clear").addEventListener("click", () => actions.clear());
    byId("cancel").addEventListener("click", () => actions.cancelAll());
    byId("lang").addEventListener("click", switchLang);
    byId("export").addEventListener("click", () => {
      void actions.exportResults(byId<HTMLSelectElement>("export-format").value as ExportFormat);
    });
    const mode = byId<HTMLSelectElement>("length-mode");
    const value = byId<HTMLInputElement>("length-value");
    const keywords = byId<HTMLInputElement>("keyword-count");
    mode.value = s.lengthMode;
    value.value = String(s.lengthValue);
    value.disabled = s.lengthMode === "auto";
    keywords.value = String(s.keywordCount);
    const read = () => {
      s.lengthMode = mode.value as LengthMode;
      if (s.lengthMode === "ratio" && Number(value.value) <= 10 && mode.dataset["last"] !== "ratio") value.value = "20";
      mode.dataset["last"] = s.lengthMode;
      value.disabled = s.lengthMode === "auto";
      s.lengthValue = Number(value.value);
      s.keywordCount = Number(keywords.value);
      actions.optionsChanged();
    };
    for (const input of [mode, value, keywords]) input.addEventListener("input", read);
    mode.addEventListener("change", read);

    this.list.addEventListener("click", (e) => {
      const target = e.target as HTMLElement;
      const row = target.closest<HTMLLIElement>("li.row");
      if (!row) return;
      const id = Number(row.dataset["id"]);
      if (target.closest(".remove")) actions.remove(id);
      else if (target.closest(".name")) {
        if (e.ctrlKey || e.metaKey) actions.toggle(id);
        else actions.open(id);
      }
    });
    this.list.addEventListener("change", (e) => {
      const row = (e.target as HTMLElement).closest<HTMLLIElement>("li.row");
      if (row) actions.toggle(Number(row.dataset["id"]));
    });
    this.list.addEventListener("keydown", (e) => {
      const row = (e.target as HTMLElement).closest<HTMLLIElement>("li.row");
      if (!row) return;
      if (e.key === "Delete") actions.remove(Number(row.dataset["id"]));
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        const next = e.key === "ArrowDown" ? row.nextElementSibling : row.previousElementSibling;
        next?.querySelector<HTMLButtonElement>(".name")?.focus();
        e.preventDefault();
      }
    });
    this.detail.addEventListener("click", (e) => this.detailClick(e));
    document.addEventListener("keydown", (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "o") {
        e.preventDefault();
        void actions.openDialog();
      } else if (e.key === "Escape") {
        if (!byId("paste-box").hidden) this.showPasteBox(false);
        else if (actions.busy) actions.cancelAll();
      }
    });
    document.addEventListener("paste", (e) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT")) return;
      const text = e.clipboardData?.getData("text/plain") ?? "";
      if (text.trim()) {
        e.preventDefault();
        void actions.pasteText(text);
      }
    });
  }

  private detailClick(e: MouseEvent): void {
    const actions = this.actions;
    if (!actions) return;
    const target = e.target as HTMLElement;
    const chip = target.closest<HTMLButtonElement>("button.chip");
    if (chip) {
      void actions.copy(chip.dataset["text"] ?? chip.textContent ?? "");
      return;
    }
    const all = target.closest<HTMLButtonElement>("button.copy-all");
    if (all) {
      void actions.copy(all.dataset["text"] ?? "");
      return;
    }
    const sentence = target.closest<HTMLButtonElement>("button.sentence");
    if (sentence) {
      const doc = Number(sentence.dataset["doc"]);
      const index = Number(sentence.dataset["index"]);
      if (this.state.selected.length === 1) this.scrollToSentence(index);
      else actions.open(doc, index);
      return;
    }
    if (target.closest("#empty-open")) void actions.openDialog();
    if (target.closest("#empty-paste")) this.showPasteBox(true);
  }

  private showPasteBox(show: boolean): void {
    const box = byId("paste-box");
    box.hidden = !show;
    if (show) byId<HTMLTextAreaElement>("paste-text").focus();
  }

  toast(text: string): void {
    const toast = byId("toast");
    toast.textContent = text;
    toast.classList.add("show");
    window.clearTimeout(this.toastTimer);
    this.toastTimer = window.setTimeout(() => toast.classList.remove("show"), 2500);
  }

  private changed(c: Change): void {
    switch (c.kind) {
      case "rows":
        for (const id of c.ids) this.pending.rows.add(id);
        break;
      case "list":
        this.pending.list = true;
        break;
      case "detail":
      case "options":
        this.pending.detail = true;
        break;
      case "lang":
        this.applyLanguage();
        return;
      case "hover":
        byId("drop-overlay").hidden = !this.state.hover;
        return;
    }
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  /** Everything, now. */
  renderAll(): void {
    this.applyLanguage();
  }

  private render(): void {
    this.frame = 0;
    if (this.pending.list) this.renderList();
    else for (const id of this.pending.rows) this.renderRow(id);
    this.pending.list = false;
    this.pending.rows.clear();
    this.renderProgress();
    if (this.pending.detail) this.renderDetail();
    this.pending.detail = false;
  }

  private applyLanguage(): void {
    document.documentElement.lang = this.state.lang;
    for (const node of document.querySelectorAll<HTMLElement>("[data-i18n]")) {
      node.textContent = this.w(node.dataset["i18n"] as Key);
    }
    for (const node of document.querySelectorAll<HTMLElement>("[data-i18n-label]")) {
      const label = this.w(node.dataset["i18nLabel"] as Key);
      node.setAttribute("aria-label", label);
      node.title = label;
    }
    byId<HTMLTextAreaElement>("paste-text").placeholder = this.w("pasteBox");
    for (const row of this.rows.values()) row.remove();
    this.rows.clear();
    this.renderList();
    this.renderProgress();
    this.renderDetail();
  }

  private renderList(): void {
    const keep = new Set(this.state.order);
    for (const [id, row] of this.rows) {
      if (!keep.has(id)) {
        row.remove();
        this.rows.delete(id);
      }
    }
    const fragment = document.createDocumentFragment();
    let appended = false;
    for (const id of this.state.order) {
      let row = this.rows.get(id);
      if (!row) {
        row = this.makeRow(id);
        this.rows.set(id, row);
        fragment.append(row);
        appended = true;
      }
      this.renderRow(id);
    }
    if (appended) this.list.append(fragment);
    byId("clear").hidden = this.state.order.length === 0;
  }

  private makeRow(id: DocId): HTMLLIElement {
    const row = el("li", "row");
    row.dataset["id"] = String(id);
    const pick = el("input", "pick");
    pick.type = "checkbox";
    pick.setAttribute("aria-label", this.w("selectForCombined"));
    const name = el("button", "name");
    name.type = "button";
    const status = el("span", "status");
    const remove = el("button", "remove", "×");
    remove.type = "button";
    remove.setAttribute("aria-label", this.w("remove"));
    remove.title = this.w("remove");
    row.append(pick, name, status, remove);
    return row;
  }

  private renderRow(id: DocId): void {
    const item = this.state.items.get(id);
    const row = this.rows.get(id);
    if (!item || !row) return;
    const selected = this.state.selected.includes(id);
    row.dataset["status"] = item.status;
    row.classList.toggle("selected", selected);
    const pick = row.querySelector<HTMLInputElement>(".pick");
    if (pick) {
      pick.checked = selected;
      pick.disabled = item.status !== "done";
    }
    const name = row.querySelector<HTMLButtonElement>(".name");
    if (name) {
      name.textContent = item.name;
      name.title = item.path ?? item.name;
      name.setAttribute("aria-pressed", String(selected));
    }
    const status = row.querySelector<HTMLElement>(".status");
    if (status) {
      status.textContent = item.error ? `${this.w("error")}: ${errorWords(this.state.lang, item.error.kind)}` : this.w(item.status);
      status.title = item.error?.message ?? "";
    }
  }

  private renderProgress(): void {
    const p = this.state.progress();
    byId("progress").hidden = !p.running;
    const bar = byId<HTMLProgressElement>("progress-bar");
    bar.max = Math.max(1, p.total);
    bar.value = p.finished;
    byId("progress-text").textContent = this.w("progress", { done: p.finished, total: p.total });
  }

  private renderDetail(): void {
    const d = this.detail;
    d.replaceChildren();
    const s = this.state;
    if (s.order.length === 0) {
      d.dataset["view"] = "empty";
      const box = el("div", "empty");
      box.append(el("h2", "", this.w("emptyTitle")), el("p", "", this.w("emptyHint")));
      const open = el("button", "primary", this.w("open"));
      open.id = "empty-open";
      const paste = el("button", "", this.w("paste"));
      paste.id = "empty-paste";
      box.append(open, paste);
      d.append(box);
      return;
    }
    const items = s.selected.map((id) => s.items.get(id)).filter((i): i is Item => !!i);
    if (items.length === 0) {
      d.dataset["view"] = "none";
      d.append(el("p", "hint", this.w("pickOne")));
      return;
    }
    if (items.length === 1 && items[0]) this.renderOne(items[0]);
    else this.renderSeveral(items);
  }

  private renderOne(item: Item): void {
    const d = this.detail;
    d.dataset["view"] = "one";
    d.dataset["status"] = item.status;
    d.append(el("h2", "doc-title", item.doc?.title ?? item.name));
    d.append(el("p", "doc-file", item.path ?? this.w("pastedText")));
    if (item.status === "error" && item.error) {
      const box = el("div", "error-box");
      box.append(el("strong", "", errorWords(this.state.lang, item.error.kind)), el("p", "", item.error.message));
      d.append(box);
      return;
    }
    if (item.status !== "done" || !item.doc || !item.summary) {
      d.append(el("p", "hint", item.status === "cancelled" ? this.w("cancelled") : this.w("stillWorking")));
      return;
    }
    d.append(this.summarySection(this.w("summary"), item.summary.sentences, false));
    d.append(this.keywordSection(this.w("keywordsTitle"), item.summary.keywords));
    const full = el("section", "full");
    full.append(el("h3", "", this.w("fullText")));
    const text = el("div", "fulltext");
    text.tabIndex = 0;
    for (const piece of highlight(item.doc.text, item.summary.sentences, item.doc.noise)) {
      if (piece.noise) text.append(el("span", "noise", piece.text));
      else if (piece.picked === null) text.append(document.createTextNode(piece.text));
      else {
        const mark = el("mark", "", piece.text);
        mark.dataset["index"] = String(piece.picked);
        text.append(mark);
      }
    }
    full.append(text);
    d.append(full);
    const focus = this.state.focusSentence;
    if (focus && focus[0] === item.id) {
      this.state.focusSentence = null;
      this.scrollToSentence(focus[1]);
    }
  }

  private renderSeveral(items: Item[]): void {
    const d = this.detail;
    d.dataset["view"] = "several";
    delete d.dataset["status"];
    d.append(el("h2", "doc-title", this.w("selectedN", { n: items.length })));
    d.append(el("p", "doc-file", items.map((i) => i.name).join(", ")));
    const s = this.state;
    if (s.combinedError) {
      const box = el("div", "error-box");
      box.append(el("strong", "", errorWords(s.lang, s.combinedError.kind)), el("p", "", s.combinedError.message));
      d.append(box);
      return;
    }
    if (!s.combined) {
      d.append(el("p", "hint", this.w("stillWorking")));
      return;
    }
    d.append(this.summarySection(this.w("combined"), s.combined.sentences, true));
    d.append(this.keywordSection(this.w("sharedKeywords"), s.combined.keywords));
  }

  private summarySection(title: string, sentences: PickedView[], withSource: boolean): HTMLElement {
    const section = el("section", "summary");
    section.append(el("h3", "", title));
    const list = el("ol", "sentences");
    for (const p of sentences) {
      const li = el("li");
      const button = el("button", "sentence", p.text);
      button.type = "button";
      button.dataset["doc"] = String(p.doc);
      button.dataset["index"] = String(p.index);
      button.title = whyText(this.state.lang, p);
      li.append(button);
      if (withSource) li.append(el("span", "source", this.w("from") + (this.state.items.get(p.doc)?.name ?? "")));
      list.append(li);
    }
    section.append(list);
    return section;
  }

  private keywordSection(title: string, keywords: KeywordView[]): HTMLElement {
    const section = el("section", "keywords");
    const head = el("div", "section-head");
    head.append(el("h3", "", title));
    const all = el("button", "copy-all", this.w("copyAll"));
    all.type = "button";
    all.dataset["text"] = joinKeywords(keywords);
    head.append(all);
    section.append(head);
    const chips = el("div", "chips");
    for (const k of keywords) {
      const chip = el("button", "chip", k.text);
      chip.type = "button";
      chip.dataset["text"] = k.text;
      chip.title = `${k.count}× · ${k.score.toFixed(2)}`;
      chips.append(chip);
    }
    section.append(chips);
    return section;
  }

  private scrollToSentence(index: number): void {
    const mark = this.detail.querySelector<HTMLElement>(`mark[data-index="${index}"]`);
    if (!mark) return;
    mark.scrollIntoView({ block: "center", behavior: "smooth" });
    for (const old of this.detail.querySelectorAll("mark.flash")) old.classList.remove("flash");
    void mark.offsetWidth;
    mark.classList.add("flash");
  }
}

// The only file that touches the DOM. Document text goes in through
// textContent and created nodes only, never innerHTML.

import type { Actions } from "./actions";
import * as api from "./api";
import type { LengthMode } from "./format";
import { baseName, highlight, joinKeywords, resultText, summaryText, termLines } from "./format";
import type { Key } from "./i18n";
import { errorWords, t, whyText } from "./i18n";
import { findRanges, paint, rangeAt } from "./find";
import type { Change, Item, State } from "./state";
import type { AppError, DocId, ExportFormat, KeywordView, NameKind, NameView, Ocr, OutlineView, PickedView, SummaryView } from "./types";

const VERSION = "0.1.0";

/** The shortcut list (F1): keys, and what they do. */
const SHORTCUTS: [string, Key][] = [
  ["Ctrl+O", "key.open"],
  ["Ctrl+Shift+O", "key.openFolder"],
  ["Ctrl+V", "key.paste"],
  ["Ctrl+F", "key.find"],
  ["Ctrl+P", "key.print"],
  ["Ctrl+,", "key.terms"],
  ["F6, Ctrl+1/2/3", "key.regions"],
  ["↑ ↓ Space Enter Delete", "key.list"],
  ["Ctrl+B", "key.side"],
  ["Ctrl++ Ctrl+− Ctrl+0", "key.zoom"],
  ["Esc", "key.cancel"],
  ["Ctrl+Q, Ctrl+W", "key.quit"],
  ["F1", "key.help"],
];

const STATUS_ORDER = ["error", "cancelled", "working", "waiting", "done"];

/** The kinds of names, in the order shown. */
const NAME_KINDS: NameKind[] = ["person", "organization", "place"];

/** The user's three lists: their text areas, and the field of `Terms` each fills. */
const TERM_LISTS = [
  ["terms-dict", "dict"],
  ["terms-exclude", "exclude"],
  ["terms-boost", "boost"],
] as const;

/** `text` as a whole number in [lo, hi], or null. */
function wholeIn(text: string, lo: number, hi: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const n = Number(text);
  return n >= lo && n <= hi ? n : null;
}

/** The files a pasted text names (absolute paths or file:// URIs, one a line), or null. */
export function pastedPaths(text: string): string[] | null {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
  if (lines.length === 0 || lines.length > 1000) return null;
  const paths: string[] = [];
  for (const line of lines) {
    if (line.startsWith("file://")) {
      try {
        paths.push(decodeURIComponent(new URL(line).pathname));
      } catch {
        return null;
      }
    } else if (/^\/[^\n]*[^\s.!?]$/.test(line) && !line.includes("  ") && line.split("/").length > 2) {
      paths.push(line);
    } else if (/^[A-Za-z]:\\/.test(line)) {
      paths.push(line);
    } else {
      return null;
    }
  }
  return paths;
}

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
  /** The row with the list's Tab stop. */
  private current: DocId | null = null;
  /** Rows shown, in the order shown (after the filter and the sort). */
  private visible: DocId[] = [];
  private beforeModal: HTMLElement | null = null;
  /** Matches of the find bar, and the current one. */
  private found: Range[] = [];
  private foundAt = -1;
  /** The menu that is open. */
  private menuOpen: number | null = null;
  private headingTimer: number | undefined;

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
    byId("terms-close").addEventListener("click", () => this.showModal("terms-box", false));
    byId("terms-save").addEventListener("click", () => void this.saveTerms());
    byId("terms-box").addEventListener("keydown", (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
        e.preventDefault();
        void this.saveTerms();
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
    this.syncControls();
    const read = () => {
      s.lengthMode = mode.value as LengthMode;
      if (s.lengthMode === "ratio" && Number(value.value) <= 10 && mode.dataset["last"] !== "ratio") value.value = "20";
      mode.dataset["last"] = s.lengthMode;
      value.disabled = s.lengthMode === "auto";
      // A length or count out of range is refused where it is typed, not
      // silently replaced: the box says so and the last good value stays.
      const length = wholeIn(value.value, 1, 100);
      const count = wholeIn(keywords.value, 1, 100);
      const lengthOk = s.lengthMode === "auto" || length !== null;
      value.setAttribute("aria-invalid", String(!lengthOk));
      keywords.setAttribute("aria-invalid", String(count === null));
      const bad = !lengthOk ? value : count === null ? keywords : null;
      const message = byId("settings-error");
      message.textContent = bad ? this.w("badNumber", { min: 1, max: 100 }) : "";
      message.hidden = !bad;
      if (length !== null) s.lengthValue = length;
      if (count !== null) s.keywordCount = count;
      actions.optionsChanged();
    };
    for (const input of [mode, value, keywords]) input.addEventListener("input", read);
    mode.addEventListener("change", read);
    byId("filter").addEventListener("input", () => this.renderList());
    byId("sort").addEventListener("change", () => this.renderList());
    byId("resume").addEventListener("click", () => actions.resume());
    byId("toggle-side").addEventListener("click", () => this.toggleSide());
    this.bindSplitter();
    this.bindMenubar();
    this.applyZoom();
    byId("help-close").addEventListener("click", () => this.showModal("help-box", false));
    const find = byId<HTMLInputElement>("find-text");
    find.addEventListener("input", () => this.runFind());
    find.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === "F3") {
        e.preventDefault();
        this.stepFind(e.shiftKey ? -1 : 1);
      } else if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        this.closeFind();
      }
    });
    byId("find-next").addEventListener("click", () => this.stepFind(1));
    byId("find-prev").addEventListener("click", () => this.stepFind(-1));
    byId("find-close").addEventListener("click", () => this.closeFind());

    this.list.addEventListener("click", (e) => {
      const target = e.target as HTMLElement;
      const row = target.closest<HTMLLIElement>("li.row");
      if (!row) return;
      const id = Number(row.dataset["id"]);
      this.current = id;
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
    // One Tab stop for the whole list (the current row); arrows move
    // between rows, Space adds a row to the combined summary, Enter opens
    // it, Delete removes it.
    this.list.addEventListener("keydown", (e) => {
      const row = (e.target as HTMLElement).closest<HTMLLIElement>("li.row");
      if (!row) return;
      const id = Number(row.dataset["id"]);
      const rows = [...this.list.querySelectorAll<HTMLLIElement>("li.row:not([hidden])")];
      const at = rows.indexOf(row);
      let next: HTMLLIElement | undefined;
      if (e.key === "ArrowDown") next = rows[at + 1];
      else if (e.key === "ArrowUp") next = rows[at - 1];
      else if (e.key === "Home") next = rows[0];
      else if (e.key === "End") next = rows[rows.length - 1];
      else if (e.key === " ") {
        e.preventDefault();
        actions.toggle(id);
        return;
      } else if (e.key === "Delete") {
        next = rows[at + 1] ?? rows[at - 1];
        actions.remove(id);
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "a") {
        e.preventDefault();
        actions.selectAll();
        return;
      } else return;
      e.preventDefault();
      if (next) this.focusRow(Number(next.dataset["id"]));
    });
    this.detail.addEventListener("click", (e) => this.detailClick(e));
    document.addEventListener("keydown", (e) => {
      const key = e.key.toLowerCase();
      const ctrl = e.ctrlKey || e.metaKey;
      const modal = this.openModal();
      if (modal) {
        this.modalKey(modal, e);
        return;
      }
      if (e.key === "F1") {
        e.preventDefault();
        this.showHelp(false);
      } else if (e.key === "F10") {
        e.preventDefault();
        this.openMenu(0, true);
      } else if (ctrl && key === "f") {
        e.preventDefault();
        this.openFind();
      } else if (ctrl && key === "p") {
        e.preventDefault();
        void api.print();
      } else if (ctrl && key === ",") {
        e.preventDefault();
        this.showTerms();
      } else if (ctrl && (key === "=" || key === "+")) {
        e.preventDefault();
        this.zoom(1);
      } else if (ctrl && (key === "-" || key === "_")) {
        e.preventDefault();
        this.zoom(-1);
      } else if (ctrl && key === "0") {
        e.preventDefault();
        this.zoom(0);
      } else if (ctrl && key === "o") {
        e.preventDefault();
        if (e.shiftKey) void actions.openFolderDialog();
        else void actions.openDialog();
      } else if (ctrl && (key === "q" || key === "w")) {
        // The list and its settings are kept (see `Actions.persist`), so
        // closing loses nothing and asks nothing.
        e.preventDefault();
        void actions.quit();
      } else if (ctrl && key === "b") {
        e.preventDefault();
        this.toggleSide();
      } else if (e.key === "F6" || (ctrl && ["1", "2", "3"].includes(key))) {
        // Between the list, the summary and the full text.
        e.preventDefault();
        const regions = ["list", "summary", "text"] as const;
        const now = this.regionOf(document.activeElement);
        const step = e.shiftKey ? regions.length - 1 : 1;
        const want = e.key === "F6" ? regions[(regions.indexOf(now ?? "text") + step) % regions.length] : regions[Number(key) - 1];
        if (want) this.focusRegion(want);
      } else if (ctrl && key === "a" && this.detail.contains(document.activeElement)) {
        // Select the document shown, not the whole window.
        e.preventDefault();
        const text = this.detail.querySelector(".fulltext") ?? this.detail;
        window.getSelection()?.selectAllChildren(text);
      } else if (e.key === "Escape") {
        if (actions.busy) actions.cancelAll();
      }
    });
    document.addEventListener("paste", (e) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT")) return;
      const text = e.clipboardData?.getData("text/plain") ?? "";
      if (text.trim()) {
        e.preventDefault();
        // A file copied in a file manager arrives as its path or file:// URI.
        const paths = pastedPaths(text);
        if (paths) void actions.addPath(...paths);
        else void actions.pasteText(text);
      }
    });
  }

  /** Shows the state's settings in the controls. */
  syncControls(): void {
    const s = this.state;
    const mode = byId<HTMLSelectElement>("length-mode");
    const value = byId<HTMLInputElement>("length-value");
    mode.value = s.lengthMode;
    mode.dataset["last"] = s.lengthMode;
    value.value = String(s.lengthValue);
    value.disabled = s.lengthMode === "auto";
    byId<HTMLInputElement>("keyword-count").value = String(s.keywordCount);
  }

  private detailClick(e: MouseEvent): void {
    const actions = this.actions;
    if (!actions) return;
    const target = e.target as HTMLElement;
    const chip = target.closest<HTMLButtonElement>("button.chip, button.name-chip");
    if (chip) {
      void actions.copy(chip.dataset["text"] ?? chip.textContent ?? "");
      return;
    }
    const copy = target.closest<HTMLButtonElement>("button.copy-all, button.copy-names, button.copy-summary, button.copy-results");
    if (copy) {
      void actions.copy(copy.dataset["text"] ?? "");
      return;
    }
    const go = target.closest<HTMLButtonElement>("button.goto");
    if (go) {
      const doc = Number(go.dataset["doc"]);
      const index = Number(go.dataset["index"]);
      if (this.state.selected.length === 1) this.scrollToSentence(index);
      else actions.open(doc, index);
      return;
    }
    const recent = target.closest<HTMLButtonElement>("button.recent-file");
    if (recent) void actions.addPath(recent.dataset["path"] ?? "");
    if (target.closest("button.back")) actions.back();
    const heading = target.closest<HTMLButtonElement>(".outline button.heading");
    if (heading) this.showHeading(Number(heading.dataset["start"]), Number(heading.dataset["end"]));
    if (target.closest("button.mark-keywords")) this.toggleKeywordMarks();
    if (target.closest("button.open-terms")) this.showTerms();
    const retry = target.closest<HTMLButtonElement>("button.retry");
    if (retry) actions.retry(Number(retry.dataset["id"]));
    if (target.closest("#empty-open")) void actions.openDialog();
    if (target.closest("#empty-paste")) this.showPasteBox(true);
  }

  /** Opens or closes the paste box. */
  private showPasteBox(show: boolean): void {
    this.showModal("paste-box", show);
  }

  /** The open dialog box (paste, help), if any. */
  private openModal(): HTMLElement | null {
    for (const id of ["paste-box", "help-box", "terms-box"]) if (!byId(id).hidden) return byId(id);
    return null;
  }

  /**
   * Opens or closes a dialog box: while it is open the rest of the window
   * is inert; closing gives the focus back to where it was.
   */
  private showModal(id: string, show: boolean): void {
    const box = byId(id);
    if (show === !box.hidden) return;
    if (show && this.openModal()) return;
    box.hidden = !show;
    for (const part of ["menubar", "top", "main"]) byId(part).inert = show;
    if (show) {
      this.beforeModal = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      box.querySelector<HTMLElement>("textarea, button")?.focus();
    } else {
      // The button that opened the box may have been drawn again meanwhile.
      const again = this.beforeModal?.classList.contains("open-terms") ? this.detail.querySelector<HTMLElement>("button.open-terms") : null;
      const back = this.beforeModal && this.beforeModal.isConnected ? this.beforeModal : (again ?? byId("open"));
      back.focus();
      this.beforeModal = null;
    }
  }

  /** Keys while a dialog box is open: Tab stays inside it, Esc closes it. */
  private modalKey(box: HTMLElement, e: KeyboardEvent): void {
    if (e.key === "Escape") {
      e.preventDefault();
      this.showModal(box.id, false);
    } else if (e.key === "Tab") {
      const inside = [...box.querySelectorAll<HTMLElement>("textarea, button, a[href]")];
      const at = inside.indexOf(document.activeElement as HTMLElement);
      const next = inside[(at + (e.shiftKey ? inside.length - 1 : 1)) % inside.length];
      e.preventDefault();
      next?.focus();
    }
  }

  /** "Từ của tôi" (Ctrl+,): the user's three lists, one term a line. */
  private showTerms(): void {
    for (const [id, list] of TERM_LISTS) byId<HTMLTextAreaElement>(id).value = this.state.terms[list].join("\n");
    this.termsError(null);
    this.showModal("terms-box", true);
  }

  /** Saves the lists; the box closes, or says why they were not kept. */
  private async saveTerms(): Promise<void> {
    if (!this.actions || byId("terms-box").hidden) return;
    const read = (id: string) => termLines(byId<HTMLTextAreaElement>(id).value);
    const error = await this.actions.saveTerms({
      dict: read("terms-dict"),
      exclude: read("terms-exclude"),
      boost: read("terms-boost"),
    });
    this.termsError(error);
    if (!error) this.showModal("terms-box", false);
  }

  private termsError(error: AppError | null): void {
    const line = byId("terms-error");
    line.textContent = error ? `${errorWords(this.state.lang, error.kind)}: ${error.message}` : "";
    line.hidden = !error;
  }

  /** F1 and Help > About: the shortcuts and what the app is. */
  private showHelp(about: boolean): void {
    byId("help-title").textContent = this.w(about ? "about" : "shortcuts");
    const content = byId("help-content");
    content.replaceChildren();
    if (about) content.append(el("p", "", this.w("aboutText", { version: VERSION })));
    else {
      const table = el("table", "shortcuts");
      for (const [keys, what] of SHORTCUTS) {
        const tr = el("tr");
        const th = el("th", "", keys);
        th.scope = "row";
        tr.append(th, el("td", "", this.w(what)));
        table.append(tr);
      }
      content.append(table);
    }
    this.showModal("help-box", true);
  }

  // --- Find in the text (Ctrl+F) ---

  private openFind(): void {
    const bar = byId("find-bar");
    bar.hidden = false;
    const input = byId<HTMLInputElement>("find-text");
    input.focus();
    input.select();
    this.runFind();
  }

  private closeFind(): void {
    byId("find-bar").hidden = true;
    this.found = [];
    paint("find", []);
    paint("find-current", []);
    this.detail.querySelector<HTMLElement>(".fulltext")?.focus();
  }

  /** Searches the shown text again (after typing, or a new document shown). */
  private runFind(keepAt = false): void {
    if (byId("find-bar").hidden) return;
    const text = this.detail.querySelector(".fulltext") ?? this.detail;
    const query = byId<HTMLInputElement>("find-text").value;
    this.found = findRanges(text, query, this.state.lang);
    if (!keepAt || this.foundAt >= this.found.length) this.foundAt = this.found.length > 0 ? 0 : -1;
    paint("find", this.found);
    this.showFound();
  }

  private stepFind(step: number): void {
    if (this.found.length === 0) return;
    this.foundAt = (this.foundAt + step + this.found.length) % this.found.length;
    this.showFound();
  }

  private showFound(): void {
    const query = byId<HTMLInputElement>("find-text").value;
    const count = byId("find-count");
    const current = this.found[this.foundAt];
    count.textContent = query.trim() === "" ? "" : current ? `${this.foundAt + 1}/${this.found.length}` : this.w("findNone");
    paint("find-current", current ? [current] : []);
    if (current) {
      const rect = current.getBoundingClientRect();
      const box = this.detail.getBoundingClientRect();
      if (rect.top < box.top + 40 || rect.bottom > box.bottom - 20) {
        this.detail.scrollTop += rect.top - box.top - box.height / 3;
      }
    }
  }

  /** Paints the keywords in the full text, when asked to. */
  private paintKeywords(keywords: KeywordView[] | null): void {
    const text = this.detail.querySelector(".fulltext");
    if (!text || !keywords || !this.state.markKeywords) {
      paint("keywords", []);
      return;
    }
    paint(
      "keywords",
      keywords.flatMap((k) => findRanges(text, k.text, this.state.lang)),
    );
  }

  /** Ctrl+ +, Ctrl+ -, Ctrl+0: the size of everything, kept for next time. */
  private zoom(step: number): void {
    const now = Number(localStorage.getItem("tomtat.zoom")) || 1;
    const next = step === 0 ? 1 : Math.min(2, Math.max(0.6, Math.round((now + step * 0.1) * 10) / 10));
    localStorage.setItem("tomtat.zoom", String(next));
    this.applyZoom();
  }

  private applyZoom(): void {
    const z = Number(localStorage.getItem("tomtat.zoom")) || 1;
    document.documentElement.style.setProperty("zoom", String(z));
  }

  // --- The menu bar (Tệp, Sửa, Xem, Trợ giúp) ---

  private menus(): { key: Key; items: { key: Key | null; label?: string; keys?: string; run: () => void; off?: boolean }[] }[] {
    const a = this.actions;
    if (!a) return [];
    const shown = (): boolean => this.detail.querySelector("ol.sentences") !== null;
    return [
      {
        key: "menu.file",
        items: [
          { key: "open", keys: "Ctrl+O", run: () => void a.openDialog() },
          { key: "openFolder", keys: "Ctrl+Shift+O", run: () => void a.openFolderDialog() },
          { key: "paste", keys: "Ctrl+V", run: () => this.showPasteBox(true) },
          ...this.state.recent.slice(0, 5).map((path) => ({ key: null, label: baseName(path), run: () => void a.addPath(path) })),
          { key: "export", run: () => byId("export").click() },
          { key: "print", keys: "Ctrl+P", run: () => void api.print(), off: !shown() },
          { key: "quit", keys: "Ctrl+Q", run: () => void a.quit() },
        ],
      },
      {
        key: "menu.edit",
        items: [
          { key: "copySummary", run: () => this.detail.querySelector<HTMLButtonElement>("button.copy-summary")?.click(), off: !shown() },
          { key: "copyResults", run: () => this.detail.querySelector<HTMLButtonElement>("button.copy-results")?.click(), off: !shown() },
          { key: "find", keys: "Ctrl+F", run: () => this.openFind() },
          { key: "termsOpen", keys: "Ctrl+,", run: () => this.showTerms() },
        ],
      },
      {
        key: "menu.view",
        items: [
          { key: byId("side").hidden ? "showList" : "hideList", keys: "Ctrl+B", run: () => this.toggleSide() },
          { key: "markKeywords", run: () => this.toggleKeywordMarks() },
          { key: "zoomIn", keys: "Ctrl++", run: () => this.zoom(1) },
          { key: "zoomOut", keys: "Ctrl+−", run: () => this.zoom(-1) },
          { key: "zoomReset", keys: "Ctrl+0", run: () => this.zoom(0) },
          { key: "switchLang", run: () => byId("lang").click() },
        ],
      },
      {
        key: "menu.help",
        items: [
          { key: "shortcuts", keys: "F1", run: () => this.showHelp(false) },
          { key: "about", run: () => this.showHelp(true) },
        ],
      },
    ];
  }

  /** The menu bar's four buttons; a menu is built when it opens. */
  private renderMenubar(): void {
    const bar = byId("menubar");
    bar.replaceChildren();
    bar.setAttribute("aria-label", "Menu");
    this.menus().forEach((menu, i) => {
      const button = el("button", "menu-title", this.w(menu.key));
      button.type = "button";
      button.setAttribute("role", "menuitem");
      button.setAttribute("aria-haspopup", "menu");
      button.setAttribute("aria-expanded", "false");
      button.dataset["menu"] = String(i);
      button.tabIndex = i === 0 ? 0 : -1;
      bar.append(button);
    });
  }

  private openMenu(index: number, focusFirst: boolean): void {
    this.closeMenu(false);
    const menu = this.menus()[index];
    const button = byId("menubar").querySelector<HTMLButtonElement>(`button[data-menu="${index}"]`);
    if (!menu || !button) return;
    button.setAttribute("aria-expanded", "true");
    const list = el("ul", "menu");
    list.setAttribute("role", "menu");
    list.setAttribute("aria-label", this.w(menu.key));
    for (const item of menu.items) {
      const li = el("li");
      li.setAttribute("role", "none");
      const b = el("button", "menu-item");
      b.type = "button";
      b.setAttribute("role", "menuitem");
      b.tabIndex = -1;
      b.disabled = item.off ?? false;
      b.append(el("span", "", item.label ?? (item.key ? this.w(item.key) : "")));
      if (item.keys) b.append(el("kbd", "", item.keys));
      b.addEventListener("click", () => {
        this.closeMenu(false);
        item.run();
      });
      li.append(b);
      list.append(li);
    }
    list.style.left = `${button.offsetLeft}px`;
    byId("menubar").append(list);
    this.menuOpen = index;
    if (focusFirst) list.querySelector<HTMLButtonElement>("button:not(:disabled)")?.focus();
  }

  private closeMenu(focusTitle: boolean): void {
    const bar = byId("menubar");
    bar.querySelector("ul.menu")?.remove();
    for (const b of bar.querySelectorAll("button.menu-title")) b.setAttribute("aria-expanded", "false");
    if (focusTitle && this.menuOpen !== null) bar.querySelector<HTMLButtonElement>(`button[data-menu="${this.menuOpen}"]`)?.focus();
    this.menuOpen = null;
  }

  private bindMenubar(): void {
    const bar = byId("menubar");
    bar.addEventListener("click", (e) => {
      const title = (e.target as HTMLElement).closest<HTMLButtonElement>("button.menu-title");
      if (!title) return;
      const index = Number(title.dataset["menu"]);
      if (this.menuOpen === index) this.closeMenu(false);
      else this.openMenu(index, e.detail === 0);
    });
    bar.addEventListener("keydown", (e) => {
      const titles = [...bar.querySelectorAll<HTMLButtonElement>("button.menu-title")];
      const inMenu = (e.target as HTMLElement).closest("ul.menu");
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        this.closeMenu(true);
      } else if (inMenu && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
        e.preventDefault();
        const items = [...inMenu.querySelectorAll<HTMLButtonElement>("button:not(:disabled)")];
        const at = items.indexOf(e.target as HTMLButtonElement);
        items[(at + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length]?.focus();
      } else if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
        e.preventDefault();
        const now = this.menuOpen ?? titles.indexOf(e.target as HTMLButtonElement);
        const next = (now + (e.key === "ArrowRight" ? 1 : titles.length - 1)) % titles.length;
        titles.forEach((t, i) => (t.tabIndex = i === next ? 0 : -1));
        if (this.menuOpen !== null) this.openMenu(next, true);
        else titles[next]?.focus();
      } else if (!inMenu && e.key === "ArrowDown") {
        e.preventDefault();
        this.openMenu(titles.indexOf(e.target as HTMLButtonElement), true);
      }
    });
    document.addEventListener("pointerdown", (e) => {
      if (this.menuOpen !== null && !bar.contains(e.target as Node)) this.closeMenu(false);
    });
  }

  private toggleKeywordMarks(): void {
    this.state.markKeywords = !this.state.markKeywords;
    this.state.notify({ kind: "detail" });
  }

  private regionOf(node: Element | null): "list" | "summary" | "text" | null {
    if (!node) return null;
    if (this.list.contains(node)) return "list";
    if (node.closest("#detail .fulltext")) return "text";
    if (this.detail.contains(node)) return "summary";
    return null;
  }

  private focusRegion(region: "list" | "summary" | "text"): void {
    if (region === "list") {
      const id = this.currentRow();
      if (id !== null) this.focusRow(id);
    } else if (region === "summary") {
      const first =
        this.detail.querySelector<HTMLElement>("ol.sentences button.goto") ??
        this.detail.querySelector<HTMLElement>("details summary, button");
      first?.focus();
    } else {
      this.detail.querySelector<HTMLElement>(".fulltext")?.focus();
    }
  }

  /** The row that holds the list's one Tab stop. */
  private currentRow(): DocId | null {
    if (this.current !== null && this.rows.has(this.current)) return this.current;
    const first = this.state.selected[0] ?? this.visible[0];
    return first ?? null;
  }

  private focusRow(id: DocId): void {
    this.current = id;
    for (const [rid, row] of this.rows) {
      const name = row.querySelector<HTMLButtonElement>(".name");
      if (name) name.tabIndex = rid === id ? 0 : -1;
    }
    this.rows.get(id)?.querySelector<HTMLButtonElement>(".name")?.focus();
  }

  /** Hides or shows the list (Ctrl+B), for small windows. */
  private toggleSide(): void {
    const side = byId("side");
    side.hidden = !side.hidden;
    byId("splitter").hidden = side.hidden;
    const button = byId("toggle-side");
    button.setAttribute("aria-pressed", String(side.hidden));
    this.labelToggleSide();
  }

  private labelToggleSide(): void {
    const label = this.w(byId("side").hidden ? "showList" : "hideList");
    const button = byId("toggle-side");
    button.setAttribute("aria-label", `${label} (Ctrl+B)`);
    button.title = `${label} (Ctrl+B)`;
  }

  /** The bar between the list and the detail: drag it, or arrows on it. */
  private bindSplitter(): void {
    const bar = byId("splitter");
    const side = byId("side");
    const set = (px: number) => {
      const width = Math.round(Math.min(Math.max(px, 180), window.innerWidth * 0.6));
      side.style.width = `${width}px`;
      bar.setAttribute("aria-valuenow", String(width));
      localStorage.setItem("tomtat.side", String(width));
    };
    const saved = Number(localStorage.getItem("tomtat.side"));
    if (saved > 0) set(saved);
    bar.addEventListener("pointerdown", (e) => {
      bar.setPointerCapture(e.pointerId);
      const move = (m: PointerEvent) => set(m.clientX - side.getBoundingClientRect().left);
      bar.addEventListener("pointermove", move);
      bar.addEventListener("pointerup", () => bar.removeEventListener("pointermove", move), { once: true });
    });
    bar.addEventListener("keydown", (e) => {
      const width = side.getBoundingClientRect().width;
      if (e.key === "ArrowLeft") set(width - 20);
      else if (e.key === "ArrowRight") set(width + 20);
      else return;
      e.preventDefault();
    });
  }

  /** Says `text` to a screen reader, once, briefly: the pane itself is not a live region. */
  private announce(text: string): void {
    const node = byId("announce");
    if (node.textContent !== text) node.textContent = text;
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
    this.renderListButtons();
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
    byId<HTMLInputElement>("filter").placeholder = this.w("filterHint");
    this.labelToggleSide();
    this.renderMenubar();
    for (const row of this.rows.values()) row.remove();
    this.rows.clear();
    this.renderList();
    this.renderListButtons();
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
    this.arrange();
  }

  /**
   * "Xóa danh sách" and "Tiếp tục N tệp đã dừng": after every change, not
   * only when the list is redrawn, or the last file a Cancel stops (its
   * event comes after the others) is missing from N.
   */
  private renderListButtons(): void {
    byId("clear").hidden = this.state.order.length === 0;
    const stopped = this.state.order.filter((id) => this.state.items.get(id)?.status === "cancelled").length;
    const resume = byId("resume");
    resume.hidden = stopped === 0 || (this.actions?.busy ?? false);
    resume.textContent = this.w("resume", { n: stopped });
  }

  /** Applies the filter and the sort to the rows, and counts them. */
  private arrange(): void {
    const s = this.state;
    const query = byId<HTMLInputElement>("filter").value.trim().toLocaleLowerCase(s.lang);
    const sort = byId<HTMLSelectElement>("sort").value;
    let ids = s.order;
    if (query) {
      ids = ids.filter((id) => {
        const item = s.items.get(id);
        const words = `${item?.doc?.title ?? ""} ${item?.name ?? ""}`.toLocaleLowerCase(s.lang);
        return words.includes(query);
      });
    }
    if (sort !== "added") {
      const key = (id: DocId): string => {
        const item = s.items.get(id);
        if (!item) return "";
        return sort === "status" ? `${STATUS_ORDER.indexOf(item.status)}` : (item.doc?.title ?? item.name);
      };
      const collator = new Intl.Collator(s.lang === "vi" ? "vi" : "en", { numeric: true });
      ids = [...ids].sort((a, b) => collator.compare(key(a), key(b)));
    }
    const shown = new Set(ids);
    for (const [id, row] of this.rows) row.hidden = !shown.has(id);
    const same = ids.length === this.visible.length && ids.every((id, i) => id === this.visible[i]);
    if (!same && (sort !== "added" || this.visible.some((id, i) => s.order[i] !== id))) {
      const fragment = document.createDocumentFragment();
      for (const id of ids) {
        const row = this.rows.get(id);
        if (row) fragment.append(row);
      }
      for (const id of s.order) if (!shown.has(id)) {
        const row = this.rows.get(id);
        if (row) fragment.append(row);
      }
      this.list.append(fragment);
    }
    this.visible = ids;
    byId("count").textContent =
      ids.length === s.order.length ? String(s.order.length) : `${ids.length}/${s.order.length}`;
    const current = this.currentRow();
    for (const [id, row] of this.rows) {
      const name = row.querySelector<HTMLButtonElement>(".name");
      if (name) name.tabIndex = id === current ? 0 : -1;
    }
  }

  private makeRow(id: DocId): HTMLLIElement {
    const row = el("li", "row");
    row.dataset["id"] = String(id);
    const pick = el("input", "pick");
    pick.type = "checkbox";
    pick.tabIndex = -1;
    const name = el("button", "name");
    name.type = "button";
    name.tabIndex = -1;
    const meta = el("span", "meta");
    const ocr = el("span", "ocr-badge");
    ocr.hidden = true;
    meta.append(el("span", "file"), el("span", "status"), ocr);
    const remove = el("button", "remove", "×");
    remove.type = "button";
    remove.tabIndex = -1;
    row.append(pick, name, meta, remove);
    return row;
  }

  private renderRow(id: DocId): void {
    const item = this.state.items.get(id);
    const row = this.rows.get(id);
    if (!item || !row) return;
    const selected = this.state.selected.includes(id);
    row.dataset["status"] = item.status;
    row.dataset["name"] = item.name;
    row.classList.toggle("selected", selected);
    const pick = row.querySelector<HTMLInputElement>(".pick");
    if (pick) {
      pick.checked = selected && item.status === "done";
      pick.disabled = item.status !== "done";
      pick.setAttribute("aria-label", this.w("selectForCombined", { name: item.name }));
    }
    const remove = row.querySelector<HTMLButtonElement>(".remove");
    if (remove) {
      remove.setAttribute("aria-label", this.w("removeNamed", { name: item.name }));
      remove.title = remove.getAttribute("aria-label") ?? "";
    }
    // The document's title when it has one; the file name under it.
    const title = item.doc?.title ?? null;
    const name = row.querySelector<HTMLButtonElement>(".name");
    if (name) {
      name.textContent = title ?? item.name;
      name.title = item.path ?? item.name;
      name.setAttribute("aria-pressed", String(selected));
    }
    const file = row.querySelector<HTMLElement>(".file");
    if (file) {
      file.textContent = title !== null && title !== item.name ? item.name : "";
      file.hidden = file.textContent === "";
    }
    const status = row.querySelector<HTMLElement>(".status");
    if (status) {
      const ocr = item.status === "working" ? item.ocrProgress : null;
      status.textContent = item.error
        ? `${this.w("error")}: ${errorWords(this.state.lang, item.error.kind)}`
        : ocr
          ? this.w("ocrPages", { done: ocr.done, pages: ocr.pages })
          : this.w(item.status);
    }
    // A document read by OCR says so in the list, with its confidence;
    // one with a poorly read page is marked too.
    const badge = row.querySelector<HTMLElement>(".ocr-badge");
    if (badge) {
      const ocr = item.status === "done" ? (item.doc?.ocr ?? null) : null;
      badge.hidden = ocr === null;
      badge.textContent = ocr ? `${this.w("ocrBadge")} ${Math.round(ocr.confidence)}%` : "";
      badge.title = ocr ? this.w("ocrConfidence", { pct: Math.round(ocr.confidence) }) : "";
      badge.classList.toggle("low", ocr?.pages.some((p) => p.low) ?? false);
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
    paint("keywords", []);
    this.found = [];
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
      if (s.recent.length > 0) {
        const recent = el("section", "recent");
        recent.append(el("h3", "", this.w("recent")));
        const list = el("ul");
        for (const path of s.recent) {
          const b = el("button", "recent-file", baseName(path));
          b.type = "button";
          b.dataset["path"] = path;
          b.title = path;
          const li = el("li");
          li.append(b);
          list.append(li);
        }
        recent.append(list);
        box.append(recent);
      }
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
    const back = this.state.back;
    if (back) {
      const button = el("button", "back", this.w("backToCombined", { n: back.length }));
      button.type = "button";
      d.append(button);
    }
    d.append(el("h2", "doc-title", item.doc?.title ?? item.name));
    d.append(el("p", "doc-file", item.path ?? this.w("pastedText")));
    this.announce(this.w("showing", { title: item.doc?.title ?? item.name }));
    if ((item.status === "error" && item.error) || item.status === "cancelled") {
      if (item.error) d.append(this.errorBox(item.error));
      else d.append(el("p", "hint", this.w("cancelled")));
      const retry = el("button", "retry", this.w("retry"));
      retry.type = "button";
      retry.dataset["id"] = String(item.id);
      d.append(retry);
      return;
    }
    if (item.status !== "done" || !item.doc || !item.summary) {
      d.append(el("p", "hint", this.w("stillWorking")));
      const ocr = item.status === "working" ? item.ocrProgress : null;
      if (ocr) {
        const p = el("p", "ocr-progress", this.w("ocrPages", { done: ocr.done, pages: ocr.pages }));
        const bar = el("progress");
        bar.max = Math.max(1, ocr.pages);
        bar.value = ocr.done;
        bar.setAttribute("aria-label", p.textContent ?? "");
        d.append(p, bar);
      }
      return;
    }
    if (item.doc.ocr) d.append(this.ocrNote(item.doc.ocr));
    d.append(this.copyResultsButton(item.doc.title ?? item.name, item.summary));
    d.append(this.summarySection(this.w("summary"), item.summary.sentences, false));
    if (item.doc.outline.length > 0) d.append(this.outlineSection(item.doc.outline));
    d.append(this.keywordSection(this.w("keywordsTitle"), item.summary.keywords));
    d.append(this.namesSection(item.summary.names));
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
    this.paintKeywords(item.summary.keywords);
    this.runFind(true);
    const focus = this.state.focusSentence;
    if (focus && focus[0] === item.id) {
      this.state.focusSentence = null;
      this.scrollToSentence(focus[1]);
    }
  }

  /**
   * "Đọc bằng OCR" and the confidence of a scan or photo; the pages read
   * poorly are named (their text is shown like the rest), and a scan of
   * several pages lists each page's confidence.
   */
  private ocrNote(ocr: Ocr): HTMLElement {
    const pct = (v: number) => Math.round(v);
    const box = el("section", "ocr-note");
    box.setAttribute("role", "note");
    box.append(el("strong", "ocr-mark", this.w("ocrConfidence", { pct: pct(ocr.confidence) })));
    box.append(el("p", "", this.w("ocrNote", { pct: pct(ocr.confidence) })));
    const low = ocr.pages.filter((p) => p.low);
    if (low.length > 0) {
      const warn = el("p", "ocr-low", this.w("ocrLow", { pages: low.map((p) => p.page).join(", ") }));
      box.append(warn);
    }
    if (ocr.pages.length > 1) {
      const more = el("details", "ocr-pages");
      more.append(el("summary", "", this.w("ocrPagesTitle")));
      const list = el("ul");
      for (const p of ocr.pages) {
        const li = el("li", p.low ? "low" : "", this.w(p.low ? "ocrPageLow" : "ocrPage", { page: p.page, pct: pct(p.confidence) }));
        li.dataset["page"] = String(p.page);
        list.append(li);
      }
      more.append(list);
      box.append(more);
    }
    return box;
  }

  private renderSeveral(items: Item[]): void {
    const d = this.detail;
    d.dataset["view"] = "several";
    delete d.dataset["status"];
    d.append(el("h2", "doc-title", this.w("selectedN", { n: items.length })));
    d.append(el("p", "doc-file", items.map((i) => i.name).join(", ")));
    const s = this.state;
    if (s.combinedError) {
      d.append(this.errorBox(s.combinedError));
      return;
    }
    if (!s.combined) {
      d.append(el("p", "hint", this.w("stillWorking")));
      return;
    }
    d.append(this.copyResultsButton(this.w("selectedN", { n: items.length }), s.combined));
    d.append(this.summarySection(this.w("combined"), s.combined.sentences, true));
    d.append(this.keywordSection(this.w("sharedKeywords"), s.combined.keywords));
    d.append(this.namesSection(s.combined.names));
  }

  /**
   * A plain-words error, with the technical line behind a "Details"
   * disclosure: a reader sees what went wrong, a helper can still read why.
   */
  private errorBox(error: AppError): HTMLElement {
    const box = el("div", "error-box");
    box.setAttribute("role", "alert");
    box.append(el("strong", "", errorWords(this.state.lang, error.kind)));
    const more = el("details", "error-details");
    more.append(el("summary", "", this.w("details")), el("p", "", error.message));
    box.append(more);
    return box;
  }

  /** The buttons that copy a whole result: its summary and keywords, as text. */
  private copyResultsButton(title: string, summary: SummaryView): HTMLButtonElement {
    const all = el("button", "copy-results", this.w("copyResults"));
    all.type = "button";
    all.dataset["text"] = resultText(this.state.lang, title, summary);
    return all;
  }

  private summarySection(title: string, sentences: PickedView[], withSource: boolean): HTMLElement {
    const section = el("section", "summary");
    const head = el("div", "section-head");
    head.append(el("h3", "", title));
    const copy = el("button", "copy-summary", this.w("copy"));
    copy.type = "button";
    copy.dataset["text"] = summaryText(sentences);
    copy.setAttribute("aria-label", this.w("copySummary"));
    copy.title = this.w("copySummary");
    head.append(copy);
    section.append(head);
    const list = el("ol", "sentences");
    sentences.forEach((p, i) => {
      const li = el("li");
      // The sentence is text, selectable like any text; the button beside
      // it shows it in the full text.
      const text = el("span", "sentence", p.text);
      text.dataset["doc"] = String(p.doc);
      text.dataset["index"] = String(p.index);
      const go = el("button", "goto", "↧");
      go.type = "button";
      go.dataset["doc"] = String(p.doc);
      go.dataset["index"] = String(p.index);
      const label = this.w("gotoSentence", { n: i + 1 });
      go.setAttribute("aria-label", label);
      const why = el("span", "why", whyText(this.state.lang, p));
      why.id = `why-${p.doc}-${p.index}`;
      go.setAttribute("aria-describedby", why.id);
      go.title = label;
      li.append(text, document.createTextNode(" "), go, why);
      if (withSource) li.append(el("span", "source", this.w("from") + (this.state.items.get(p.doc)?.name ?? "")));
      list.append(li);
    });
    section.append(list);
    return section;
  }

  /** Dàn ý: the headings, indented by level; a heading shows its place in the text. */
  private outlineSection(outline: OutlineView[]): HTMLElement {
    const section = el("section", "outline");
    section.append(el("h3", "", this.w("outline")));
    const list = el("ol", "outline-list");
    outline.forEach((o, i) => {
      const li = el("li");
      li.style.setProperty("--level", String(Math.max(0, o.level - 1)));
      const go = el("button", "heading", o.heading);
      go.type = "button";
      go.dataset["at"] = String(i);
      go.dataset["start"] = String(o.start);
      go.dataset["end"] = String(o.start + o.heading.length);
      li.append(go);
      for (const line of o.summary) li.append(el("p", "outline-summary", line));
      list.append(li);
    });
    section.append(list);
    return section;
  }

  /** Scrolls the full text to a heading and paints it for a moment. */
  private showHeading(start: number, end: number): void {
    const text = this.detail.querySelector(".fulltext");
    const range = text ? rangeAt(text, start, end) : null;
    if (!range) return;
    const rect = range.getBoundingClientRect();
    const box = this.detail.getBoundingClientRect();
    this.detail.scrollTop += rect.top - box.top - 60;
    paint("outline-target", [range]);
    window.clearTimeout(this.headingTimer);
    this.headingTimer = window.setTimeout(() => paint("outline-target", []), 2500);
  }

  private keywordSection(title: string, keywords: KeywordView[]): HTMLElement {
    const section = el("section", "keywords");
    const head = el("div", "section-head");
    head.append(el("h3", "", title));
    const all = el("button", "copy-all", this.w("copyAll"));
    all.type = "button";
    all.setAttribute("aria-label", this.w("copyKeywords"));
    all.title = this.w("copyKeywords");
    all.dataset["text"] = joinKeywords(keywords);
    head.append(all);
    if (this.detail.dataset["view"] === "one") {
      const mark = el("button", "mark-keywords", this.w("markKeywords"));
      mark.type = "button";
      mark.setAttribute("aria-pressed", String(this.state.markKeywords));
      head.append(mark);
    }
    // The user's own terms steer the keywords: their box is opened here
    // (and by Ctrl+, and Sửa > Từ của tôi…).
    const terms = el("button", "open-terms", this.w("termsOpen"));
    terms.type = "button";
    terms.setAttribute("aria-haspopup", "dialog");
    terms.setAttribute("aria-keyshortcuts", "Control+,");
    terms.title = `${this.w("key.terms")} (Ctrl+,)`;
    head.append(terms);
    section.append(head);
    const chips = el("div", "chips");
    for (const k of keywords) {
      const chip = el("button", "chip", k.text);
      chip.type = "button";
      chip.dataset["text"] = k.text;
      chip.title = this.w("kw.count", { n: k.count });
      chips.append(chip);
    }
    section.append(chips);
    return section;
  }

  /**
   * Tên riêng: the people, organizations and places the text names, by
   * kind, each with how often it is said; a name copies like a keyword.
   */
  private namesSection(names: NameView[]): HTMLElement {
    const section = el("section", "names");
    const head = el("div", "section-head");
    head.append(el("h3", "", this.w("names")));
    if (names.length > 0) {
      const all = el("button", "copy-names", this.w("copyAll"));
      all.type = "button";
      all.setAttribute("aria-label", this.w("copyNames"));
      all.title = this.w("copyNames");
      all.dataset["text"] = joinKeywords(names);
      head.append(all);
    }
    section.append(head);
    if (names.length === 0) section.append(el("p", "hint", this.w("namesNone")));
    for (const kind of NAME_KINDS) {
      const ofKind = names.filter((n) => n.kind === kind);
      if (ofKind.length === 0) continue;
      const group = el("div", "name-group");
      group.dataset["kind"] = kind;
      const label = this.w(`name.${kind}`);
      group.append(el("span", "name-kind", label));
      const chips = el("div", "chips");
      chips.setAttribute("role", "group");
      chips.setAttribute("aria-label", label);
      for (const n of ofKind) {
        const chip = el("button", "name-chip", n.text);
        chip.type = "button";
        chip.dataset["text"] = n.text;
        chip.dataset["kind"] = n.kind;
        chip.dataset["count"] = String(n.count);
        chip.append(el("span", "name-count", String(n.count)));
        const says = this.w("name.count", { kind: label, n: n.count });
        chip.title = says;
        chip.setAttribute("aria-label", `${n.text} (${says})`);
        chips.append(chip);
      }
      group.append(chips);
      section.append(group);
    }
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

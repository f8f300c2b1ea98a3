// What the user can do: each action updates State and calls the API.
// No DOM here; the view calls these, main.ts wires them.

import * as api from "./api";
import { baseName } from "./format";
import type { Key } from "./i18n";
import { errorWords, t } from "./i18n";
import type { Item, State } from "./state";
import type { AppError, DocId, DocResult, ExportFormat, FileEvent, Session, Terms } from "./types";

/** How many recent files are kept. */
const RECENT = 10;

export interface Notifier {
  toast(text: string): void;
}

export class Actions {
  private lastBatch = 0;
  private running = new Set<number>();
  private refreshTimer: number | undefined;
  private saving = false;
  private dirty = false;
  /** Whether the last session is back: nothing is saved before. */
  private restored = false;

  constructor(
    private readonly state: State,
    private readonly notifier: Notifier,
  ) {}

  private words(key: Key): string {
    return t(this.state.lang, key);
  }

  /**
   * Files to summarize, from a drop, the Open dialog or a test: queue them
   * as one batch. A file already in the list gets no second row: it is read
   * again in place, so a file edited on disk shows its new text.
   */
  addFiles(paths: string[]): void {
    if (paths.length === 0) return;
    this.remember(paths);
    const byPath = new Map<string, Item>();
    for (const item of this.state.items.values()) if (item.path !== null) byPath.set(item.path, item);
    const fresh: Item[] = [];
    const again: Item[] = [];
    const seen = new Set<string>();
    for (const path of paths) {
      if (seen.has(path)) continue;
      seen.add(path);
      const old = byPath.get(path);
      if (!old) fresh.push(this.newItem(path, null));
      else if (old.status !== "waiting" && old.status !== "working") again.push(old);
    }
    const first = this.state.items.size === 0;
    this.state.add(fresh);
    // The first file of an empty list is shown, and a file added alone.
    const alone = fresh.length + again.length === 1 ? (fresh[0] ?? again[0]) : undefined;
    if (first && fresh[0]) this.state.select([fresh[0].id]);
    else if (alone) this.state.select([alone.id]);
    this.run([...again, ...fresh]);
  }

  private newItem(path: string | null, text: string | null): Item {
    const firstLine = text?.trim().split("\n")[0] ?? "";
    return {
      id: this.state.newId(),
      name: path !== null ? baseName(path) : firstLine.slice(0, 60) || this.words("pastedText"),
      path,
      text,
      status: path !== null ? "waiting" : "working",
      batch: null,
      error: null,
      doc: null,
      summary: null,
      summaryKey: "",
    };
  }

  /** Puts `paths` first among the recent files. */
  private remember(paths: string[]): void {
    const latest = paths.slice(0, RECENT);
    this.state.recent = [...latest, ...this.state.recent.filter((p) => !latest.includes(p))].slice(0, RECENT);
  }

  /** Reads `items` (files of the list) as one batch, in list order. */
  private run(items: Item[]): void {
    if (items.length === 0) return;
    const batch = ++this.lastBatch;
    for (const i of items) this.state.update(i.id, { status: "waiting", batch, error: null, summaryKey: "" });
    const files = items.map((i) => ({ id: i.id, path: i.path ?? "" }));
    const options = this.state.options;
    const key = this.state.optionsKey;
    this.running.add(batch);
    this.state.notify({ kind: "list" });
    api
      .summarizeFiles(batch, files, options, (e) => this.onFileEvent(e, key))
      .catch((error: AppError) => {
        for (const i of items) if (this.state.items.get(i.id)?.status === "waiting") this.state.update(i.id, { status: "error", error });
      })
      .finally(() => {
        this.running.delete(batch);
        for (const i of items) {
          if (this.state.items.get(i.id)?.status === "waiting") this.state.update(i.id, { status: "cancelled" });
        }
        this.state.notify({ kind: "list" });
      });
  }

  /** Brings back the list and settings of the last session; files are read again. */
  restore(session: Session): void {
    const s = this.state;
    if (session.length_mode === "auto" || session.length_mode === "sentences" || session.length_mode === "ratio") {
      s.lengthMode = session.length_mode;
    }
    if (Number.isFinite(session.length_value) && session.length_value > 0) s.lengthValue = session.length_value;
    if (Number.isFinite(session.keyword_count) && session.keyword_count > 0) s.keywordCount = session.keyword_count;
    s.recent = session.recent.slice(0, RECENT);
    const items = session.items
      .filter((i) => i.path !== null || (i.text ?? "").trim() !== "")
      .map((i) => this.newItem(i.path, i.path === null ? i.text : null));
    s.add(items);
    const picked = session.selected.map((n) => items[n]?.id).filter((id): id is DocId => id !== undefined);
    s.select(picked.length > 0 ? picked : items[0] ? [items[0].id] : []);
    s.notify({ kind: "options" });
    this.run(items.filter((i) => i.path !== null));
    for (const i of items) if (i.text !== null) void this.summarizePasted(i);
    this.restored = true;
  }

  /** The session to keep: the list, the selection, the settings, the recent files. */
  private session(): Session {
    const s = this.state;
    const at = new Map(s.order.map((id, n) => [id, n]));
    return {
      items: s.order.map((id) => {
        const item = s.items.get(id);
        return { path: item?.path ?? null, text: item?.path === null ? item.text : null };
      }),
      selected: s.selected.map((id) => at.get(id) ?? -1).filter((n) => n >= 0),
      length_mode: s.lengthMode,
      length_value: Number.isFinite(s.lengthValue) ? s.lengthValue : 3,
      keyword_count: Number.isFinite(s.keywordCount) ? s.keywordCount : 10,
      recent: s.recent,
    };
  }

  /**
   * Saves the session after each change: at once when no save is under
   * way, else once more when it ends. No change waits on a timer, so a
   * window closed right after one still finds it next time.
   */
  persist(): void {
    if (!this.restored) return;
    if (this.saving) {
      this.dirty = true;
      return;
    }
    this.saving = true;
    void api
      .saveSession(this.session())
      .catch(() => {})
      .finally(() => {
        this.saving = false;
        if (this.dirty) {
          this.dirty = false;
          this.persist();
        }
      });
  }

  /** Ctrl+Q, Ctrl+W: saves the session now, then ends the app. */
  async quit(): Promise<void> {
    try {
      await api.saveSession(this.session());
    } finally {
      await api.quit();
    }
  }

  private onFileEvent(e: FileEvent, key: string): void {
    switch (e.event) {
      case "started":
        this.state.update(e.id, { status: "working", ocrProgress: null });
        break;
      case "progress":
        this.state.update(e.id, { ocrProgress: { done: e.done, pages: e.pages } });
        break;
      case "done":
        this.finish(e.id, e.result, key);
        break;
      case "failed":
        this.state.update(e.id, { status: "error", error: e.error, ocrProgress: null });
        break;
      case "cancelled":
        this.state.update(e.id, { status: "cancelled", ocrProgress: null });
        break;
    }
  }

  private finish(id: DocId, r: DocResult, key: string): void {
    this.state.update(id, {
      status: "done",
      doc: r.doc,
      summary: r.summary,
      summaryKey: key,
      name: r.doc.name,
      ocrProgress: null,
    });
    if (!this.state.selected.includes(id)) return;
    // A stale summary, or the last of a selection to finish (a restored
    // combined view): bring what is shown up to date.
    const several = this.state.selected.length > 1 && this.state.selectedDone().length === this.state.selected.length;
    if (key !== this.state.optionsKey || several) void this.refresh();
  }

  get busy(): boolean {
    return this.running.size > 0;
  }

  cancelAll(): void {
    for (const b of this.running) void api.cancel(b);
  }

  async openDialog(): Promise<void> {
    try {
      const paths = await api.pickFiles(this.words("openTitle"), this.words("docFilter"));
      if (paths && paths.length > 0) await api.addPaths(paths);
    } catch (e) {
      this.fail(e as AppError);
    }
  }

  /** Files named by path (a recent file, a pasted path), added as a drop is. */
  async addPath(...paths: string[]): Promise<void> {
    try {
      await api.addPaths(paths);
    } catch (e) {
      this.fail(e as AppError);
    }
  }

  /** Reads again the files a stopped batch left ("Đã dừng"). */
  resume(): void {
    const stopped = this.state.order
      .map((id) => this.state.items.get(id))
      .filter((i): i is Item => i !== undefined && i.status === "cancelled" && i.path !== null);
    this.run(stopped);
  }

  /** Tries one stopped or failed document again. */
  retry(id: DocId): void {
    const item = this.state.items.get(id);
    if (!item || item.status === "waiting" || item.status === "working") return;
    if (item.path !== null) this.run([item]);
    else {
      this.state.update(id, { status: "working", error: null });
      void this.summarizePasted(item);
    }
  }

  /** Ctrl+A in the list: every finished document, summarized together. */
  selectAll(): void {
    this.state.back = null;
    this.state.select(this.state.order.filter((id) => this.state.items.get(id)?.status === "done"));
    void this.refresh();
  }

  async openFolderDialog(): Promise<void> {
    try {
      const folder = await api.pickFolder(this.words("openFolderTitle"));
      if (folder) await api.addPaths([folder]);
    } catch (e) {
      this.fail(e as AppError);
    }
  }

  async pasteText(text: string): Promise<void> {
    if (text.trim() === "") return;
    const item = this.newItem(null, text);
    this.state.add([item]);
    this.state.select([item.id]);
    await this.summarizePasted(item);
  }

  private async summarizePasted(item: Item): Promise<void> {
    const key = this.state.optionsKey;
    try {
      this.finish(item.id, await api.summarizeText(item.id, item.text ?? "", this.state.options), key);
    } catch (e) {
      this.state.update(item.id, { status: "error", error: e as AppError });
    }
  }

  remove(id: DocId): void {
    this.state.remove([id]);
    void api.forget([id]);
  }

  clear(): void {
    this.cancelAll();
    const ids = [...this.state.order];
    this.state.remove(ids);
    void api.forget(ids);
  }

  /**
   * Shows one document. Coming from a combined summary, the way back to it
   * is kept (`State.back`).
   */
  open(id: DocId, sentence: number | null = null): void {
    this.state.focusSentence = sentence === null ? null : [id, sentence];
    const from = this.state.selected;
    this.state.back = sentence !== null && from.length > 1 ? [...from] : null;
    this.state.select([id]);
    void this.refresh();
  }

  /** Back to the combined summary a sentence was opened from. */
  back(): void {
    const ids = this.state.back;
    this.state.back = null;
    if (ids) {
      this.state.select(ids);
      void this.refresh();
    }
  }

  /**
   * Adds a document to the selection or takes it out. The last one stays:
   * unticking the document shown does not blank the pane.
   */
  toggle(id: DocId): void {
    const sel = this.state.selected.includes(id)
      ? this.state.selected.filter((x) => x !== id)
      : [...this.state.selected, id];
    if (sel.length === 0) {
      this.state.notify({ kind: "rows", ids: [id] });
      return;
    }
    this.state.back = null;
    this.state.select(sel);
    void this.refresh();
  }

  /** The controls changed: recompute what is shown, a moment later. */
  optionsChanged(): void {
    this.state.notify({ kind: "options" });
    window.clearTimeout(this.refreshTimer);
    this.refreshTimer = window.setTimeout(() => this.refresh(), 120);
  }

  /** Brings the shown summary up to date with the options. */
  async refresh(): Promise<void> {
    const done = this.state.selectedDone();
    const key = this.state.optionsKey;
    const options = this.state.options;
    try {
      if (done.length === 1 && done[0] && this.state.selected.length === 1) {
        const item = done[0];
        if (item.summaryKey === key) return;
        const summary = await api.summarizeTogether([item.id], options);
        if (this.state.optionsKey === key) this.state.update(item.id, { summary, summaryKey: key });
      } else if (done.length > 1) {
        const ids = done.map((i) => i.id);
        const summary = await api.summarizeTogether(ids, options);
        if (this.state.optionsKey === key && sameIds(ids, this.state.selectedDone().map((i) => i.id))) {
          this.state.combined = summary;
          this.state.combinedError = null;
          this.state.notify({ kind: "detail" });
        }
      }
    } catch (e) {
      this.state.combinedError = e as AppError;
      this.state.notify({ kind: "detail" });
    }
  }

  /** The user's terms as the app applies them, for the "Từ của tôi" box. */
  async loadTerms(): Promise<void> {
    try {
      this.state.terms = await api.loadTerms();
    } catch {
      // The box starts empty; the app still applies what it read.
    }
  }

  /**
   * Keeps the user's terms: every summary made from now on uses them, and
   * the one shown is made again at once (the others when shown, their
   * summaries being stale). Resolves with why they were not kept, or null.
   */
  async saveTerms(terms: Terms): Promise<AppError | null> {
    try {
      this.state.terms = await api.saveTerms(terms);
    } catch (e) {
      return e as AppError;
    }
    this.state.termsVersion++;
    this.notifier.toast(this.words("termsSaved"));
    this.state.notify({ kind: "options" });
    void this.refresh();
    return null;
  }

  async copy(text: string): Promise<void> {
    try {
      await api.copyText(text);
      this.notifier.toast(this.words("copied") + text);
    } catch (e) {
      this.fail(e as AppError);
    }
  }

  async exportResults(format: ExportFormat): Promise<void> {
    let ids = this.state.selectedDone().map((i) => i.id);
    if (ids.length === 0) ids = this.state.order.filter((id) => this.state.items.get(id)?.status === "done");
    if (ids.length === 0) {
      this.notifier.toast(this.words("nothingToExport"));
      return;
    }
    const first = this.state.items.get(ids[0] ?? -1);
    const name =
      ids.length === 1 && first ? (first.doc?.title ?? first.name.replace(/\.[^.]*$/, "")) : t(this.state.lang, "exportName", { n: ids.length });
    try {
      const path = await api.exportTo(format, ids, this.state.options, this.state.lang, this.words("exportTitle"), name);
      if (path === null) return;
      this.notifier.toast(this.words("saved") + path);
    } catch (e) {
      this.fail(e as AppError);
    }
  }

  private fail(e: AppError): void {
    this.notifier.toast(`${this.words("error")}: ${errorWords(this.state.lang, e.kind)}`);
  }
}

function sameIds(a: DocId[], b: DocId[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// What the user can do: each action updates State and calls the API.
// No DOM here; the view calls these, main.ts wires them.

import * as api from "./api";
import { baseName } from "./format";
import type { Key } from "./i18n";
import { t } from "./i18n";
import type { Item, State } from "./state";
import type { AppError, DocId, DocResult, ExportFormat, FileEvent } from "./types";

export interface Notifier {
  toast(text: string): void;
}

export class Actions {
  private lastBatch = 0;
  private running = new Set<number>();
  private refreshTimer: number | undefined;

  constructor(
    private readonly state: State,
    private readonly notifier: Notifier,
  ) {}

  private words(key: Key): string {
    return t(this.state.lang, key);
  }

  /** Files to summarize, from a drop, the Open dialog or a test: queue them as one batch. */
  addFiles(paths: string[]): void {
    if (paths.length === 0) return;
    const batch = ++this.lastBatch;
    const items: Item[] = paths.map((path) => ({
      id: this.state.newId(),
      name: baseName(path),
      path,
      status: "waiting",
      batch,
      error: null,
      doc: null,
      summary: null,
      summaryKey: "",
    }));
    const first = this.state.items.size === 0;
    this.state.add(items);
    if (first && items[0]) this.state.select([items[0].id]);
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

  private onFileEvent(e: FileEvent, key: string): void {
    switch (e.event) {
      case "started":
        this.state.update(e.id, { status: "working" });
        break;
      case "done":
        this.finish(e.id, e.result, key);
        break;
      case "failed":
        this.state.update(e.id, { status: "error", error: e.error });
        break;
    }
  }

  private finish(id: DocId, r: DocResult, key: string): void {
    this.state.update(id, { status: "done", doc: r.doc, summary: r.summary, summaryKey: key, name: r.doc.name });
    if (this.state.selected.includes(id) && key !== this.state.optionsKey) this.refresh();
  }

  get busy(): boolean {
    return this.running.size > 0;
  }

  cancelAll(): void {
    for (const b of this.running) void api.cancel(b);
  }

  async openDialog(): Promise<void> {
    try {
      const paths = await api.pickFiles(this.words("openTitle"));
      if (paths && paths.length > 0) await api.addPaths(paths);
    } catch (e) {
      this.fail(e as AppError);
    }
  }

  async pasteText(text: string): Promise<void> {
    if (text.trim() === "") return;
    const id = this.state.newId();
    const firstLine = text.trim().split("\n")[0] ?? "";
    this.state.add([
      {
        id,
        name: firstLine.slice(0, 60) || this.words("pastedText"),
        path: null,
        status: "working",
        batch: null,
        error: null,
        doc: null,
        summary: null,
        summaryKey: "",
      },
    ]);
    this.state.select([id]);
    const key = this.state.optionsKey;
    try {
      this.finish(id, await api.summarizeText(id, text, this.state.options), key);
    } catch (e) {
      this.state.update(id, { status: "error", error: e as AppError });
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

  /** Shows one document. */
  open(id: DocId, sentence: number | null = null): void {
    this.state.focusSentence = sentence === null ? null : [id, sentence];
    this.state.select([id]);
    this.refresh();
  }

  /** Adds a document to the selection or takes it out. */
  toggle(id: DocId): void {
    const sel = this.state.selected.includes(id)
      ? this.state.selected.filter((x) => x !== id)
      : [...this.state.selected, id];
    this.state.select(sel);
    this.refresh();
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
    try {
      const path = await api.pickSavePath(this.words("exportTitle"), format);
      if (path === null) return;
      await api.exportTo(path, format, ids, this.state.options);
      this.notifier.toast(this.words("saved") + path);
    } catch (e) {
      this.fail(e as AppError);
    }
  }

  private fail(e: AppError): void {
    this.notifier.toast(`${this.words("error")}: ${e.message}`);
  }
}

function sameIds(a: DocId[], b: DocId[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// What the UI knows: the documents, the selection, the options, the
// language. Changes are announced to subscribers; nothing here touches
// the DOM or Tauri.

import type { AppError, DocId, DocView, Options, SummaryView, Terms } from "./types";
import type { Lang } from "./i18n";
import type { LengthMode } from "./format";
import { optionsKey, toOptions } from "./format";

export type Status = "waiting" | "working" | "done" | "error" | "cancelled";

export interface Item {
  id: DocId;
  /** File name, or the first words of pasted text. */
  name: string;
  path: string | null;
  /** Pasted text, kept for the next session; null for a file. */
  text: string | null;
  status: Status;
  /** The batch that reads it, for Cancel. */
  batch: number | null;
  error: AppError | null;
  doc: DocView | null;
  summary: SummaryView | null;
  /** `optionsKey` of the options `summary` was made with. */
  summaryKey: string;
  /** OCR of a scan under way: pages read so far, of how many. */
  ocrProgress?: { done: number; pages: number } | null;
}

/** What changed: rows of the list, the list as a whole, or the right pane. */
export type Change =
  | { kind: "rows"; ids: DocId[] }
  | { kind: "list" }
  | { kind: "detail" }
  | { kind: "options" }
  | { kind: "lang" }
  | { kind: "hover" };

export class State {
  readonly items = new Map<DocId, Item>();
  /** Ids in list order. */
  order: DocId[] = [];
  /** Selected ids, in list order. */
  selected: DocId[] = [];
  lengthMode: LengthMode = "auto";
  lengthValue = 3;
  keywordCount = 10;
  lang: Lang = "vi";
  /** Files opened lately, the latest first. */
  recent: string[] = [];
  /** The user's terms, as the app keeps and applies them. */
  terms: Terms = { dict: [], exclude: [], boost: [] };
  /** Counts the saves of `terms`: summaries made before are stale. */
  termsVersion = 0;
  /** The summary of the selection when several are selected. */
  combined: SummaryView | null = null;
  combinedError: AppError | null = null;
  /** Files are dragged over the window. */
  hover = false;
  /** Whether the keywords are painted in the full text. */
  markKeywords = false;
  /** The combined selection a sentence was opened from, for the way back. */
  back: DocId[] | null = null;
  /** A sentence to scroll to after the next render: [doc, index]. */
  focusSentence: [DocId, number] | null = null;
  private lastId = 0;
  private listeners: ((c: Change) => void)[] = [];

  subscribe(fn: (c: Change) => void): void {
    this.listeners.push(fn);
  }

  notify(c: Change): void {
    for (const fn of this.listeners) fn(c);
  }

  newId(): DocId {
    return ++this.lastId;
  }

  get options(): Options {
    return toOptions(this.lengthMode, this.lengthValue, this.keywordCount);
  }

  /** What a summary depends on besides the documents: the options and the user's terms. */
  get optionsKey(): string {
    return `${optionsKey(this.options)}|${this.termsVersion}`;
  }

  add(items: Item[]): void {
    for (const item of items) {
      this.items.set(item.id, item);
      this.order.push(item.id);
    }
    this.notify({ kind: "list" });
  }

  /** Changes one item; the row is redrawn, and the detail when it is shown. */
  update(id: DocId, patch: Partial<Item>): void {
    const item = this.items.get(id);
    if (!item) return;
    Object.assign(item, patch);
    this.notify({ kind: "rows", ids: [id] });
    if (this.selected.includes(id)) this.notify({ kind: "detail" });
  }

  remove(ids: DocId[]): void {
    const gone = new Set(ids);
    for (const id of ids) this.items.delete(id);
    this.order = this.order.filter((id) => !gone.has(id));
    this.selected = this.selected.filter((id) => !gone.has(id));
    this.combined = null;
    this.notify({ kind: "list" });
    this.notify({ kind: "detail" });
  }

  select(ids: DocId[]): void {
    const want = new Set(ids);
    this.selected = this.order.filter((id) => want.has(id));
    this.combined = null;
    this.combinedError = null;
    this.notify({ kind: "list" });
    this.notify({ kind: "detail" });
  }

  /** Selected items whose results are in. */
  selectedDone(): Item[] {
    return this.selected
      .map((id) => this.items.get(id))
      .filter((i): i is Item => i !== undefined && i.status === "done");
  }

  /** Counts for the progress bar: finished and total of the items not yet settled in a batch. */
  progress(): { finished: number; total: number; running: boolean } {
    let finished = 0;
    let running = false;
    for (const item of this.items.values()) {
      if (item.status === "waiting" || item.status === "working") running = true;
      else finished++;
    }
    return { finished, total: this.items.size, running };
  }
}

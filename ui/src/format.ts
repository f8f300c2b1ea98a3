// Pure helpers: no DOM, no Tauri.

import type { Lang } from "./i18n";
import { t } from "./i18n";
import type { KeywordView, NameView, Options, PickedView, SummaryView } from "./types";

/** One piece of a document's text: plain, noise, or a chosen sentence. */
export interface Piece {
  text: string;
  /** The sentence index when this piece is a chosen sentence. */
  picked: number | null;
  /** True when it lies in a line that is not part of the article. */
  noise: boolean;
}

/**
 * Cuts `text` into plain and highlighted pieces. Offsets are UTF-16 units,
 * as `String.prototype.slice` counts; overlapping or out-of-range picks are
 * clipped, so the pieces always join back to `text`.
 */
export function highlight(
  text: string,
  picks: readonly PickedView[],
  noise: readonly (readonly [number, number])[] = [],
): Piece[] {
  const sorted = [...picks].sort((a, b) => a.start - b.start);
  const pieces: Piece[] = [];
  let at = 0;
  for (const p of sorted) {
    const start = Math.max(at, Math.min(p.start, text.length));
    const end = Math.max(start, Math.min(p.end, text.length));
    if (start > at) pieces.push(...plain(text, at, start, noise));
    if (end > start) pieces.push({ text: text.slice(start, end), picked: p.index, noise: false });
    at = end;
  }
  if (at < text.length) pieces.push(...plain(text, at, text.length, noise));
  return pieces;
}

/** `text[from, to)` cut into plain and noise pieces. */
function plain(text: string, from: number, to: number, noise: readonly (readonly [number, number])[]): Piece[] {
  const out: Piece[] = [];
  let at = from;
  for (const [a, b] of noise) {
    const start = Math.max(at, Math.min(a, to));
    const end = Math.max(start, Math.min(b, to));
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), picked: null, noise: false });
    out.push({ text: text.slice(start, end), picked: null, noise: true });
    at = end;
  }
  if (to > at) out.push({ text: text.slice(at, to), picked: null, noise: false });
  return out;
}

/** Keywords joined for "Copy all". */
export function joinKeywords(keywords: readonly (KeywordView | NameView)[]): string {
  return keywords.map((k) => k.text).join(", ");
}

/** A text area's lines as terms: trimmed, blank lines left out. */
export function termLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

export type LengthMode = "auto" | "sentences" | "ratio";

/** The core's Options from the UI's controls, clamped to valid values. */
export function toOptions(mode: LengthMode, value: number, keywords: number): Options {
  const kw = clampInt(keywords, 1, 100, 10);
  switch (mode) {
    case "sentences":
      return { sentences: clampInt(value, 1, 100, 3), ratio: null, keywords: kw };
    case "ratio":
      return { sentences: null, ratio: clampInt(value, 1, 100, 20), keywords: kw };
    default:
      return { sentences: null, ratio: null, keywords: kw };
  }
}

function clampInt(v: number, lo: number, hi: number, fallback: number): number {
  if (!Number.isFinite(v)) return fallback;
  return Math.min(hi, Math.max(lo, Math.round(v)));
}

/** A stable key for options, to know when a summary is stale. */
export const optionsKey = (o: Options): string => `${o.sentences}|${o.ratio}|${o.keywords}`;

/** The last part of a path, for display. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** A summary as text to copy: one sentence a line. */
export function summaryText(sentences: readonly PickedView[]): string {
  return sentences.map((p) => p.text).join("\n");
}

/** A whole result as text to copy: title, summary, keywords. */
export function resultText(lang: Lang, title: string, summary: SummaryView): string {
  return (
    `${title}\n\n${t(lang, "summary")}:\n` +
    summary.sentences.map((p) => `- ${p.text}`).join("\n") +
    `\n\n${t(lang, "keywordsTitle")}: ${joinKeywords(summary.keywords)}\n` +
    (summary.names.length > 0 ? `${t(lang, "names")}: ${joinKeywords(summary.names)}\n` : "")
  );
}

// Mirrors of the Rust types in src-tauri/src/view.rs and export.rs, with
// Rust's field names. Offsets are UTF-16 units, as JavaScript indexes strings.

/** The UI's handle on a document (`view::DocId`). */
export type DocId = number;

/** `tomtat::Options`. At most one of `sentences` and `ratio` is set. */
export interface Options {
  sentences: number | null;
  ratio: number | null;
  keywords: number;
}

/** `view::DocView`. */
export interface DocView {
  id: DocId;
  name: string;
  title: string | null;
  text: string;
  sentences: number;
  /** Lines that are not part of the article, as [start, end) UTF-16 ranges, in order. */
  noise: [number, number][];
  /** The outline (Dàn ý); empty when the document has no headings. */
  outline: OutlineView[];
}

/** `view::OutlineView`: a heading, its section as a UTF-16 range. */
export interface OutlineView {
  heading: string;
  level: number;
  start: number;
  end: number;
  summary: string[];
}

/** `view::PickedView`. */
export interface PickedView {
  doc: DocId;
  index: number;
  start: number;
  end: number;
  text: string;
  score: number;
  /** `tomtat::summarize::Score`: the parts of the score, by name. */
  parts: Record<string, number>;
}

/** `view::KeywordView`. */
export interface KeywordView {
  text: string;
  score: number;
  count: number;
}

/** `view::SummaryView`. */
export interface SummaryView {
  sentences: PickedView[];
  keywords: KeywordView[];
}

/** `view::DocResult`. */
export interface DocResult {
  doc: DocView;
  summary: SummaryView;
}

/** `error::CommandError`. */
export interface AppError {
  kind: string;
  message: string;
}

/** `view::FileEvent`. */
export type FileEvent =
  | { event: "started"; id: DocId }
  | { event: "done"; id: DocId; result: DocResult }
  | { event: "failed"; id: DocId; error: AppError };

/** `view::BatchView`. */
export interface BatchView {
  done: number;
  failed: number;
  cancelled: number;
}

/** `export::Format`. */
export type ExportFormat = "docx" | "markdown" | "json" | "csv";

/** `store::Session`: what is kept across restarts. */
export interface Session {
  items: { path: string | null; text: string | null }[];
  selected: number[];
  length_mode: string;
  length_value: number;
  keyword_count: number;
  recent: string[];
}

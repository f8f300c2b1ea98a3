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
  /** How the text was read by OCR (a scan, a photo); null for a text layer. */
  ocr: Ocr | null;
}

/** `tomtat::read::Ocr`: confidences are 0 to 100. */
export interface Ocr {
  confidence: number;
  pages: OcrPage[];
}

/** `tomtat::read::OcrPage`: `low` pages may be misread; their text is kept. */
export interface OcrPage {
  page: number;
  confidence: number;
  words: number;
  low: boolean;
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

/** `tomtat::NameKind`. */
export type NameKind = "person" | "organization" | "place";

/** `tomtat::Name`: a person, organization or place the text names. */
export interface NameView {
  text: string;
  kind: NameKind;
  count: number;
}

/** `view::SummaryView`. */
export interface SummaryView {
  sentences: PickedView[];
  keywords: KeywordView[];
  /** Most frequent first. */
  names: NameView[];
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
  | { event: "progress"; id: DocId; done: number; pages: number }
  | { event: "done"; id: DocId; result: DocResult }
  | { event: "failed"; id: DocId; error: AppError }
  | { event: "cancelled"; id: DocId };

/** `view::BatchView`. */
export interface BatchView {
  done: number;
  failed: number;
  cancelled: number;
}

/** `export::Format`. */
export type ExportFormat = "docx" | "markdown" | "json" | "csv";

/** `terms::Terms`: the user's own terms, one a line, in the order written. */
export interface Terms {
  /** Words kept whole ("Từ giữ nguyên"). */
  dict: string[];
  /** Never keywords ("Từ loại trừ"). */
  exclude: string[];
  /** First among the keywords ("Từ ưu tiên"). */
  boost: string[];
}

/** `store::Session`: what is kept across restarts. */
export interface Session {
  items: { path: string | null; text: string | null }[];
  selected: number[];
  length_mode: string;
  length_value: number;
  keyword_count: number;
  recent: string[];
}

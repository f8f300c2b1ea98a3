// The UI's words, Vietnamese first. Pure data and lookups.

export type Lang = "vi" | "en";

const vi = {
  appTitle: "Tóm Tắt",
  open: "Mở tệp…",
  paste: "Dán văn bản",
  pasteBox: "Dán hoặc gõ văn bản vào đây",
  pasteGo: "Tóm tắt đoạn này",
  pasteCancel: "Đóng",
  clear: "Xóa hết",
  cancel: "Dừng",
  remove: "Bỏ",
  switchLang: "English",
  length: "Độ dài tóm tắt",
  lengthAuto: "Tự động",
  lengthSentences: "Số câu",
  lengthRatio: "Phần trăm",
  keywords: "Số từ khóa",
  export: "Xuất…",
  exportTitle: "Lưu kết quả",
  openTitle: "Chọn tệp văn bản",
  documents: "Tài liệu",
  emptyTitle: "Kéo thả tệp hoặc thư mục vào cửa sổ",
  emptyHint:
    "Tệp .docx, .doc, .pdf, .odt, .rtf, .html, .txt, .md. Hoặc mở tệp (Ctrl+O), hay dán văn bản (Ctrl+V).",
  dropHere: "Thả vào đây để tóm tắt",
  summary: "Tóm tắt",
  combined: "Tóm tắt chung",
  keywordsTitle: "Từ khóa",
  sharedKeywords: "Từ khóa chung",
  copyAll: "Chép tất cả",
  copied: "Đã chép: ",
  fullText: "Toàn văn",
  selectedN: "Đã chọn {n} tài liệu",
  from: "Từ: ",
  "why.score": "Điểm",
  "why.position": "vị trí",
  "why.content": "nội dung",
  "why.centrality": "trọng tâm",
  "why.title": "giống tiêu đề",
  "why.redundancy": "trùng lặp",
  waiting: "Đang chờ",
  working: "Đang xử lý",
  done: "Xong",
  error: "Lỗi",
  cancelled: "Đã dừng",
  progress: "{done}/{total} tệp",
  pickOne: "Chọn một tài liệu trong danh sách để xem tóm tắt.",
  stillWorking: "Đang xử lý tài liệu này…",
  saved: "Đã lưu: ",
  nothingToExport: "Chưa có kết quả để xuất.",
  selectForCombined: "Chọn để tóm tắt chung",
  pastedText: "Văn bản dán",
  "err.read": "Không đọc được tệp",
  "err.not_text": "Không phải tệp văn bản",
  "err.unsupported": "Loại tệp không được hỗ trợ",
  "err.too_large": "Tệp quá lớn",
  "err.malformed": "Tệp bị hỏng hoặc không đọc được",
  "err.no_text_layer": "PDF không có lớp chữ (bản quét?)",
  "err.timed_out": "Đọc tệp quá lâu, đã dừng",
  "err.out_of_memory": "Đọc tệp cần quá nhiều bộ nhớ, đã dừng",
  "err.empty": "Không có nội dung để tóm tắt",
  "err.invalid_option": "Tùy chọn không hợp lệ",
  "err.io": "Không ghi được tệp",
  "err.app": "Lỗi của ứng dụng",
};

export type Key = keyof typeof vi;

const en: Record<Key, string> = {
  appTitle: "Tóm Tắt",
  open: "Open files…",
  paste: "Paste text",
  pasteBox: "Paste or type text here",
  pasteGo: "Summarize this",
  pasteCancel: "Close",
  clear: "Clear all",
  cancel: "Cancel",
  remove: "Remove",
  switchLang: "Tiếng Việt",
  length: "Summary length",
  lengthAuto: "Automatic",
  lengthSentences: "Sentences",
  lengthRatio: "Percent",
  keywords: "Keywords",
  export: "Export…",
  exportTitle: "Save results",
  openTitle: "Choose text files",
  documents: "Documents",
  emptyTitle: "Drop files or folders onto the window",
  emptyHint:
    ".docx, .doc, .pdf, .odt, .rtf, .html, .txt and .md files. Or open files (Ctrl+O), or paste text (Ctrl+V).",
  dropHere: "Drop here to summarize",
  summary: "Summary",
  combined: "Combined summary",
  keywordsTitle: "Keywords",
  sharedKeywords: "Shared keywords",
  copyAll: "Copy all",
  copied: "Copied: ",
  fullText: "Full text",
  selectedN: "{n} documents selected",
  from: "From: ",
  "why.score": "Score",
  "why.position": "position",
  "why.content": "content",
  "why.centrality": "centrality",
  "why.title": "title overlap",
  "why.redundancy": "redundancy",
  waiting: "Waiting",
  working: "Working",
  done: "Done",
  error: "Error",
  cancelled: "Cancelled",
  progress: "{done}/{total} files",
  pickOne: "Pick a document in the list to see its summary.",
  stillWorking: "Working on this document…",
  saved: "Saved: ",
  nothingToExport: "No results to export yet.",
  selectForCombined: "Select for a combined summary",
  pastedText: "Pasted text",
  "err.read": "The file cannot be read",
  "err.not_text": "Not a text file",
  "err.unsupported": "File type not supported",
  "err.too_large": "The file is too large",
  "err.malformed": "The file is damaged or unreadable",
  "err.no_text_layer": "The PDF has no text layer (a scan?)",
  "err.timed_out": "Reading the file took too long and was stopped",
  "err.out_of_memory": "Reading the file needed too much memory and was stopped",
  "err.empty": "Nothing to summarize",
  "err.invalid_option": "Invalid setting",
  "err.io": "The file cannot be written",
  "err.app": "Error in the app",
};

const dicts: Record<Lang, Record<Key, string>> = { vi, en };

/** The text for `key` in `lang`, with `{name}` placeholders filled. */
export function t(lang: Lang, key: Key, vars: Record<string, string | number> = {}): string {
  return dicts[lang][key].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in vars ? String(vars[name]) : m,
  );
}

/** Plain words for an error kind; the technical message is shown beside it. */
export function errorWords(lang: Lang, kind: string): string {
  const key = `err.${kind}`;
  return key in vi ? t(lang, key as Key) : t(lang, "err.app");
}

/** Why a sentence was chosen, for its tooltip: its score and the parts of it. */
export function whyText(lang: Lang, p: { score: number; parts: Record<string, number> }): string {
  const parts = Object.entries(p.parts).map(([name, v]) => {
    const key = `why.${name}`;
    return `${key in vi ? t(lang, key as Key) : name} ${v.toFixed(2)}`;
  });
  return `${t(lang, "why.score")} ${p.score.toFixed(2)}: ${parts.join(" · ")}`;
}

export function isLang(s: string | null): s is Lang {
  return s === "vi" || s === "en";
}

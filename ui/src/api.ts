// The only file that talks to Tauri: one function per command, plugin call
// or event. Every rejection becomes an AppError.

import { Channel, invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { writeText } from "@tauri-apps/plugin-clipboard-manager";
import type {
  AppError,
  BatchView,
  DocId,
  DocResult,
  ExportFormat,
  FileEvent,
  Options,
  Session,
  SummaryView,
  Terms,
} from "./types";

function toAppError(e: unknown): AppError {
  if (typeof e === "object" && e !== null && "kind" in e && "message" in e) {
    return { kind: String(e.kind), message: String(e.message) };
  }
  return { kind: "app", message: String(e) };
}

async function call<T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toAppError(e);
  }
}

async function guard<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw toAppError(e);
  }
}

/** Expands folders and hands the files back through `onFilesAdded`, as a drop does. */
export const addPaths = (paths: string[]) => call<number>("add_paths", { paths });

export function summarizeFiles(
  batch: number,
  files: { id: DocId; path: string }[],
  options: Options,
  onEvent: (e: FileEvent) => void,
): Promise<BatchView> {
  const events = new Channel<FileEvent>();
  events.onmessage = onEvent;
  return call<BatchView>("summarize_files", { batch, files, options, events });
}

export const cancel = (batch: number) => call<void>("cancel", { batch });

export const summarizeText = (id: DocId, text: string, options: Options) =>
  call<DocResult>("summarize_text", { id, text, options });

export const summarizeTogether = (ids: DocId[], options: Options) =>
  call<SummaryView>("summarize_together", { ids, options });

export const forget = (ids: DocId[]) => call<void>("forget", { ids });

/**
 * Exports `ids`: the app opens the save dialog itself (the page never names
 * a path to write) and returns the path written, or null when dismissed.
 */
export const exportTo = (
  format: ExportFormat,
  ids: DocId[],
  options: Options,
  lang: string,
  dialogTitle: string,
  suggestedName: string,
) => call<string | null>("export", { format, ids, options, lang, dialogTitle, suggestedName });

export const loadSession = () => call<Session | null>("load_session");

export const saveSession = (session: Session) => call<void>("save_session", { session });

/** The user's terms in force (the app applies them to every summary). */
export const loadTerms = () => call<Terms>("load_terms");

/** Keeps the user's terms; resolves with them as kept (blank lines and `#` comments left out). */
export const saveTerms = (terms: Terms) => call<Terms>("save_terms", { terms });

export const quit = () => call<void>("quit");

/** The system's print dialog for the page (its print style sheet shows the summary). */
export const print = () => call<void>("print");

/** Files added by a drop, the Open dialog or `addPaths`. */
export const onFilesAdded = (fn: (paths: string[]) => void): Promise<UnlistenFn> =>
  listen<string[]>("files-added", (e) => fn(e.payload));

/** Whether files are dragged over the window. */
export const onDragHover = (fn: (over: boolean) => void): Promise<UnlistenFn> =>
  listen<boolean>("drag-hover", (e) => fn(e.payload));

/**
 * The Open dialog for a folder. Null when dismissed. Shown by the app (not
 * the page), so what is picked may be read; nothing else may.
 */
export async function pickFolder(title: string): Promise<string | null> {
  const picked = await call<string[] | null>("open_dialog", { title, filter: "", folders: true });
  return picked?.[0] ?? null;
}

/** The Open dialog: files (several at once). Null when dismissed. Shown by the app, as above. */
export const pickFiles = (title: string, filterName: string) =>
  call<string[] | null>("open_dialog", { title, filter: filterName, folders: false });

/** The page listens for added files: files given on the command line come now. */
export const uiReady = () => call<void>("ui_ready");

export const copyText = (text: string) => guard(writeText(text));

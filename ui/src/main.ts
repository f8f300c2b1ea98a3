// Wiring only: state, view, actions, Tauri events, first render.

import { Actions } from "./actions";
import * as api from "./api";
import { isLang, t } from "./i18n";
import { State } from "./state";
import { View } from "./view";

const LANG_KEY = "tomtat.lang";

const state = new State();
const saved = localStorage.getItem(LANG_KEY);
state.lang = isLang(saved) ? saved : "vi";
const view = new View(state);
const actions = new Actions(state, view);

view.bind(actions, () => {
  state.lang = state.lang === "vi" ? "en" : "vi";
  localStorage.setItem(LANG_KEY, state.lang);
  state.notify({ kind: "lang" });
});
view.renderAll();

// The user's terms, for the "Từ của tôi" box (the app applies them itself).
void actions.loadTerms();

// The last session comes back first; from then on every change is kept.
const restored = api
  .loadSession()
  .catch(() => null)
  .then((session) => {
    actions.restore(session ?? { items: [], selected: [], length_mode: "", length_value: 0, keyword_count: 0, recent: [] });
    view.syncControls();
    state.subscribe((c) => {
      if (c.kind !== "hover" && c.kind !== "rows") actions.persist();
    });
  });

void api.onFilesAdded((paths) => {
  // A folder with nothing the reader knows: say so rather than nothing.
  if (paths.length === 0) view.toast(t(state.lang, "noFiles"));
  else actions.addFiles(paths);
})
  // Then the files named on the command line, after the restored list.
  .then(() => restored)
  .then(() => api.uiReady());
void api.onDragHover((over) => {
  state.hover = over;
  state.notify({ kind: "hover" });
});

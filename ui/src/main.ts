// Wiring only: state, view, actions, Tauri events, first render.

import { Actions } from "./actions";
import * as api from "./api";
import { isLang } from "./i18n";
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

void api.onFilesAdded((paths) => actions.addFiles(paths)).then(() => api.uiReady());
void api.onDragHover((over) => {
  state.hover = over;
  state.notify({ kind: "hover" });
});

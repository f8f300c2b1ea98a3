// End-to-end tests of the desktop app in its real webview (WebKitGTK),
// driven through tauri-driver and WebKitWebDriver. Run under Xvfb by
// `make test-app`; screenshots go to tests/out/screenshots/.

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { handOver, openSession, screenshot, sleep, startApp, stop, waitFor } from "./launch.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const APP = path.resolve(process.env.TOMTAT_APP ?? path.join(ROOT, "target/debug/tomtat-app"));
const SEEDS = path.resolve(ROOT, process.env.SHARED ?? "../shared", "seeds");
const OUT = path.join(ROOT, "tests/out");
const SHOTS = path.join(OUT, "screenshots");
const WORK = path.join(OUT, "e2e");
const HOME = path.join(WORK, "home");
const PORT = Number(process.env.TAURI_DRIVER_PORT ?? 27444);

const seed = (i) => {
  const name = fs.readdirSync(SEEDS).filter((n) => n.endsWith(".txt")).sort()[i];
  return path.join(SEEDS, name);
};

let app;
let s;

const shot = (name) => screenshot(s, path.join(SHOTS, `${name}.png`));

/**
 * Hands paths to the app as a file manager does (a second launch naming
 * them): the page itself may not name files. Resolves with how many were added.
 */
const drop = (paths) => handOver(s, APP, paths);

/** Rows of the list: name, status, status text. */
const rows = () =>
  s.exec(`return [...document.querySelectorAll("#list li.row")].map((r) => ({
    id: Number(r.dataset.id), name: r.dataset.name, title: r.querySelector(".name").textContent,
    status: r.dataset.status, text: r.querySelector(".status").textContent }));`);

/** What the detail pane shows. */
const detail = () =>
  s.exec(`const d = document.getElementById("detail");
    return { view: d.dataset.view, title: d.querySelector(".doc-title")?.textContent ?? null,
      sentences: [...d.querySelectorAll("ol.sentences .sentence")].map((b) => b.textContent),
      sources: [...d.querySelectorAll(".source")].map((b) => b.textContent),
      chips: [...d.querySelectorAll("button.chip")].map((b) => b.textContent),
      marks: [...d.querySelectorAll(".fulltext mark")].map((m) => m.textContent),
      noise: [...d.querySelectorAll(".fulltext .noise")].map((m) => m.textContent),
      why: [...d.querySelectorAll("ol.sentences .why")].map((b) => b.textContent),
      fulltext: d.querySelector(".fulltext")?.textContent ?? null,
      error: d.querySelector(".error-box")?.textContent ?? null };`);

const toast = () => s.exec(`return document.getElementById("toast").textContent`);

/** The clipboard's text; empty while nothing owns it. */
const clipboard = () => {
  try {
    return execFileSync("xclip", ["-o", "-selection", "clipboard"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return "";
  }
};

before(async () => {
  assert.ok(fs.existsSync(APP), `app binary missing: ${APP} (make app-build)`);
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  // The app keeps its session under the XDG data folder: a fresh one for
  // each run, so the first window is empty. The driver's process group
  // ends with the run, and with it the apps it started, even one a failed
  // test left busy.
  app = await startApp(APP, { port: PORT, home: HOME, log: "app" });
  s = app.s;
});

/** Ctrl+Q in the window: the app ends; `meanwhile` runs while it is closed; then it starts again. */
async function restart(meanwhile = () => {}) {
  // The app may end before WebDriver answers the key press: that is the quit.
  await s.keys(["\uE009"], "q").catch(() => {});
  await waitFor("the app to end", async () => {
    try {
      await s.exec(`return 1`);
      return false;
    } catch {
      return true;
    }
  });
  await s.delete().catch(() => {});
  await meanwhile();
  s = app.s = await openSession(PORT, APP);
}

after(() => stop(app));

test("an empty window invites a drop, in Vietnamese", async () => {
  const d = await detail();
  assert.equal(d.view, "empty");
  assert.equal(await s.text("#detail .empty h2"), "Kéo thả tệp hoặc thư mục vào cửa sổ");
  assert.equal(await s.exec(`return document.documentElement.lang`), "vi");
  await shot("01-empty");
});

test("two dropped seed files are summarized, with keywords", async () => {
  const added = await drop([seed(0), seed(1)]);
  assert.equal(added, 2);
  await waitFor("both done", async () => {
    const r = await rows();
    return r.length === 2 && r.every((x) => x.status === "done") && r;
  });
  const r = await rows();
  assert.deepEqual(r.map((x) => x.name), [path.basename(seed(0)), path.basename(seed(1))]);
  assert.deepEqual(r.map((x) => x.text), ["Hoàn tất", "Hoàn tất"]);
  const d = await waitFor("the first document", async () => {
    const d = await detail();
    return d.view === "one" && d.sentences.length > 0 && d;
  });
  const first = fs.readFileSync(seed(0), "utf8");
  assert.equal(d.title, first.split("\n")[0].trim());
  assert.ok(d.chips.length >= 3, `keywords: ${d.chips}`);
  // Every summary sentence is highlighted, at the right UTF-16 offsets.
  assert.deepEqual(d.marks, d.sentences);
  for (const sentence of d.sentences) assert.ok(d.fulltext.includes(sentence));
  // Each sentence says why it was chosen, in words, the score last with a
  // decimal comma; the first is the opening sentence.
  for (const why of d.why) assert.match(why, /^Được chọn vì [^\d]+ \(điểm \d,\d\d\)\.$/);
  assert.ok(d.why.some((w) => w.includes("là câu mở đầu")), JSON.stringify(d.why));
  // Lines that are not the article (the seed's date line, captions, the
  // source, the comment box) are dimmed, and no summary sentence is one.
  assert.ok(d.noise.length >= 2, `noise: ${JSON.stringify(d.noise)}`);
  const flat = (x) => x.normalize("NFC").replace(/\s+/g, " ").trim();
  for (const line of d.noise) {
    assert.ok(!d.sentences.some((x) => line.includes(x) || x.includes(line)), `dimmed: ${line}`);
    assert.ok(flat(first).includes(flat(line)), `not in the file: ${line}`);
  }
  await shot("02-one-document");
});

test("the button beside a summary sentence scrolls to it in the text", async () => {
  const d = await detail();
  const last = d.sentences.length;
  await s.click(`#detail ol.sentences li:nth-child(${last}) button.goto`);
  const flashed = await waitFor("the flash", () =>
    s.exec(`return document.querySelector("#detail mark.flash")?.textContent ?? null`),
  );
  assert.equal(flashed, d.sentences[last - 1]);
});

/** Waits until the detail pane stops scrolling (a smooth scroll moves what a click aims at). */
async function settle() {
  let last = -1;
  await waitFor("the pane to stop scrolling", async () => {
    const now = await s.exec(`return document.getElementById("detail").scrollTop`);
    const still = now === last;
    last = now;
    await sleep(150);
    return still;
  });
}

test("a keyword chip copies one keyword, Copy all copies all", async () => {
  await settle();
  const d = await detail();
  await s.click("#detail button.chip:nth-child(2)");
  await waitFor("the clipboard", () => clipboard() === d.chips[1]);
  assert.match(await toast(), /^Đã sao chép: /);
  await s.click("#detail button.copy-all");
  await waitFor("the clipboard (all)", () => clipboard() === d.chips.join(", "));
});

test("a summary sentence is selected by mouse like any text; the summary and all results copy", async () => {
  // Where a sentence's text lies on screen, and how far the pane is scrolled.
  const geometry = (n) =>
    s.exec(`const span = document.querySelectorAll("#detail ol.sentences .sentence")[arguments[0]];
      const r = [...span.getClientRects()];
      return { first: r[0].toJSON(), last: r[r.length - 1].toJSON(), scroll: document.getElementById("detail").scrollTop };`, n);
  const selection = () => s.exec(`return window.getSelection().toString()`);
  await settle();
  await s.exec(`document.getElementById("detail").scrollTop = 0; window.getSelection().removeAllRanges();
    for (const m of document.querySelectorAll("#detail mark.flash")) m.classList.remove("flash");`);
  const d = await detail();
  // A drag from the first letter to the last selects the sentence.
  let g = await geometry(0);
  await s.mouse([[g.first.x + 1, g.first.y + g.first.height / 2], "down", [g.last.x + g.last.width / 2, g.last.y + g.last.height / 2], [g.last.right - 1, g.last.y + g.last.height / 2], "up"]);
  const dragged = (await selection()).trim();
  assert.ok(dragged.length > d.sentences[0].length / 2 && d.sentences[0].includes(dragged), `drag selected ${JSON.stringify(dragged)}`);
  await sleep(800);
  // A double click selects a word and jumps nowhere.
  g = await geometry(0);
  const word = [g.first.x + 12, g.first.y + g.first.height / 2];
  await s.mouse([word, "down", "up", "down", "up"]);
  const picked = await selection();
  assert.ok(picked.trim().length > 0 && picked.trim().length < 20 && d.sentences[0].includes(picked.trim()), `double click selected ${JSON.stringify(picked)}`);
  assert.equal((await geometry(0)).scroll, g.scroll, "the pane did not move");
  assert.equal(await s.exec(`return document.querySelectorAll("#detail mark.flash").length`), 0);
  // "Sao chép" beside the summary copies its sentences, one a line.
  assert.equal(await s.text("#detail button.copy-summary"), "Sao chép");
  await s.click("#detail button.copy-summary");
  await waitFor("the summary on the clipboard", () => clipboard() === d.sentences.join("\n"));
  await waitFor("the copied toast", async () => (await toast()).startsWith("Đã sao chép: "));
  // "Sao chép tất cả kết quả": title, summary and keywords.
  await s.click("#detail button.copy-results");
  const all = await waitFor("all results on the clipboard", () => {
    const c = clipboard();
    return c.startsWith(d.title) && c;
  });
  for (const x of d.sentences) assert.ok(all.includes(`- ${x}\n`) || all.includes(`- ${x}\n\n`), `missing: ${x}`);
  assert.ok(all.includes(`Từ khóa: ${d.chips.join(", ")}`), all);
});

test("summary length and keyword count apply at once", async () => {
  await s.exec(`
    const set = (id, v) => { const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event("input", { bubbles: true })); };
    set("length-mode", "sentences"); set("length-value", "2"); set("keyword-count", "4");`);
  await waitFor("2 sentences, 4 keywords", async () => {
    const d = await detail();
    return d.sentences.length === 2 && d.chips.length === 4 && d.marks.length === 2;
  });
});

test("two selected documents get one combined summary and shared keywords", async () => {
  await s.click("#list li.row:nth-child(2) .pick");
  const d = await waitFor("the combined summary", async () => {
    const d = await detail();
    return d.view === "several" && d.sentences.length > 0 && d;
  });
  assert.equal(d.title, "Đã chọn 2 tài liệu");
  assert.equal(d.sentences.length, 2);
  assert.equal(d.chips.length, 4);
  assert.ok(d.sources.every((x) => x.startsWith("Nguồn: ")));
  await shot("03-several");
});

/**
 * Answers the GTK save dialog titled "Lưu kết quả": copies the file name
 * it suggests (returned), then types the full path `file` and saves.
 */
async function saveAs(file) {
  const dialog = await waitFor("the save dialog", () => {
    try {
      return execFileSync("xdotool", ["search", "--onlyvisible", "--name", "Lưu kết quả"], { encoding: "utf8" }).trim().split("\n")[0];
    } catch {
      return null;
    }
  });
  await sleep(1000);
  execFileSync("xdotool", ["windowfocus", "--sync", dialog]);
  execFileSync("xdotool", ["key", "--clearmodifiers", "ctrl+a"]);
  execFileSync("xdotool", ["key", "--clearmodifiers", "ctrl+c"]);
  await sleep(200);
  const suggested = clipboard();
  execFileSync("xdotool", ["key", "--clearmodifiers", "ctrl+a"]);
  execFileSync("xdotool", ["type", "--delay", "5", file]);
  execFileSync("xdotool", ["key", "Return"]);
  await waitFor("the exported file", () => fs.existsSync(file) && fs.statSync(file).size > 0);
  return suggested;
}

test("export writes Markdown through the save dialog", async () => {
  const file = path.join(WORK, "export.md");
  await s.exec(`const f = document.getElementById("export-format"); f.value = "markdown"; f.dispatchEvent(new Event("change"));`);
  await s.click("#export");
  assert.equal(await saveAs(file), "Tóm tắt 2 tài liệu.md");
  const md = fs.readFileSync(file, "utf8");
  const d = await detail();
  assert.match(md, new RegExp(`^# ${path.basename(seed(0))}`));
  assert.match(md, /## Tóm tắt\n\n- /);
  assert.ok(md.includes(`\n${d.chips.join(", ")}\n`), "the combined keywords are in the file");
  await waitFor("the saved toast", async () => (await toast()).startsWith("Đã lưu: "));
});

/** A document of the test's own, in WORK, that the tests edit. */
const NOTE = () => path.join(WORK, "ghi-chu.txt");
const noteText = (title) =>
  `${title}\n\n` +
  "Công ty mở thêm hai phòng họp ở tầng năm từ tuần sau. " +
  "Các phòng họp mới đặt trước qua lịch chung của công ty. " +
  "Mỗi phòng họp có màn hình lớn và bảng viết. " +
  "Bộ phận hành chính nhắc mọi người trả phòng họp đúng giờ.\n";

test("the list, its results and the settings come back after a real restart (Ctrl+Q)", async () => {
  fs.writeFileSync(NOTE(), noteText("Thông báo về phòng họp mới"));
  assert.equal(await drop([NOTE()]), 1);
  await waitFor("three rows done", async () => {
    const r = await rows();
    return r.length === 3 && r.every((x) => x.status === "done");
  });
  // The two seeds selected together, as the restart should find them.
  await s.click("#list li.row:nth-child(1) .name");
  await s.click("#list li.row:nth-child(2) .pick");
  await waitFor("the combined view", async () => (await detail()).view === "several");
  const before = await rows();
  const settings = () =>
    s.exec(`return ["length-mode", "length-value", "keyword-count"].map((id) => document.getElementById(id).value)`);
  assert.deepEqual(await settings(), ["sentences", "2", "4"]);
  // Ctrl+Q ends the app at once: nothing is lost, so nothing is asked.
  await restart(() => fs.writeFileSync(NOTE(), noteText("Thông báo mới: đổi lịch phòng họp")));
  const r = await waitFor("the restored list, read again", async () => {
    const r = await rows();
    return r.length === 3 && r.every((x) => x.status === "done") && r;
  });
  assert.deepEqual(r.map((x) => x.name), before.map((x) => x.name));
  assert.deepEqual(await settings(), ["sentences", "2", "4"]);
  assert.match(await s.text("#kept"), /giữ lại khi đóng/);
  // The two selected documents are selected again, with their combined summary.
  const d = await waitFor("the combined view", async () => {
    const d = await detail();
    return d.view === "several" && d.sentences.length === 2 && d;
  });
  assert.equal(d.chips.length, 4);
  // The file edited while the app was closed shows its new text.
  await s.click("#list li.row:nth-child(3) .name");
  await waitFor("the edited note", async () => (await detail()).title === "Thông báo mới: đổi lịch phòng họp");
});

test("dropping a file again adds no row; a file edited on disk is read again", async () => {
  assert.equal(await drop([seed(0), NOTE()]), 2);
  await sleep(500);
  await waitFor("all done", async () => (await rows()).every((x) => x.status === "done"));
  assert.equal((await rows()).length, 3);
  fs.writeFileSync(NOTE(), noteText("Phòng họp tầng năm đã sẵn sàng"));
  await drop([NOTE()]);
  await waitFor("the note read again", async () => (await detail()).title === "Phòng họp tầng năm đã sẵn sàng");
  const r = await rows();
  assert.equal(r.length, 3);
  assert.equal(r.filter((x) => x.name === "ghi-chu.txt").length, 1);
});

/** Where the keyboard focus is: its region and row. */
const focus = () =>
  s.exec(`const a = document.activeElement;
    return { id: a?.id ?? "", cls: a?.className ?? "", row: Number(a?.closest("li.row")?.dataset.id ?? 0),
      region: a?.closest("#list") ? "list" : a?.closest(".fulltext") ? "text" : a?.closest("#detail") ? "summary" : "other",
      why: a?.closest("li")?.querySelector(".why") ? getComputedStyle(a.closest("li").querySelector(".why")).display : null };`);
const tab = (shift = false) => s.keys(shift ? ["\uE008"] : [], "\uE004");
const key = (k, mods = []) => s.keys(mods, k);

test("the keyboard: one Tab stop for the list, arrows and Space in it, F6 between list, summary and text", async () => {
  await s.click("#list li.row:nth-child(1) .name");
  await waitFor("one document", async () => (await detail()).view === "one");
  const r = await rows();
  // Tab from the sort box lands on the current row, and the next Tab leaves the list.
  await s.exec(`document.getElementById("sort").focus()`);
  await tab();
  assert.deepEqual([(await focus()).region, (await focus()).row], ["list", r[0].id]);
  await tab();
  assert.notEqual((await focus()).region, "list");
  assert.equal(await s.exec(`return [...document.querySelectorAll("#list li.row *")].filter((e) => e.tabIndex >= 0).length`), 1);
  // Arrows move between rows; Space adds the row to a combined summary.
  await s.exec(`document.querySelector("#list li.row .name[tabindex='0']").focus()`);
  await key("\uE015");
  assert.equal((await focus()).row, r[1].id);
  await key("\uE00D");
  await waitFor("two together", async () => (await detail()).view === "several");
  // Enter opens the row alone; F6 goes to the summary (and says why its
  // first sentence was chosen), F6 again to the full text, again to the list.
  await key("\uE007");
  await waitFor("the second alone", async () => (await detail()).view === "one" && (await detail()).sentences.length > 0);
  await key("\uE036");
  let f = await focus();
  assert.equal(f.region, "summary");
  assert.equal(f.cls, "goto");
  assert.equal(f.why, "block");
  await key("\uE036");
  assert.equal((await focus()).region, "text");
  await key("\uE036");
  assert.deepEqual([(await focus()).region, (await focus()).row], ["list", r[1].id]);
  // Ctrl+A in the list: all finished documents together; in the text, only the text.
  await key("a", ["\uE009"]);
  await waitFor("all three together", async () => (await detail()).view === "several" && (await s.exec(`return document.querySelectorAll("#list li.selected").length`)) === 3);
  await s.click("#list li.row:nth-child(1) .name");
  await waitFor("one", async () => (await detail()).view === "one");
  await key("3", ["\uE009"]);
  assert.equal((await focus()).region, "text");
  await key("a", ["\uE009"]);
  const sel = await s.exec(`const r = window.getSelection().getRangeAt(0); return { inText: !!r.commonAncestorContainer.closest?.(".fulltext") || r.commonAncestorContainer.classList?.contains("fulltext"), n: window.getSelection().toString().length }`);
  assert.ok(sel.inText && sel.n > 100, JSON.stringify(sel));
});

test("the paste box keeps the focus; Esc closes it and gives the focus back", async () => {
  await s.click("#paste");
  await waitFor("the paste box", () => s.exec(`return !document.getElementById("paste-box").hidden`));
  assert.equal((await focus()).id, "paste-text");
  for (let i = 0; i < 4; i++) {
    await tab();
    assert.ok(await s.exec(`return document.getElementById("paste-box").contains(document.activeElement)`), `Tab ${i + 1} left the box`);
  }
  await tab(true);
  assert.ok(await s.exec(`return document.getElementById("paste-box").contains(document.activeElement)`));
  assert.equal(await s.exec(`return document.getElementById("paste-text").getAttribute("aria-label")`), "Dán hoặc gõ văn bản vào đây");
  await key("\uE00C");
  assert.equal(await s.exec(`return document.getElementById("paste-box").hidden`), true);
  assert.equal((await focus()).id, "paste");
});

test("lengths 0, -5, 999 and blank are refused where they are typed", async () => {
  const set = (id, v) =>
    s.exec(`const e = document.getElementById(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event("input", { bubbles: true }));`, id, v);
  for (const bad of ["0", "-5", "999", "", "2.5"]) {
    await set("length-value", bad);
    assert.equal(await s.exec(`return document.getElementById("length-value").getAttribute("aria-invalid")`), "true", bad);
    assert.equal(await s.text("#settings-error"), "Hãy nhập một số nguyên từ 1 đến 100.");
  }
  await set("keyword-count", "0");
  assert.equal(await s.exec(`return document.getElementById("keyword-count").getAttribute("aria-invalid")`), "true");
  await sleep(400);
  // The last good values still hold.
  let d = await detail();
  assert.equal(d.sentences.length, 2);
  assert.equal(d.chips.length, 4);
  await set("length-value", "3");
  await set("keyword-count", "5");
  d = await waitFor("3 sentences, 5 keywords", async () => {
    const d = await detail();
    return d.sentences.length === 3 && d.chips.length === 5 && d;
  });
  assert.equal(await s.exec(`return document.getElementById("settings-error").hidden`), true);
  await set("length-value", "2");
  await set("keyword-count", "4");
});

test("the list shows titles, a count, a filter and a sort; the way back to a combined summary", async () => {
  const r = await rows();
  const first = fs.readFileSync(seed(0), "utf8").split("\n")[0].trim();
  assert.equal(r[0].title, first);
  assert.equal(await s.exec(`return document.querySelector("#list li.row .file").textContent`), path.basename(seed(0)));
  assert.equal(await s.text("#count"), "3");
  await s.exec(`const f = document.getElementById("filter"); f.value = "phòng họp"; f.dispatchEvent(new Event("input"));`);
  assert.deepEqual(await s.exec(`return [...document.querySelectorAll("#list li.row:not([hidden])")].map((r) => r.dataset.name)`), ["ghi-chu.txt"]);
  assert.equal(await s.text("#count"), "1/3");
  await s.exec(`const f = document.getElementById("filter"); f.value = ""; f.dispatchEvent(new Event("input"));
    const o = document.getElementById("sort"); o.value = "name"; o.dispatchEvent(new Event("change"));`);
  const titles = await s.exec(`return [...document.querySelectorAll("#list li.row .name")].map((b) => b.textContent)`);
  assert.deepEqual(titles, [...titles].sort(new Intl.Collator("vi").compare));
  await s.exec(`const o = document.getElementById("sort"); o.value = "added"; o.dispatchEvent(new Event("change"));`);
  assert.deepEqual((await rows()).map((x) => x.id), r.map((x) => x.id));
  // Unticking the document shown keeps it shown.
  await s.click("#list li.row:nth-child(1) .name");
  await s.click("#list li.row:nth-child(1) .pick");
  await sleep(200);
  assert.equal((await detail()).view, "one");
  // From a combined summary into one document and back.
  await s.click("#list li.row:nth-child(2) .pick");
  await waitFor("combined", async () => (await detail()).view === "several" && (await detail()).sentences.length > 0);
  await s.click("#detail ol.sentences li:nth-child(1) button.goto");
  await waitFor("one document", async () => (await detail()).view === "one");
  assert.equal(await s.text("#detail button.back"), "← Quay lại tóm tắt chung (2 tài liệu)");
  // The jump scrolls the pane smoothly to the sentence; on a busy machine
  // that outlasts the click's own retries, so wait until it comes to rest.
  await settle();
  await s.click("#detail button.back");
  await waitFor("combined again", async () => (await detail()).view === "several");
  // The detail pane is not a live region (a reader would hear the whole
  // text); a short line says what is shown.
  assert.equal(await s.exec(`return document.getElementById("detail").getAttribute("aria-live")`), null);
});

test("text and controls meet WCAG AA contrast", async () => {
  const ratios = await s.exec(`
    const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const lum = (c) => { const v = rgb(c).map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const bg = (e) => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor; if (!c.endsWith(", 0)") && c !== "transparent") return c; } return "rgb(255, 255, 255)"; };
    const done = document.querySelector('#list li.selected[data-status="done"] .status');
    const input = document.getElementById("keyword-count");
    const muted = document.querySelector("#list li.row .file");
    return { done: ratio(getComputedStyle(done).color, bg(done)), muted: ratio(getComputedStyle(muted).color, bg(muted)),
      border: ratio(getComputedStyle(input).borderTopColor, bg(input.parentElement)) };`);
  assert.ok(ratios.done >= 4.5, JSON.stringify(ratios));
  assert.ok(ratios.muted >= 4.5, JSON.stringify(ratios));
  assert.ok(ratios.border >= 3, JSON.stringify(ratios));
});

/** X windows that are mapped now, by id. */
const xWindows = () => {
  try {
    return new Set(execFileSync("xdotool", ["search", "--onlyvisible", "--name", "."], { encoding: "utf8" }).trim().split("\n"));
  } catch {
    return new Set();
  }
};

test("find in the text: Ctrl+F, next and previous, a count; keywords painted on request", async () => {
  await s.click("#list li.row:nth-child(3) .name");
  const d = await waitFor("the note", async () => {
    const d = await detail();
    return d.view === "one" && d.fulltext && d.sentences.length > 0 && d;
  });
  await key("f", ["\uE009"]);
  assert.equal((await focus()).id, "find-text");
  const box = await s.find("#find-text");
  await s.cmd("POST", `/element/${box}/value`, { text: "phòng họp" });
  const n = d.fulltext.toLocaleLowerCase("vi").split("phòng họp").length - 1;
  assert.ok(n >= 4, `occurrences: ${n}`);
  const state = () =>
    s.exec(`return { count: document.getElementById("find-count").textContent, all: CSS.highlights.get("find")?.size ?? 0,
      current: [...(CSS.highlights.get("find-current") ?? [])].map((r) => r.toString()) };`);
  await waitFor("the count", async () => (await state()).count === `1/${n}`);
  let f = await state();
  assert.equal(f.all, n);
  assert.equal(f.current[0].toLocaleLowerCase("vi"), "phòng họp");
  await key("\uE007");
  assert.equal((await state()).count, `2/${n}`);
  await key("\uE007", ["\uE008"]);
  await key("\uE007", ["\uE008"]);
  assert.equal((await state()).count, `${n}/${n}`);
  await shot("11-find");
  await s.cmd("POST", `/element/${box}/clear`, {});
  await s.cmd("POST", `/element/${box}/value`, { text: "không có trong bài" });
  await waitFor("nothing found", async () => (await state()).count === "Không thấy");
  await key("\uE00C");
  assert.equal(await s.exec(`return document.getElementById("find-bar").hidden`), true);
  assert.equal((await state()).all, 0);
  // The keywords, painted in the text and taken away again.
  await s.click("#detail button.mark-keywords");
  const painted = await waitFor("keywords painted", () =>
    s.exec(`return [...(CSS.highlights.get("keywords") ?? [])].map((r) => r.toString().toLocaleLowerCase("vi"))`).then((x) => x.length > 0 && x),
  );
  const chips = (await detail()).chips.map((c) => c.toLocaleLowerCase("vi"));
  for (const p of painted) assert.ok(chips.includes(p), `painted ${p}, keywords ${chips}`);
  assert.equal(await s.exec(`return document.querySelector("#detail button.mark-keywords").getAttribute("aria-pressed")`), "true");
  await shot("12-keywords-painted");
  await s.click("#detail button.mark-keywords");
  await waitFor("keywords not painted", () => s.exec(`return (CSS.highlights.get("keywords")?.size ?? 0) === 0`));
});

test("the menu bar, F1, About, zoom and print", async () => {
  assert.deepEqual(await s.exec(`return [...document.querySelectorAll("#menubar .menu-title")].map((b) => b.textContent)`), ["Tệp", "Sửa", "Xem", "Trợ giúp"]);
  // F10 opens the first menu; arrows move along the bar; Esc closes.
  await key("\uE03A");
  assert.equal(await s.exec(`return document.activeElement.closest("ul.menu")?.getAttribute("aria-label") ?? null`), "Tệp");
  await key("\uE014");
  assert.equal(await s.exec(`return document.querySelector("#menubar ul.menu")?.getAttribute("aria-label") ?? null`), "Sửa");
  await key("\uE00C");
  assert.equal(await s.exec(`return document.querySelector("#menubar ul.menu")`), null);
  // Help > About.
  await s.click('#menubar .menu-title[data-menu="3"]');
  const items = await s.exec(`return [...document.querySelectorAll("#menubar ul.menu .menu-item span")].map((x) => x.textContent)`);
  assert.deepEqual(items, ["Phím tắt", "Giới thiệu Tóm Tắt"]);
  await s.click("#menubar ul.menu li:nth-child(2) .menu-item");
  assert.equal(await s.text("#help-title"), "Giới thiệu Tóm Tắt");
  assert.match(await s.text("#help-content"), /Giấy phép MIT hoặc Apache-2\.0/);
  await s.click("#help-close");
  assert.equal(await s.exec(`return document.getElementById("help-box").hidden`), true);
  // F1: the shortcuts; Esc closes and the focus comes back.
  await s.exec(`document.getElementById("open").focus()`);
  await key("\uE031");
  assert.equal(await s.text("#help-title"), "Phím tắt");
  const keys = await s.exec(`return [...document.querySelectorAll("#help-content th")].map((x) => x.textContent)`);
  for (const k of ["Ctrl+O", "Ctrl+F", "Ctrl+P", "F1"]) assert.ok(keys.includes(k), `${k} in ${keys}`);
  await shot("13-shortcuts");
  await key("\uE00C");
  assert.equal(await s.exec(`return document.getElementById("help-box").hidden`), true);
  assert.equal((await focus()).id, "open");
  // Zoom: Ctrl++ and Ctrl+- step by a tenth, Ctrl+0 goes back.
  const zoom = () => s.exec(`return getComputedStyle(document.documentElement).zoom`);
  await key("=", ["\uE009"]);
  assert.equal(await zoom(), "1.1");
  await key("=", ["\uE009"]);
  await key("-", ["\uE009"]);
  assert.equal(await zoom(), "1.1");
  await key("0", ["\uE009"]);
  assert.equal(await zoom(), "1");
  // Ctrl+P opens the print dialog; Esc dismisses it.
  const before = xWindows();
  // The page waits in window.print() while the dialog is open: the key
  // press returns once it is dismissed.
  const pressed = key("p", ["\uE009"]).catch(() => {});
  const dialog = await waitFor("the print dialog", () => [...xWindows()].find((w) => !before.has(w)) ?? null);
  await sleep(500);
  execFileSync("xdotool", ["windowfocus", "--sync", dialog]);
  execFileSync("xdotool", ["key", "Escape"]);
  await waitFor("the print dialog gone", () => !xWindows().has(dialog));
  await pressed;
});

test("a small window (1024×640): the toolbar in one row, the list can be resized and hidden", async () => {
  const was = await s.windowRect();
  await s.cmd("POST", "/window/rect", { width: 1024, height: 640 });
  await waitFor("the small window", async () => (await s.exec(`return window.innerWidth`)) <= 1024);
  const rowsOfBar = await s.exec(`const tops = [...document.querySelectorAll(".bar > *")].filter((e) => e.offsetParent && !e.hidden).map((e) => e.getBoundingClientRect());
    return { spread: Math.max(...tops.map((r) => r.top)) - Math.min(...tops.map((r) => r.top)), height: document.querySelector(".bar").offsetHeight };`);
  assert.ok(rowsOfBar.spread < 12, `toolbar rows: ${JSON.stringify(rowsOfBar)}`);
  await shot("08-small-window");
  const width = () => s.exec(`return document.getElementById("side").getBoundingClientRect().width`);
  const w0 = await width();
  await s.exec(`document.getElementById("splitter").focus()`);
  await key("\uE014");
  await key("\uE014");
  assert.equal(await width(), w0 + 40);
  await key("\uE012");
  await key("\uE012");
  assert.equal(await width(), w0);
  const detailWidth = () => s.exec(`return document.getElementById("detail").getBoundingClientRect().width`);
  const dw = await detailWidth();
  await key("b", ["\uE009"]);
  assert.equal(await s.exec(`return document.getElementById("side").hidden`), true);
  assert.ok((await detailWidth()) > dw + 150);
  await shot("09-small-window-list-hidden");
  await s.click("#toggle-side");
  assert.equal(await s.exec(`return document.getElementById("side").hidden`), false);
  // The drop message covers what is under it.
  await s.exec(`document.getElementById("drop-overlay").hidden = false`);
  const alpha = await s.exec(`const c = getComputedStyle(document.getElementById("drop-overlay")).backgroundColor; const m = c.match(/[\\d.]+/g); return m.length > 3 ? Number(m[3]) : 1;`);
  assert.ok(alpha >= 0.9, `backdrop alpha ${alpha}`);
  await shot("10-drop-message");
  await s.exec(`document.getElementById("drop-overlay").hidden = true`);
  await s.cmd("POST", "/window/rect", { width: was.width, height: was.height });
});

test("CSV export: named after the title, a BOM, the summary and the keywords, no formulas", async () => {
  // A file whose name starts like a spreadsheet formula.
  const file = path.join(WORK, "=1+2 bảng.txt");
  fs.writeFileSync(file, noteText("Thông báo phòng họp tầng năm"));
  await drop([file]);
  const d = await waitFor("the dropped file, shown", async () => {
    const d = await detail();
    return d.title === "Thông báo phòng họp tầng năm" && d.sentences.length > 0 && d;
  });
  await s.exec(`const f = document.getElementById("export-format"); f.value = "csv"; f.dispatchEvent(new Event("change"));`);
  const out = path.join(WORK, "export.csv");
  await s.click("#export");
  assert.equal(await saveAs(out), "Thông báo phòng họp tầng năm.csv");
  const bytes = fs.readFileSync(out);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 byte-order mark");
  const csv = bytes.subarray(3).toString("utf8");
  assert.ok(csv.startsWith("Tài liệu,Tiêu đề,Tóm tắt,Từ khóa\n"), csv);
  assert.ok(csv.includes(`\n'=1+2 bảng.txt,Thông báo phòng họp tầng năm,"${d.sentences.join("\n")}",`), csv);
  assert.ok(csv.includes(d.chips.join(", ")), csv);
  await waitFor("the saved toast", async () => (await toast()).startsWith("Đã lưu: "));
  await s.click("#list li.row:nth-child(4) .remove");
  await waitFor("three rows again", async () => (await rows()).length === 3);
});

test("Word export: title, summary and keywords in a .docx that opens", async () => {
  await s.click("#list li.row:nth-child(1) .name");
  const d = await waitFor("the first document", async () => {
    const d = await detail();
    return d.view === "one" && d.sentences.length > 0 && d;
  });
  assert.equal(await s.exec(`return document.querySelector("#export-format option").value`), "docx", "Word comes first");
  await s.exec(`const f = document.getElementById("export-format"); f.value = "docx"; f.dispatchEvent(new Event("change"));`);
  const out = path.join(WORK, "export.docx");
  await s.click("#export");
  assert.equal(await saveAs(out), `${d.title}.docx`);
  // Opened as Word opens it: a zip package whose main part is WordprocessingML.
  // Read with Python's zipfile (python3 is among the build's packages).
  const part = (name) =>
    execFileSync("python3", ["-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())", out, name], {
      encoding: "utf8",
    });
  const types = part("[Content_Types].xml");
  assert.match(types, /wordprocessingml\.document\.main\+xml/);
  const xml = part("word/document.xml");
  const paragraphs = [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((m) => ({
    style: m[1].match(/<w:pStyle w:val="(\w+)"/)?.[1] ?? null,
    text: [...m[1].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join("")
      .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&"),
  }));
  assert.deepEqual(paragraphs[0], { style: "Title", text: d.title });
  assert.ok(paragraphs.some((p) => p.style === "Heading1" && p.text === "Tóm tắt"), JSON.stringify(paragraphs));
  for (const x of d.sentences) assert.ok(paragraphs.some((p) => p.text === `• ${x}`), `missing: ${x}`);
  assert.ok(paragraphs.some((p) => p.text === d.chips.join(", ")), "keywords");
});

test("export writes only where the save dialog points, never a path the page names", async () => {
  const file = path.join(WORK, "chosen-by-page.md");
  const id = (await rows())[0].id;
  const result = s.execAsync(
    `const done = arguments[arguments.length - 1];
     window.__TAURI_INTERNALS__.invoke("export", { path: arguments[0], format: "markdown", ids: [arguments[1]],
       options: { sentences: null, ratio: null, keywords: 5 }, lang: "vi", dialogTitle: "Lưu kết quả", suggestedName: "x" })
       .then(done, (e) => done("error: " + JSON.stringify(e)));`,
    file,
    id,
  );
  // The app opens its own dialog; dismissing it writes nothing.
  const dialog = await waitFor("the save dialog", () => {
    try {
      return execFileSync("xdotool", ["search", "--onlyvisible", "--name", "Lưu kết quả"], { encoding: "utf8" }).trim().split("\n")[0];
    } catch {
      return null;
    }
  });
  await sleep(500);
  execFileSync("xdotool", ["windowfocus", "--sync", dialog]);
  execFileSync("xdotool", ["key", "Escape"]);
  assert.equal(await result, null);
  assert.equal(fs.existsSync(file), false);
});

test("html in a document is shown as text and runs nothing; errors say why", async () => {
  const hostile = path.join(WORK, "<img src=x onerror=window.__pwned=3>.txt");
  fs.writeFileSync(
    hostile,
    "Cảnh báo <script>window.__pwned = 1</script> trong tài liệu\n\n" +
      'Tài liệu thử nghiệm này có thẻ <img src=x onerror="window.__pwned=2"> ở giữa một câu văn bình thường. ' +
      "Ứng dụng phải hiển thị các ký tự này như văn bản thường. " +
      "Không có đoạn mã nào được chạy khi người dùng mở tài liệu này. " +
      "Người dùng chỉ thấy chữ, không thấy hình ảnh hay hộp thoại nào.\n",
  );
  const binary = path.join(WORK, "anh.txt");
  fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3]));
  // A spreadsheet: a type the reader does not handle.
  const sheet = path.join(WORK, "bang-tinh.xlsx");
  fs.writeFileSync(sheet, "PK\x03\x04");
  await drop([hostile, binary, sheet]);
  await waitFor("three more rows settled", async () => {
    const r = await rows();
    return r.length === 6 && r.every((x) => x.status === "done" || x.status === "error");
  });
  const r = await rows();
  assert.equal(r[3].name, path.basename(hostile));
  assert.equal(r[3].status, "done");
  assert.equal(r[4].text, "Lỗi: Không phải tệp văn bản");
  assert.equal(r[5].text, "Lỗi: Loại tệp không được hỗ trợ");

  await s.click("#list li.row:nth-child(4) .name");
  const d = await waitFor("the hostile document", async () => {
    const d = await detail();
    return d.view === "one" && d.fulltext?.startsWith("Cảnh báo") && d;
  });
  // The first line is markup-laden, so the core does not take it for a
  // title; wherever it is shown, it is shown as text.
  assert.ok(d.fulltext.includes("<script>window.__pwned = 1</script>"), d.fulltext);
  assert.ok(d.fulltext.includes('<img src=x onerror="window.__pwned=2">'));
  const dom = await s.exec(`return {
    pwned: window.__pwned ?? null,
    imgs: document.querySelectorAll("img").length,
    scripts: [...document.querySelectorAll("script")].map((x) => x.getAttribute("src")) };`);
  assert.deepEqual(dom, { pwned: null, imgs: 0, scripts: ["main.js"] });
  // The CSP refuses inline script even when something manages to add one.
  const inline = await s.exec(`const x = document.createElement("script");
    x.textContent = "window.__inline = 1"; document.body.append(x); x.remove();
    return window.__inline ?? null;`);
  assert.equal(inline, null);
  await shot("05-hostile-as-text");

  await s.click("#list li.row:nth-child(5) .name");
  // An error row shown is not a ticked grey box.
  assert.equal(await s.exec(`return document.querySelector("#list li.row:nth-child(5) .pick").checked`), false);
  await waitFor("the error", async () => (await detail()).error);
  // The error says what went wrong in plain Vietnamese; the technical
  // (English) line waits behind a closed "Chi tiết".
  const box = () =>
    s.exec(`const b = document.querySelector("#detail .error-box");
      return { shown: b.innerText, plain: b.querySelector("strong").textContent, open: b.querySelector("details").open,
        summary: b.querySelector("details summary").textContent, technical: b.querySelector("details p").textContent };`);
  let e = await box();
  assert.equal(e.plain, "Không phải tệp văn bản");
  assert.equal(e.summary, "Chi tiết");
  assert.equal(e.open, false);
  assert.ok(e.technical.length > 0 && !e.shown.includes(e.technical), JSON.stringify(e));
  assert.doesNotMatch(e.shown, /\b(file|cannot|not|text|error)\b/i);
  await shot("06-error");
  await s.click("#detail .error-box details summary");
  e = await box();
  assert.equal(e.open, true);
  assert.ok(e.shown.includes(e.technical));
  // Every name a screen reader says is Vietnamese, and says which file.
  const labels = await s.exec(`return {
    format: document.getElementById("export-format").getAttribute("aria-label"),
    remove: document.querySelector("#list li.row:nth-child(5) .remove").getAttribute("aria-label"),
    pick: document.querySelector("#list li.row:nth-child(5) .pick").getAttribute("aria-label") };`);
  assert.deepEqual(labels, {
    format: "Định dạng tệp xuất",
    remove: "Xóa khỏi danh sách: anh.txt",
    pick: "Chọn anh.txt để tóm tắt chung",
  });
});

test("2,000 files: the list works in the background, stays responsive, and Cancel stops it", async () => {
  const dir = path.join(WORK, "batch");
  fs.mkdirSync(path.join(dir, "sub"), { recursive: true });
  const texts = [0, 1, 2, 3, 4].map((i) => fs.readFileSync(seed(i), "utf8"));
  for (let i = 0; i < 2000; i++) {
    const body = `Tài liệu số ${i}\n\n` + texts[i % 5].repeat(6);
    fs.writeFileSync(path.join(dir, i % 2 ? "sub" : "", `doc-${String(i).padStart(4, "0")}.txt`), body);
  }
  fs.writeFileSync(path.join(dir, "ignored.xlsx"), "PK");
  assert.equal(await drop([dir]), 2000);
  await waitFor("2,006 rows", async () => (await s.exec(`return document.querySelectorAll("#list li.row").length`)) === 2006);
  await waitFor("some working", async () => (await rows()).some((x) => x.status === "working"));
  await shot("04-list-working");
  // The window answers while the batch runs.
  for (let i = 0; i < 5; i++) {
    const t0 = Date.now();
    await s.exec(`return document.getElementById("progress-text").textContent`);
    assert.ok(Date.now() - t0 < 1000, `a script took ${Date.now() - t0} ms`);
  }
  assert.match(await s.text("#progress-text"), /^\d+\/2006 tệp$/);
  await s.click("#cancel");
  await waitFor("the batch to stop", () => s.exec(`return document.getElementById("progress").hidden`), 60000);
  const r = await rows();
  const count = (st) => r.filter((x) => x.status === st).length;
  assert.equal(count("waiting") + count("working"), 0);
  assert.ok(count("cancelled") > 0, `cancelled: ${count("cancelled")}`);
  assert.equal(count("done") + count("cancelled") + count("error"), 2006);
  assert.equal(count("error"), 2);
  // A stopped batch can go on: "Tiếp tục" reads the stopped files again.
  assert.equal(await s.text("#resume"), `Tiếp tục ${count("cancelled")} tệp đã dừng`);
  await s.click("#resume");
  await waitFor("the stopped files going again", async () => {
    const r = await rows();
    return r.filter((x) => x.status === "done").length > count("done") + 4;
  });
  await s.click("#cancel");
  await waitFor("the batch to stop again", () => s.exec(`return document.getElementById("progress").hidden`), 60000);
  // One stopped file alone: "Thử lại".
  const stopped = (await rows()).findIndex((x) => x.status === "cancelled");
  await s.click(`#list li.row:nth-child(${stopped + 1}) .name`);
  await waitFor("the retry button", () => s.exec(`return !!document.querySelector("#detail button.retry")`));
  await s.click("#detail button.retry");
  await waitFor("the stopped file done", async () => (await rows())[stopped].status === "done");
});

test("Clear all empties the list; the recent files stay on offer", async () => {
  await s.click("#clear");
  await waitFor("an empty list", async () => (await rows()).length === 0 && (await detail()).view === "empty");
  const recent = await s.exec(`return [...document.querySelectorAll("#detail .recent-file")].map((b) => b.textContent)`);
  assert.equal(recent.length, 10);
  assert.equal(recent[0], "doc-0000.txt");
  assert.equal(await s.exec(`return document.querySelector("#detail .recent h3").textContent`), "Tệp mở gần đây");
  await s.click("#detail .recent-file");
  await waitFor("the recent file added", async () => {
    const r = await rows();
    return r.length === 1 && r[0].name === "doc-0000.txt" && r[0].status === "done";
  });
  await s.click("#clear");
  await waitFor("an empty list", async () => (await rows()).length === 0);
});

test("the English switch is remembered", async () => {
  await s.click("#lang");
  try {
    assert.equal(await s.text("#open"), "Open files…");
    assert.equal(await s.exec(`return document.documentElement.lang`), "en");
    // The reload runs after the script has returned: WebKitWebDriver loses a
    // call whose page unloads under it. The old page's mark tells the two
    // pages apart, and a call that meets the page mid-load is asked again.
    await s.exec(`window.__oldPage = true; setTimeout(() => location.reload(), 50)`);
    await waitFor("the reloaded UI", () =>
      s.exec(`return !window.__oldPage && (document.getElementById("detail")?.dataset.view ?? null)`).catch(() => null),
    );
    assert.equal(await s.text("#open"), "Open files…");
    assert.equal(await s.text("#detail .empty h2"), "Drop files or folders onto the window");
  } finally {
    // Vietnamese again whatever failed above, so no later test reads English.
    if ((await s.exec(`return document.documentElement.lang`)) === "en") await s.click("#lang");
  }
  assert.equal(await s.text("#open"), "Mở tệp…");
});

test("a real X drag and drop from another window adds the file", async () => {
  const win = await s.windowRect();
  const src = { x: win.x + win.width + 40, y: 60 };
  const proc = spawn("/usr/bin/python3", [path.join(ROOT, "tests/e2e/drag_source.py"), String(src.x), String(src.y), seed(2)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    let out = "";
    proc.stdout.on("data", (b) => (out += b));
    await waitFor("the drag source", () => out.includes("ready"), 10000);
    await sleep(300);
    const xdo = (...a) => execFileSync("xdotool", a.map(String));
    xdo("mousemove", "--sync", src.x + 100, src.y + 60);
    xdo("mousedown", 1);
    for (let i = 1; i <= 12; i++) {
      xdo("mousemove", src.x + 100 - ((src.x + 100 - (win.x + win.width / 2)) * i) / 12, src.y + 60 + ((win.y + win.height / 2 - src.y - 60) * i) / 12);
      await sleep(60);
    }
    await sleep(300);
    xdo("mouseup", 1);
    const r = await waitFor("the dropped file", async () => {
      const r = await rows();
      return r.length === 1 && r[0].status === "done" && r;
    });
    assert.equal(r[0].name, path.basename(seed(2)));
  } finally {
    proc.kill();
  }
});

test("a dropped folder with nothing readable says so", async () => {
  const empty = path.join(WORK, "thu-muc-trong");
  fs.mkdirSync(empty, { recursive: true });
  fs.writeFileSync(path.join(empty, "bang.xlsx"), "PK");
  assert.equal(await drop([empty]), 0);
  await waitFor("the toast", async () => (await toast()) === "Không có tệp nào đọc được trong đó.");
});

test("a file path on the clipboard opens the file", async () => {
  execFileSync("xclip", ["-i", "-selection", "clipboard"], { input: seed(4), stdio: ["pipe", "ignore", "ignore"] });
  const win = await s.windowRect();
  execFileSync("xdotool", ["mousemove", String(win.x + win.width / 2 + 20), String(win.y + win.height / 3)]);
  execFileSync("xdotool", ["key", "--clearmodifiers", "ctrl+v"]);
  await waitFor("the pasted file", async () => {
    const r = await rows();
    return r.length === 2 && r[1].name === path.basename(seed(4)) && r[1].status === "done";
  });
  await s.click("#list li.row:nth-child(2) .remove");
  await waitFor("one row again", async () => (await rows()).length === 1);
});

test("Ctrl+V anywhere in the window adds the clipboard's text as a document", async () => {
  const text =
    "Hà Nội triển khai thí điểm xe buýt điện\n\n" +
    "Thành phố Hà Nội bắt đầu thí điểm mười tuyến xe buýt điện từ tháng sau. " +
    "Các tuyến xe buýt điện đi qua trung tâm và các khu đô thị mới. " +
    "Giá vé xe buýt điện bằng giá vé xe buýt thường. " +
    "Sở Giao thông vận tải cho biết sẽ đánh giá kết quả sau sáu tháng.\n";
  // xclip leaves a process behind to own the clipboard; it must not hold the
  // test's output open, or the runner waits for it. It ends with Xvfb.
  execFileSync("xclip", ["-i", "-selection", "clipboard"], { input: text, stdio: ["pipe", "ignore", "ignore"] });
  const win = await s.windowRect();
  // Keys go to the window under the pointer (there is no window manager).
  execFileSync("xdotool", ["mousemove", String(win.x + win.width / 2 + 20), String(win.y + win.height / 3)]);
  execFileSync("xdotool", ["key", "--clearmodifiers", "ctrl+v"]);
  const d = await waitFor("the pasted document", async () => {
    const d = await detail();
    return d.view === "one" && d.title === "Hà Nội triển khai thí điểm xe buýt điện" && d.sentences.length > 0 && d;
  });
  assert.ok(d.chips.some((c) => /xe buýt/i.test(c)), `keywords: ${d.chips}`);
  const r = await rows();
  assert.equal(r.length, 2);
  assert.equal(r[1].name, "Hà Nội triển khai thí điểm xe buýt điện");
});

test("the paste box summarizes typed text; Ctrl+Enter sends it", async () => {
  const lines = [
    "Đà Nẵng mở lại tuyến tàu du lịch trên sông Hàn",
    "",
    "Thành phố Đà Nẵng cho tàu du lịch chạy lại trên sông Hàn từ cuối tuần này. " +
      "Mỗi chuyến tàu du lịch đi qua sáu cây cầu trong khoảng một giờ. " +
      "Vé tàu du lịch được bán tại bến và trên mạng.",
  ];
  await s.click("#paste");
  await waitFor("the paste box", () => s.exec(`return !document.getElementById("paste-text").closest("[hidden]")`));
  // Typed through WebDriver's keyboard into the real textarea: Enter
  // (U+E007) between lines, then Control+Enter, then the null key.
  const box = await s.find("#paste-text");
  await s.cmd("POST", `/element/${box}/value`, { text: lines.join("\uE007") });
  assert.equal(await s.exec(`return document.getElementById("paste-text").value`), lines.join("\n"));
  await s.cmd("POST", `/element/${box}/value`, { text: "\uE009\uE007\uE000" });
  const d = await waitFor("the typed document", async () => {
    const d = await detail();
    return d.view === "one" && d.title === "Đà Nẵng mở lại tuyến tàu du lịch trên sông Hàn" && d.sentences.length > 0 && d;
  });
  assert.ok(d.chips.some((c) => /tàu du lịch/i.test(c)), `keywords: ${d.chips}`);
  assert.equal(await s.exec(`return document.getElementById("paste-text").value`), "");
});

test("Ctrl+O opens the Open dialog and adds the chosen file", async () => {
  execFileSync("xdotool", ["key", "--clearmodifiers", "ctrl+o"]);
  const dialog = await waitFor("the open dialog", () => {
    try {
      return execFileSync("xdotool", ["search", "--name", "Chọn tệp văn bản"], { encoding: "utf8" }).trim().split("\n")[0];
    } catch {
      return null;
    }
  });
  await sleep(500);
  execFileSync("xdotool", ["windowfocus", "--sync", dialog]);
  // Ctrl+L opens the dialog's location field; give it a moment to appear.
  execFileSync("xdotool", ["key", "--clearmodifiers", "ctrl+l"]);
  await sleep(400);
  execFileSync("xdotool", ["key", "--clearmodifiers", "ctrl+a"]);
  execFileSync("xdotool", ["type", "--delay", "5", seed(3)]);
  await sleep(300);
  execFileSync("xdotool", ["key", "Return"]);
  const r = await waitFor("the opened file", async () => {
    const r = await rows();
    const last = r[r.length - 1];
    return last?.name === path.basename(seed(3)) && last.status === "done" && r;
  });
  assert.equal(r.length, 4);
});

test("Ctrl+Shift+O opens a folder chooser", async () => {
  const before = xWindows();
  execFileSync("xdotool", ["key", "--clearmodifiers", "ctrl+shift+o"]);
  const dialog = await waitFor("the folder dialog", () => {
    try {
      return execFileSync("xdotool", ["search", "--onlyvisible", "--name", "Chọn thư mục"], { encoding: "utf8" }).trim().split("\n")[0];
    } catch {
      return null;
    }
  });
  assert.ok(!before.has(dialog));
  await sleep(500);
  execFileSync("xdotool", ["windowfocus", "--sync", dialog]);
  execFileSync("xdotool", ["key", "Escape"]);
  await waitFor("the folder dialog gone", () => !xWindows().has(dialog));
});

test("an official letter shows its subject as title and dims its letterhead", async () => {
  const letter = path.join(ROOT, "tests/data/cong-van.txt");
  assert.equal(await drop([letter]), 1);
  const n = await waitFor("the letter", async () => {
    const r = await rows();
    const i = r.findIndex((x) => x.name === "cong-van.txt");
    return i >= 0 && r[i].status === "done" && i + 1;
  });
  await s.click(`#list li.row:nth-child(${n}) .name`);
  const d = await waitFor("its detail", async () => {
    const d = await detail();
    return d.view === "one" && d.title?.startsWith("V/v") && d.sentences.length > 0 && d;
  });
  assert.equal(d.title, "V/v triển khai các biện pháp ứng phó với mưa lũ");
  // The state's name and motto, the number, the addressees, the
  // distribution list and the signature are dimmed; none is summarized,
  // and none of their words is a keyword.
  for (const line of ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 1234/UBND-NL1", "Nơi nhận:", "Nguyễn Văn Bình"]) {
    assert.ok(d.noise.includes(line), `not dimmed: ${line} (${JSON.stringify(d.noise)})`);
  }
  for (const x of d.sentences) assert.ok(!d.noise.some((line) => line.includes(x)), `dimmed line summarized: ${x}`);
  assert.ok(!d.chips.some((c) => /cộng hòa|độc lập|hạnh phúc|tự do/i.test(c)), `keywords: ${d.chips}`);
  assert.ok(d.chips.includes("mưa lũ"), `keywords: ${d.chips}`);
  await shot("07-official-letter");
});

test("Dàn ý: a report's headings beside its summary; a heading shows its place in the text", async () => {
  const para = (topic) =>
    `Trong năm qua, ${topic} được đơn vị quan tâm và thực hiện đúng kế hoạch đề ra. ` +
    `Các phòng ban phối hợp chặt chẽ để triển khai ${topic} trên toàn công ty. ` +
    `Kết quả về ${topic} được ban giám đốc đánh giá cao trong hội nghị cuối năm.\n\n`;
  const report =
    "Báo cáo tổng kết công tác năm 2025\n\n" +
    "I. TÌNH HÌNH CHUNG\n\n" + para("công tác kinh doanh") + para("công tác tuyển dụng") + para("công tác đào tạo") +
    "II. KẾT QUẢ ĐẠT ĐƯỢC\n\n" + para("doanh thu bán hàng") + para("chăm sóc khách hàng") + para("mở rộng thị trường") +
    "III. PHƯƠNG HƯỚNG NĂM 2026\n\n" + para("chuyển đổi số") + para("tiết kiệm chi phí") + para("nâng cao chất lượng");
  const file = path.join(WORK, "bao-cao-tong-ket.txt");
  fs.writeFileSync(file, report);
  await drop([file]);
  await waitFor("the report", async () => (await detail()).title === "Báo cáo tổng kết công tác năm 2025");
  const headings = await waitFor("its outline", () =>
    s.exec(`return [...document.querySelectorAll("#detail .outline button.heading")].map((b) => b.textContent)`).then((h) => h.length > 0 && h),
  );
  assert.deepEqual(headings, ["I. TÌNH HÌNH CHUNG", "II. KẾT QUẢ ĐẠT ĐƯỢC", "III. PHƯƠNG HƯỚNG NĂM 2026"]);
  assert.equal(await s.exec(`return document.querySelector("#detail .outline h3").textContent`), "Dàn ý");
  await s.exec(`document.getElementById("detail").scrollTop = 0`);
  await s.exec(`const d = document.getElementById("detail");
    d.scrollTop += document.querySelector("#detail .outline").getBoundingClientRect().top - d.getBoundingClientRect().top - 150;`);
  await shot("15-outline");
  await s.exec(`document.getElementById("detail").scrollTop = 0`);
  await s.click("#detail .outline li:nth-child(3) button.heading");
  const shown = await waitFor("the heading painted", () =>
    s.exec(`const r = [...(CSS.highlights.get("outline-target") ?? [])][0]; if (!r) return null;
      const box = document.getElementById("detail").getBoundingClientRect(); const at = r.getBoundingClientRect();
      return { text: r.toString(), inView: at.top >= box.top && at.bottom <= box.bottom, scrolled: document.getElementById("detail").scrollTop };`),
  );
  assert.deepEqual([shown.text, shown.inView], ["III. PHƯƠNG HƯỚNG NĂM 2026", true]);
  assert.ok(shown.scrolled > 0, JSON.stringify(shown));
  await shot("16-outline-heading-in-text");
});

test("dark mode: the desktop's dark theme darkens the window, the list comes back, text stays readable", async () => {
  // The last test: this window closes, and the app starts again under a
  // dark GTK theme (a second driver, as the theme is read at start).
  await s.delete().catch(() => {});
  s = null;
  const dark = await startApp(APP, { port: PORT + 2, home: HOME, env: { GTK_THEME: "Adwaita:dark" }, log: "app-dark" });
  s = dark.s;
  try {
    const r = await waitFor("the list back", async () => {
      const r = await rows();
      return r.length > 0 && r.every((x) => x.status === "done") && r;
    });
    const n = r.findIndex((x) => x.name === "cong-van.txt");
    await s.click(`#list li.row:nth-child(${n + 1}) .name`);
    await waitFor("the letter", async () => (await detail()).title?.startsWith("V/v"));
    const look = await s.exec(`
      const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
      const lum = (c) => { const v = rgb(c).map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
      const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
      const bg = (e) => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor; if (!c.endsWith(", 0)") && c !== "transparent") return c; } return "rgb(0, 0, 0)"; };
      const at = (css) => { const e = document.querySelector(css); return ratio(getComputedStyle(e).color, bg(e)); };
      return { dark: matchMedia("(prefers-color-scheme: dark)").matches, body: lum(getComputedStyle(document.body).backgroundColor),
        text: at("#detail .fulltext"), muted: at("#detail .doc-file"), done: at('#list li.selected[data-status="done"] .status') };`);
    assert.equal(look.dark, true);
    assert.ok(look.body < 0.05, JSON.stringify(look));
    for (const k of ["text", "muted", "done"]) assert.ok(look[k] >= 4.5, JSON.stringify(look));
    await shot("14-dark-mode");
  } finally {
    s = null;
    await stop(dark);
  }
});

// The user's own terms ("Từ của tôi": words kept whole, excluded keywords,
// boosted terms) and a document's names ("Tên riêng"), in the real webview
// (issue 16). The terms are typed into their box, kept across a real
// restart, applied to the document shown, and give the same keywords as
// the CLI given the files the app keeps them in. Run by `make test-app`;
// screenshots go to tests/out/screenshots/terms-*.png.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { screenshot, startApp, stop, waitFor } from "./launch.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const APP = path.resolve(process.env.TOMTAT_APP ?? path.join(ROOT, "target/debug/tomtat-app"));
// The CLI, to compare with: `make test-app` builds it.
const CLI = path.resolve(process.env.TOMTAT_CLI ?? path.join(ROOT, "target/debug/tomtat"));
const WORK = path.join(ROOT, "tests/out/e2e-terms");
const HOME = path.join(WORK, "home");
// Where the app keeps its data: $XDG_DATA_HOME/<identifier>.
const DATA = path.join(HOME, "data", "vn.tomtat.app");
const SHOTS = path.join(ROOT, "tests/out/screenshots");
const PORT = Number(process.env.TAURI_DRIVER_PORT ?? 27944);

// A news item written for this test: a term the keywords cut at its
// conjunction ("khoa học và công nghệ" gives "khoa học" and "công nghệ"),
// and people, organizations and places with their cues.
const ARTICLE =
  "Quảng Ngãi đẩy mạnh ứng dụng khoa học và công nghệ trong cơ quan nhà nước\n\n" +
  "Sáng 3/12, ông Nguyễn Văn Tú, Phó Chủ tịch UBND tỉnh Quảng Ngãi, chủ trì hội nghị về khoa học và công nghệ. " +
  "Theo ông Nguyễn Văn Tú, năm nay tỉnh sẽ đưa toàn bộ hồ sơ hành chính lên nền tảng số. " +
  "Sở Thông tin và Truyền thông cho biết các xã ở huyện Bình Sơn đã dùng phần mềm một cửa điện tử. " +
  "Công ty Viettel hỗ trợ tỉnh lắp đặt đường truyền cho các xã miền núi. " +
  "Bà Trần Thị Hoa, Giám đốc Sở Thông tin và Truyền thông, nói khoa học và công nghệ giúp người dân làm thủ tục nhanh hơn. " +
  "Hội nghị thống nhất mở thêm lớp tập huấn về khoa học và công nghệ cho cán bộ xã trong quý tới.\n";
const DOC = path.join(WORK, "khoa-hoc-cong-nghe.txt");
const KEPT = "khoa học và công nghệ";

let app;
let s;
const shot = (name) => screenshot(s, path.join(SHOTS, `terms-${name}.png`));

const key = (k, mods = []) => s.keys(mods, k);
const CTRL = "\uE009";
/** The focused element's id, or its class. */
const focused = () => s.exec(`const a = document.activeElement; return a?.id || a?.className || ""`);

/** Types `text` into the element, key by key (a line break as the Enter key), as WebDriver's Element Send Keys does. */
async function type(css, text) {
  const el = await s.find(css);
  await s.cmd("POST", `/element/${el}/clear`, {});
  await s.cmd("POST", `/element/${el}/value`, { text: text.replaceAll("\n", "\uE007") });
}

/** What the detail pane shows of one document. */
const detail = () =>
  s.exec(`const d = document.getElementById("detail");
    return { view: d.dataset.view, status: d.dataset.status ?? null,
      chips: [...d.querySelectorAll("section.keywords button.chip")].map((b) => b.textContent),
      names: [...d.querySelectorAll("section.names .name-group")].map((g) => ({ kind: g.dataset.kind,
        label: g.querySelector(".name-kind").textContent,
        names: [...g.querySelectorAll("button.name-chip")].map((b) => ({ text: b.dataset.text, kind: b.dataset.kind,
          count: Number(b.dataset.count), shown: b.textContent, label: b.getAttribute("aria-label") })) })),
      namesTitle: d.querySelector("section.names h3")?.textContent ?? null };`);

/** The document shown, summarized. */
const shown = () =>
  waitFor("the document, summarized", async () => {
    const d = await detail();
    return d.view === "one" && d.status === "done" && d.chips.length > 0 && d;
  });

/** The three text areas of the terms box. */
const boxLists = () =>
  s.exec(`return ["terms-dict", "terms-exclude", "terms-boost"].map((id) => document.getElementById(id).value)`);

const boxOpen = () => s.exec(`return !document.getElementById("terms-box").hidden`);

/** The CLI's keywords and names for the document with the files the app keeps the terms in. */
function cli(withTerms) {
  const terms = withTerms ? ["dict", "exclude", "boost"].flatMap((l) => [`--${l}`, path.join(DATA, `${l}.txt`)]) : [];
  const out = JSON.parse(execFileSync(CLI, ["--json", "-k", "10", ...terms, DOC], { encoding: "utf8" }));
  return { keywords: out.keywords.map((k) => k.text), names: out.names };
}

const clipboard = () => {
  try {
    return execFileSync("xclip", ["-o", "-selection", "clipboard"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return "";
  }
};

before(async () => {
  assert.ok(fs.existsSync(APP), `app binary missing: ${APP} (make app-build)`);
  assert.ok(fs.existsSync(CLI), `CLI binary missing: ${CLI} (cargo build --bin tomtat)`);
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.writeFileSync(DOC, ARTICLE);
  // Opened as `tomtat-app FILE`, as a file manager's "Open with" does.
  app = await startApp(APP, { port: PORT, args: [DOC], home: HOME });
  s = app.s;
});

after(() => stop(app));

test("a document's names: people, organizations and places, with their counts, copied by a click", async () => {
  const d = await shown();
  assert.equal(d.namesTitle, "Tên riêng");
  const kinds = Object.fromEntries(d.names.map((g) => [g.kind, g]));
  assert.deepEqual(d.names.map((g) => g.label), ["Người", "Tổ chức", "Địa danh"]);
  const tu = kinds.person.names.find((n) => n.text === "Nguyễn Văn Tú");
  assert.ok(tu, JSON.stringify(kinds.person));
  assert.equal(tu.count, 2);
  assert.equal(tu.shown, "Nguyễn Văn Tú2");
  assert.equal(tu.label, "Nguyễn Văn Tú (Người, xuất hiện 2 lần)");
  assert.ok(kinds.person.names.some((n) => n.text === "Trần Thị Hoa"), JSON.stringify(kinds.person));
  assert.ok(kinds.organization.names.some((n) => n.text === "Công ty Viettel"), JSON.stringify(kinds.organization));
  assert.ok(kinds.place.names.some((n) => n.text === "Bình Sơn"), JSON.stringify(kinds.place));
  // The same names as the CLI's `--json`, kind for kind, count for count.
  const all = d.names.flatMap((g) => g.names.map((n) => ({ text: n.text, kind: n.kind, count: n.count })));
  const want = cli(false).names;
  const order = (l) => [...l].sort((a, b) => `${a.kind}${a.text}`.localeCompare(`${b.kind}${b.text}`));
  assert.deepEqual(order(all), order(want));
  // A name copies like a keyword chip: the name alone.
  await s.click(`#detail button.name-chip[data-text="Nguyễn Văn Tú"]`);
  await waitFor("the name on the clipboard", () => clipboard() === "Nguyễn Văn Tú");
  await s.exec(`document.querySelector("section.names").scrollIntoView()`);
  await shot("01-names");
});

test("the terms box: Tab reaches its button beside the keywords, Ctrl+, opens it too, Esc closes it and gives the focus back", async () => {
  await s.exec(`document.querySelector("#detail section.keywords button.mark-keywords").focus()`);
  await key("\uE004");
  assert.equal(await focused(), "open-terms");
  assert.equal(await s.text("#detail section.keywords button.open-terms"), "Từ của tôi…");
  await key("\uE007");
  assert.equal(await boxOpen(), true);
  assert.equal(await focused(), "terms-dict");
  const labels = await s.exec(`return [...document.querySelectorAll("#terms-box label")].map((l) => [l.textContent, l.htmlFor])`);
  assert.deepEqual(labels, [
    ["Từ giữ nguyên", "terms-dict"],
    ["Từ loại trừ", "terms-exclude"],
    ["Từ ưu tiên", "terms-boost"],
  ]);
  // The rest of the window is out of reach while it is open.
  assert.equal(await s.exec(`return document.getElementById("main").inert`), true);
  await key("\uE00C");
  assert.equal(await boxOpen(), false);
  assert.equal(await focused(), "open-terms");
  await s.exec(`document.getElementById("detail").focus()`);
  await key(",", [CTRL]);
  assert.equal(await boxOpen(), true);
  assert.equal(await focused(), "terms-dict");
  await key("\uE00C");
  assert.equal(await boxOpen(), false);
  // And from the menu bar: Sửa > Từ của tôi…
  await s.click('#menubar .menu-title[data-menu="1"]');
  const items = await s.exec(`return [...document.querySelectorAll("#menubar ul.menu .menu-item span")].map((x) => x.textContent)`);
  const at = items.indexOf("Từ của tôi…");
  assert.ok(at >= 0, JSON.stringify(items));
  await s.click(`#menubar ul.menu li:nth-child(${at + 1}) .menu-item`);
  assert.equal(await boxOpen(), true);
  await key("\uE00C");
  assert.equal(await boxOpen(), false);
});

test("a term too long is refused in the box, which says why; nothing is kept", async () => {
  await key(",", [CTRL]);
  await s.exec(`document.getElementById("terms-exclude").value = "x".repeat(201)`);
  await s.click("#terms-save");
  const error = await waitFor("the error", () =>
    s.exec(`const e = document.getElementById("terms-error"); return !e.hidden && e.textContent`),
  );
  assert.match(error, /^Có từ quá dài \(tối đa 200 byte\)/);
  assert.equal(await boxOpen(), true);
  assert.equal(fs.existsSync(path.join(DATA, "exclude.txt")), false);
  await key("\uE00C");
  assert.equal(await boxOpen(), false);
});

test("an excluded keyword and a word kept whole apply to the document shown, as the CLI's --exclude and --dict do", async () => {
  const before = await shown();
  // The document's first keyword, which the user excludes; the term kept
  // whole is cut without the dictionary.
  const excluded = before.chips.find((c) => c !== KEPT);
  assert.ok(excluded, JSON.stringify(before.chips));
  assert.ok(!before.chips.includes(KEPT), JSON.stringify(before.chips));
  assert.deepEqual(before.chips, cli(false).keywords);
  await s.click("#detail button.open-terms");
  assert.equal(await focused(), "terms-dict");
  await type("#terms-dict", `${KEPT}\n# ghi chú của tôi\n`);
  await type("#terms-exclude", excluded);
  assert.deepEqual(await boxLists(), [`${KEPT}\n# ghi chú của tôi\n`, excluded, ""]);
  await shot("02-box");
  // Ctrl+Enter saves, as the paste box's does.
  await key("\uE007", [CTRL]);
  await waitFor("the box closed", async () => !(await boxOpen()));
  assert.match(await s.exec(`return document.getElementById("toast").textContent`), /Đã lưu từ của bạn/);
  const after = await waitFor("the keywords made again", async () => {
    const d = await detail();
    return d.chips.includes(KEPT) && d;
  });
  assert.ok(!after.chips.includes(excluded), JSON.stringify(after.chips));
  // Kept in the app's data folder as the CLI's list files, one term a line.
  assert.equal(fs.readFileSync(path.join(DATA, "dict.txt"), "utf8"), `${KEPT}\n`);
  assert.equal(fs.readFileSync(path.join(DATA, "exclude.txt"), "utf8"), `${excluded}\n`);
  assert.deepEqual(after.chips, cli(true).keywords);
  await shot("03-keywords");
});

/** Ctrl+Q in the window, then the driver's end: the app is gone, its D-Bus name free. */
async function quit() {
  await key("q", [CTRL]).catch(() => {});
  await waitFor("the app to end", async () => {
    try {
      await s.exec(`return 1`);
      return false;
    } catch {
      return true;
    }
  });
  await stop(app);
}

test("the terms come back after a real restart (Ctrl+Q) and apply to the documents read again", async () => {
  const excluded = fs.readFileSync(path.join(DATA, "exclude.txt"), "utf8").trim();
  await quit();
  app = await startApp(APP, { port: PORT, home: HOME });
  s = app.s;
  // The list comes back and its document is read again, with the terms.
  const d = await shown();
  assert.ok(d.chips.includes(KEPT), JSON.stringify(d.chips));
  assert.ok(!d.chips.includes(excluded), JSON.stringify(d.chips));
  assert.deepEqual(d.chips, cli(true).keywords);
  await key(",", [CTRL]);
  assert.deepEqual(await boxLists(), [KEPT, excluded, ""]);
  await shot("04-after-restart");
  await key("\uE00C");
});

test("dark mode: the terms box and the names stay readable", async () => {
  await quit();
  // Ports of its own: the driver just ended may not have let go of its own.
  app = await startApp(APP, { port: PORT + 2, home: HOME, env: { GTK_THEME: "Adwaita:dark" } });
  s = app.s;
  await shown();
  await key(",", [CTRL]);
  const look = await s.exec(`
    const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const lum = (c) => { const v = rgb(c).map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const bg = (e) => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor; if (!c.endsWith(", 0)") && c !== "transparent") return c; } return "rgb(0, 0, 0)"; };
    const at = (css) => { const e = document.querySelector(css); return ratio(getComputedStyle(e).color, bg(e)); };
    const area = document.getElementById("terms-dict");
    return { dark: matchMedia("(prefers-color-scheme: dark)").matches, box: lum(bg(area)),
      label: at("#terms-box label"), help: at("#terms-box .terms-help"), text: at("#terms-dict"),
      border: ratio(getComputedStyle(area).borderTopColor, bg(area.parentElement)),
      name: at("#detail .name-chip"), count: at("#detail .name-count"), kind: at("#detail .name-kind") };`);
  assert.equal(look.dark, true);
  assert.ok(look.box < 0.05, JSON.stringify(look));
  for (const k of ["label", "help", "text", "name", "count", "kind"]) assert.ok(look[k] >= 4.5, `${k}: ${JSON.stringify(look)}`);
  assert.ok(look.border >= 3, JSON.stringify(look));
  await shot("05-dark-box");
  await key("\uE00C");
  await s.exec(`document.querySelector("section.names").scrollIntoView()`);
  await shot("06-dark-names");
});

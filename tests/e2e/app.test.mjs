// End-to-end tests of the desktop app in its real webview (WebKitGTK),
// driven through tauri-driver and WebKitWebDriver. Run under Xvfb by
// `make test-app`; screenshots go to tests/out/screenshots/.

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { handOver } from "./launch.mjs";
import { Session } from "./webdriver.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const APP = path.resolve(process.env.TOMTAT_APP ?? path.join(ROOT, "target/debug/tomtat-app"));
const SEEDS = path.resolve(ROOT, process.env.SHARED ?? "../shared", "seeds");
const OUT = path.join(ROOT, "tests/out");
const SHOTS = path.join(OUT, "screenshots");
const WORK = path.join(OUT, "e2e");
const PORT = Number(process.env.TAURI_DRIVER_PORT ?? 47444);

const seed = (i) => {
  const name = fs.readdirSync(SEEDS).filter((n) => n.endsWith(".txt")).sort()[i];
  return path.join(SEEDS, name);
};

let driver;
let s;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, fn, timeout = 20000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/**
 * Saves a screenshot. WebKit takes it at the next repaint, and an idle page
 * under Xvfb does not repaint, so the page is nudged (an opacity change no
 * one can see) until the picture arrives.
 */
async function shot(name) {
  let png = null;
  const pending = s.screenshot().then((b) => (png = b));
  for (let i = 0; i < 100 && png === null; i++) {
    await Promise.race([pending, sleep(200)]);
    if (png === null) await s.exec(`document.body.style.opacity = document.body.style.opacity ? "" : "0.999"`);
  }
  await pending;
  await s.exec(`document.body.style.opacity = ""`);
  fs.writeFileSync(path.join(SHOTS, `${name}.png`), png);
}

function portOpen(port) {
  return new Promise((resolve) => {
    const sock = net.connect(port, "127.0.0.1");
    sock.on("connect", () => (sock.destroy(), resolve(true)));
    sock.on("error", () => resolve(false));
  });
}

/**
 * Hands paths to the app as a file manager does (a second launch naming
 * them): the page itself may not name files. Resolves with how many were added.
 */
const drop = (paths) => handOver(s, APP, paths);

/** Rows of the list: name, status, status text. */
const rows = () =>
  s.exec(`return [...document.querySelectorAll("#list li.row")].map((r) => ({
    id: Number(r.dataset.id), name: r.querySelector(".name").textContent,
    status: r.dataset.status, text: r.querySelector(".status").textContent }));`);

/** What the detail pane shows. */
const detail = () =>
  s.exec(`const d = document.getElementById("detail");
    return { view: d.dataset.view, title: d.querySelector(".doc-title")?.textContent ?? null,
      sentences: [...d.querySelectorAll("button.sentence")].map((b) => b.textContent),
      sources: [...d.querySelectorAll(".source")].map((b) => b.textContent),
      chips: [...d.querySelectorAll("button.chip")].map((b) => b.textContent),
      marks: [...d.querySelectorAll(".fulltext mark")].map((m) => m.textContent),
      noise: [...d.querySelectorAll(".fulltext .noise")].map((m) => m.textContent),
      why: [...d.querySelectorAll("button.sentence")].map((b) => b.title),
      fulltext: d.querySelector(".fulltext")?.textContent ?? null,
      error: d.querySelector(".error-box")?.textContent ?? null };`);

const toast = () => s.exec(`return document.getElementById("toast").textContent`);

const clipboard = () => execFileSync("xclip", ["-o", "-selection", "clipboard"], { encoding: "utf8" });

before(async () => {
  assert.ok(fs.existsSync(APP), `app binary missing: ${APP} (make app-build)`);
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  driver = spawn("tauri-driver", ["--port", String(PORT), "--native-port", String(PORT + 1)], {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      GSETTINGS_BACKEND: "memory",
      WEBKIT_DISABLE_DMABUF_RENDERER: "1",
      WEBKIT_DISABLE_COMPOSITING_MODE: "1",
    },
  });
  await waitFor("tauri-driver", () => portOpen(PORT), 15000);
  s = await Session.create(`http://127.0.0.1:${PORT}`, { "tauri:options": { application: APP } });
  await waitFor("the UI", () => s.exec(`return document.getElementById("detail")?.dataset.view ?? null`));
});

after(async () => {
  if (s) await s.delete().catch(() => {});
  if (driver) driver.kill();
});

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
  assert.deepEqual(r.map((x) => x.text), ["Xong", "Xong"]);
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
  // Each sentence says why it was chosen: its score and the parts of it.
  for (const why of d.why) assert.match(why, /^Điểm \d\.\d\d: vị trí \d\.\d\d · /);
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

test("clicking a summary sentence scrolls to it in the text", async () => {
  const d = await detail();
  const last = d.sentences.length;
  await s.click(`#detail ol.sentences li:nth-child(${last}) button.sentence`);
  const flashed = await waitFor("the flash", () =>
    s.exec(`return document.querySelector("#detail mark.flash")?.textContent ?? null`),
  );
  assert.equal(flashed, d.sentences[last - 1]);
});

test("a keyword chip copies one keyword, Copy all copies all", async () => {
  const d = await detail();
  await s.click("#detail button.chip:nth-child(2)");
  await waitFor("the clipboard", () => clipboard() === d.chips[1]);
  assert.match(await toast(), /^Đã chép: /);
  await s.click("#detail button.copy-all");
  await waitFor("the clipboard (all)", () => clipboard() === d.chips.join(", "));
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
  assert.ok(d.sources.every((x) => x.startsWith("Từ: ")));
  await shot("03-several");
});

test("export writes Markdown through the save dialog", async () => {
  const file = path.join(WORK, "export.md");
  await s.click("#export");
  // The GTK save dialog: type the full path into its name field.
  const dialog = await waitFor("the save dialog", () => {
    try {
      return execFileSync("xdotool", ["search", "--name", "Lưu kết quả"], { encoding: "utf8" }).trim().split("\n")[0];
    } catch {
      return null;
    }
  });
  await sleep(500);
  execFileSync("xdotool", ["windowfocus", "--sync", dialog]);
  execFileSync("xdotool", ["key", "--clearmodifiers", "ctrl+a"]);
  execFileSync("xdotool", ["type", "--delay", "5", file]);
  execFileSync("xdotool", ["key", "Return"]);
  await waitFor("the exported file", () => fs.existsSync(file) && fs.statSync(file).size > 0);
  const md = fs.readFileSync(file, "utf8");
  const d = await detail();
  assert.match(md, new RegExp(`^# ${path.basename(seed(0))}`));
  assert.match(md, /## Tóm tắt\n\n- /);
  assert.ok(md.includes(`\n${d.chips.join(", ")}\n`), "the combined keywords are in the file");
  await waitFor("the saved toast", async () => (await toast()).startsWith("Đã lưu: "));
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
    return r.length === 5 && r.every((x) => x.status === "done" || x.status === "error");
  });
  const r = await rows();
  assert.equal(r[2].name, path.basename(hostile));
  assert.equal(r[2].status, "done");
  assert.equal(r[3].text, "Lỗi: Không phải tệp văn bản");
  assert.equal(r[4].text, "Lỗi: Loại tệp không được hỗ trợ");

  await s.click("#list li.row:nth-child(3) .name");
  const d = await waitFor("the hostile document", async () => {
    const d = await detail();
    return d.view === "one" && d.fulltext && d;
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

  await s.click("#list li.row:nth-child(4) .name");
  const e = await waitFor("the error", async () => (await detail()).error);
  assert.match(e, /^Không phải tệp văn bản/);
  await shot("06-error");
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
  await waitFor("2,005 rows", async () => (await s.exec(`return document.querySelectorAll("#list li.row").length`)) === 2005);
  await waitFor("some working", async () => (await rows()).some((x) => x.status === "working"));
  await shot("04-list-working");
  // The window answers while the batch runs.
  for (let i = 0; i < 5; i++) {
    const t0 = Date.now();
    await s.exec(`return document.getElementById("progress-text").textContent`);
    assert.ok(Date.now() - t0 < 1000, `a script took ${Date.now() - t0} ms`);
  }
  assert.match(await s.text("#progress-text"), /^\d+\/2005 tệp$/);
  await s.click("#cancel");
  await waitFor("the batch to stop", () => s.exec(`return document.getElementById("progress").hidden`), 60000);
  const r = await rows();
  const count = (st) => r.filter((x) => x.status === st).length;
  assert.equal(count("waiting") + count("working"), 0);
  assert.ok(count("cancelled") > 0, `cancelled: ${count("cancelled")}`);
  assert.equal(count("done") + count("cancelled") + count("error"), 2005);
  assert.equal(count("error"), 2);
});

test("Clear all empties the list", async () => {
  await s.click("#clear");
  await waitFor("an empty list", async () => (await rows()).length === 0 && (await detail()).view === "empty");
});

test("the English switch is remembered", async () => {
  await s.click("#lang");
  assert.equal(await s.text("#open"), "Open files…");
  assert.equal(await s.exec(`return document.documentElement.lang`), "en");
  await s.exec(`location.reload()`);
  await waitFor("the reloaded UI", () => s.exec(`return document.getElementById("detail")?.dataset.view ?? null`));
  assert.equal(await s.text("#open"), "Open files…");
  assert.equal(await s.text("#detail .empty h2"), "Drop files or folders onto the window");
  await s.click("#lang");
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

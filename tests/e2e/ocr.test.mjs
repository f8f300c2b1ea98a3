// Scans and photos in the desktop app (issue 18): dropped on the window,
// they are read by OCR (Tesseract, Vietnamese) in the reader's worker
// process, with progress per page in the list; the summary says "Đọc bằng
// OCR" with its confidence, and a page read poorly is named, its text
// kept; Cancel stops a long scan at once. The scan and the photos are drawn by tests/e2e/scan.py from the
// project's own test article. Run by `make test-app` under Xvfb.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { handOver, screenshot, startApp, stop, waitFor } from "./launch.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const APP = path.resolve(process.env.TOMTAT_APP ?? path.join(ROOT, "target/debug/tomtat-app"));
const WORK = path.join(ROOT, "tests/out/e2e-ocr");
const SHOTS = path.join(ROOT, "tests/out/screenshots");
const PORT = Number(process.env.TAURI_DRIVER_PORT ?? 27844);
const TITLE = "Thành phố Đà Nẵng khai trương tuyến xe buýt điện đầu tiên";

let app;
let s;
const shot = (name) => screenshot(s, path.join(SHOTS, `${name}.png`));

const rows = () =>
  s.exec(`return [...document.querySelectorAll("#list li.row")].map((r) => ({
    id: r.dataset.id, name: r.dataset.name, status: r.dataset.status,
    text: r.querySelector(".status").textContent,
    badge: r.querySelector(".ocr-badge").hidden ? null : r.querySelector(".ocr-badge").textContent,
    badgeLow: r.querySelector(".ocr-badge").classList.contains("low") }));`);

/** What the detail pane shows of one document, its OCR note first. */
const detail = () =>
  s.exec(`const d = document.getElementById("detail");
    const note = d.querySelector(".ocr-note");
    return { view: d.dataset.view, title: d.querySelector(".doc-title")?.textContent ?? null,
      file: d.querySelector(".doc-file")?.textContent ?? null,
      mark: note?.querySelector(".ocr-mark")?.textContent ?? null,
      low: note?.querySelector(".ocr-low")?.textContent ?? null,
      pages: [...(note?.querySelectorAll(".ocr-pages li") ?? [])].map((li) =>
        ({ page: Number(li.dataset.page), low: li.classList.contains("low"), text: li.textContent })),
      sentences: [...d.querySelectorAll("ol.sentences .sentence")].map((b) => b.textContent),
      fulltext: d.querySelector(".fulltext")?.textContent ?? null };`);

/** Opens the document named `name` in the detail pane. */
async function open(name) {
  await s.exec(`[...document.querySelectorAll("#list li.row")].find((r) => r.dataset.name === arguments[0])
    .querySelector(".name").click()`, name);
  return waitFor(`${name} shown`, async () => {
    const d = await detail();
    const shown = d.view === "one" && d.file?.endsWith(`/${name}`);
    return shown && d.sentences.length > 0 && d.fulltext !== null ? d : null;
  });
}

before(async () => {
  assert.ok(fs.existsSync(APP), `app binary missing: ${APP} (make app-build)`);
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  // Debian's python with Pillow (python3-pil), whatever python3 is first on PATH.
  execFileSync("/usr/bin/python3", [path.join(ROOT, "tests/e2e/scan.py"), WORK]);
  fs.copyFileSync(path.join(ROOT, "tests/data/sample.txt"), path.join(WORK, "bài báo.txt"));
  app = await startApp(APP, { port: PORT, home: path.join(WORK, "home") });
  s = app.s;
});

// Ctrl+Q ends the app (closing the WebDriver session alone left it
// running, holding the D-Bus name the next file's app needs).
after(async () => {
  if (s) {
    await s.keys(["\uE009"], "q").catch(() => {});
    await waitFor("the app to end", () => s.exec(`return 1`).then(() => false, () => true), 15000).catch(() => {});
  }
  await stop(app);
});

test("a scanned pdf: OCR progress per page, the summary marked “Đọc bằng OCR” with its confidence, the poor page flagged and kept", async () => {
  // Every status text the list shows while the scan is read.
  await s.exec(`window.__seen = [];
    new MutationObserver(() => {
      for (const st of document.querySelectorAll("#list .status")) {
        const t = st.textContent;
        if (window.__seen.at(-1) !== t) window.__seen.push(t);
      }
    }).observe(document.getElementById("list"), { subtree: true, childList: true, characterData: true });`);
  assert.equal(await handOver(s, APP, [path.join(WORK, "scan.pdf")]), 1);
  await waitFor("the scan to be read", async () => {
    const r = await rows();
    return (r.length === 1 && r[0].status === "done") || null;
  }, 180000);
  const seen = await s.exec(`return window.__seen`);
  assert.ok(seen.includes("Đang đọc bằng OCR: trang 0/2"), JSON.stringify(seen));
  assert.ok(seen.some((t) => /^Đang đọc bằng OCR: trang [12]\/2$/.test(t)), JSON.stringify(seen));

  const [row] = await rows();
  assert.match(row.badge, /^OCR \d{2,3}%$/);
  assert.equal(row.badgeLow, true, "the list marks a scan with a poorly read page");

  const d = await open("scan.pdf");
  assert.equal(d.title, TITLE);
  const pct = Number(d.mark.match(/^Đọc bằng OCR \(độ tin cậy (\d+)%\)$/)?.[1]);
  assert.ok(pct >= 60 && pct <= 100, d.mark);
  assert.equal(row.badge, `OCR ${pct}%`);
  // Page 2 is ruled over: flagged, named, and its text still in the full text.
  assert.equal(d.low, "Trang đọc kém, nên đối chiếu với bản gốc: 2.");
  assert.deepEqual(d.pages.map((p) => [p.page, p.low]), [[1, false], [2, true]]);
  assert.match(d.pages[1].text, /^Trang 2: \d+%, đọc kém$/);
  assert.ok(d.sentences.some((x) => x.includes("xe buýt điện")), JSON.stringify(d.sentences));
  await s.exec(`document.querySelector(".ocr-pages").open = true`);
  await shot("ocr-scan");
  fs.writeFileSync(path.join(WORK, "scan-text.txt"), d.fulltext);
});

test("a phone photo (.jpg) and a .png are read by OCR; a text file carries no OCR mark", async () => {
  assert.equal(
    await handOver(s, APP, [path.join(WORK, "photo.jpg"), path.join(WORK, "photo.png"), path.join(WORK, "bài báo.txt")]),
    3,
  );
  await waitFor("the photos to be read", async () => {
    const r = await rows();
    return r.length === 4 && r.every((x) => x.status === "done") ? r : null;
  }, 180000);
  for (const name of ["photo.jpg", "photo.png"]) {
    const d = await open(name);
    assert.equal(d.title, TITLE, name);
    assert.match(d.mark ?? "", /^Đọc bằng OCR \(độ tin cậy (9\d|100)%\)$/, name);
    assert.equal(d.low, null, `${name}: a clear photo has no poor page`);
    assert.deepEqual(d.pages, [], `${name}: one image, no page list`);
    assert.ok(d.sentences.some((x) => x.includes("xe buýt điện")), JSON.stringify(d.sentences));
    if (name === "photo.png") {
      // The scan's page 1 is this image: the scan's text is longer by its
      // page 2, read poorly but not left out.
      const scan = fs.readFileSync(path.join(WORK, "scan-text.txt"), "utf8");
      assert.ok(scan.startsWith(TITLE), scan.slice(0, 100));
      assert.ok(scan.length > d.fulltext.length + 50, `page 2 kept: ${scan.length} vs ${d.fulltext.length}`);
    }
  }
  await open("photo.jpg");
  await shot("ocr-photo");
  const text = await open("bài báo.txt");
  assert.equal(text.mark, null);
  const r = await rows();
  assert.equal(r.find((x) => x.name === "bài báo.txt").badge, null);
  assert.deepEqual(r.filter((x) => x.badge !== null).map((x) => x.name).sort(), ["photo.jpg", "photo.png", "scan.pdf"]);
});

test("Cancel stops a long scan halfway through its OCR, and Resume reads it again", async () => {
  await s.exec(`document.getElementById("clear").click()`);
  await waitFor("an empty list", async () => (await rows()).length === 0 || null);
  assert.equal(await handOver(s, APP, [path.join(WORK, "long.pdf")]), 1);
  await waitFor("OCR under way", async () => {
    const [r] = await rows();
    return /^Đang đọc bằng OCR: trang [1-9]\/12$/.test(r?.text ?? "") ? r : null;
  }, 60000);
  const asked = Date.now();
  await s.click("#cancel");
  // Twelve pages take half a minute and more: stopped within seconds
  // means the read was stopped, not left to end.
  const [stopped] = await waitFor("the scan to stop", async () => {
    const r = await rows();
    return r[0]?.status === "cancelled" ? r : null;
  }, 8000);
  assert.equal(stopped.text, "Đã dừng");
  assert.ok(Date.now() - asked < 8000);
  assert.equal(await s.exec(`return document.getElementById("resume").textContent`), "Tiếp tục 1 tệp đã dừng");
  await s.click("#resume");
  await waitFor("OCR under way again", async () => /^Đang đọc bằng OCR: trang \d+\/12$/.test((await rows())[0]?.text ?? "") || null, 60000);
  await s.click("#cancel");
  await waitFor("stopped again", async () => (await rows())[0]?.status === "cancelled" || null, 8000);
});

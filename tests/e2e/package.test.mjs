// The packages `make package` builds, and the .deb installed on this
// machine: `make test-package` installs it (dpkg -i), runs this file, and
// removes it. The installed /usr/bin/tomtat-app is started in its webview
// (tauri-driver under Xvfb) with a file on its command line, the way the
// desktop entry's "Open with" starts it, and a second launch hands it
// another file; the installed CLI summarizes one too.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { handOver, startApp, stop } from "./launch.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PKG = path.resolve(ROOT, process.env.TOMTAT_PKG ?? "target/package");
const VERSION = process.env.TOMTAT_VERSION ?? "0.1.0";
const APP = "/usr/bin/tomtat-app";
const CLI = "/usr/bin/tomtat";
const WORK = path.join(ROOT, "tests/out/e2e-package");
const PORT = Number(process.env.TAURI_DRIVER_PORT ?? 27744);
const DEB = path.join(PKG, `tomtat_${VERSION}_amd64.deb`);
const RPM = path.join(PKG, `tomtat-${VERSION}-1.x86_64.rpm`);

const run = (cmd, args) => execFileSync(cmd, args, { encoding: "utf8" });
// The formats the app reads, by the MIME types a file manager knows them by.
const TYPES = [
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/msword",
  "application/vnd.oasis.opendocument.text",
  "application/rtf",
  "application/pdf",
  "text/html",
  "text/plain",
  "text/markdown",
  "image/png",
  "image/jpeg",
  "image/tiff",
];
// What both packages install.
const FILES = [
  "/usr/bin/tomtat-app",
  "/usr/bin/tomtat",
  "/usr/share/applications/tomtat.desktop",
  "/usr/share/icons/hicolor/32x32/apps/tomtat-app.png",
  "/usr/share/icons/hicolor/128x128/apps/tomtat-app.png",
  "/usr/share/icons/hicolor/256x256/apps/tomtat-app.png",
  "/usr/share/icons/hicolor/512x512/apps/tomtat-app.png",
];

let app;
let s;

before(() => {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  // Copies outside the checkout, under names with spaces and diacritics.
  fs.copyFileSync(path.join(ROOT, "tests/data/sample.txt"), path.join(WORK, "bài báo.txt"));
  fs.copyFileSync(path.join(ROOT, "tests/data/hoi-nghi.txt"), path.join(WORK, "hội nghị.txt"));
  // A scanned pdf and a photo of a page, drawn from the same article.
  execFileSync("/usr/bin/python3", [path.join(ROOT, "tests/e2e/scan.py"), path.join(WORK, "scans")]);
});

after(() => stop(app));

test("the .deb is installed into /usr with its desktop entry and icons", () => {
  assert.match(run("dpkg-query", ["-W", "-f=${Status} ${Version}", "tomtat"]), new RegExp(`^install ok installed ${VERSION}`));
  const listed = run("dpkg", ["-L", "tomtat"]).split("\n");
  for (const f of FILES) assert.ok(listed.includes(f), `${f} not in the package`);
  for (const f of FILES) assert.ok(fs.existsSync(f), `${f} not installed`);
  const depends = run("dpkg-query", ["-W", "-f=${Depends}", "tomtat"]);
  assert.match(depends, /libwebkit2gtk-4\.1-0/);
  // OCR of scans and photos runs Tesseract with its Vietnamese model.
  const recommends = run("dpkg-query", ["-W", "-f=${Recommends}", "tomtat"]);
  assert.match(recommends, /tesseract-ocr-vie/);
});

test("the desktop entry is valid and offers the app for every format it reads", () => {
  const file = "/usr/share/applications/tomtat.desktop";
  run("desktop-file-validate", [file]);
  const entry = fs.readFileSync(file, "utf8");
  assert.match(entry, /^Name=Tóm Tắt$/m);
  assert.match(entry, /^Exec=tomtat-app %F$/m);
  assert.match(entry, /^Icon=tomtat-app$/m);
  const types = entry.match(/^MimeType=(.*)$/m)[1].split(";").filter(Boolean);
  for (const t of TYPES) assert.ok(types.includes(t), `${t} missing from MimeType`);
});

test("the installed command line summarizes a file", () => {
  const out = run(CLI, [path.join(WORK, "bài báo.txt")]);
  assert.match(out, /^Tiêu đề: Thành phố Đà Nẵng khai trương tuyến xe buýt điện đầu tiên$/m);
  assert.match(out, /^Tóm tắt:\n {2}- /m);
});

test("the installed app opens the file it was started with", async () => {
  app = await startApp(APP, { port: PORT, args: [path.join(WORK, "bài báo.txt")], home: path.join(WORK, "home") });
  s = app.s;
  const end = Date.now() + 30000;
  let d;
  while (Date.now() < end) {
    d = await s.exec(`const d = document.getElementById("detail");
      return { view: d.dataset.view, title: d.querySelector(".doc-title")?.textContent ?? null,
        sentences: [...d.querySelectorAll("ol.sentences .sentence")].map((b) => b.textContent) }`);
    if (d.view === "one" && d.sentences.length > 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(d.title, "Thành phố Đà Nẵng khai trương tuyến xe buýt điện đầu tiên");
  assert.ok(d.sentences.some((x) => x.includes("xe buýt điện")), JSON.stringify(d.sentences));
});

test("a second launch of the installed app adds its file to the open window", async () => {
  assert.equal(await handOver(s, APP, [path.join(WORK, "hội nghị.txt")]), 1);
  const end = Date.now() + 30000;
  let rows;
  while (Date.now() < end) {
    rows = await s.exec(`return [...document.querySelectorAll("#list li.row")].map((r) => r.dataset.status)`);
    if (rows.length === 2 && rows.every((x) => x === "done")) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(rows, ["done", "done"]);
});

test("the installed app reads a scanned pdf and a photo by OCR and says so", async () => {
  assert.equal(await handOver(s, APP, [path.join(WORK, "scans/scan.pdf"), path.join(WORK, "scans/photo.jpg")]), 2);
  const end = Date.now() + 120000;
  let rows;
  while (Date.now() < end) {
    rows = await s.exec(`return [...document.querySelectorAll("#list li.row")].map((r) => ({ status: r.dataset.status,
      badge: r.querySelector(".ocr-badge")?.hidden === false ? r.querySelector(".ocr-badge").textContent : null }))`);
    if (rows.length === 4 && rows.every((x) => x.status === "done")) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.deepEqual(rows.map((r) => r.status), ["done", "done", "done", "done"]);
  assert.deepEqual(rows.map((r) => r.badge === null), [true, true, false, false], JSON.stringify(rows));
  for (const r of rows.slice(2)) assert.match(r.badge, /^OCR \d+%$/);
});

test("the .rpm holds the same files and needs WebKitGTK", () => {
  const listed = run("rpm", ["-qpl", RPM]).split("\n");
  for (const f of FILES) assert.ok(listed.includes(f), `${f} not in the rpm`);
  assert.match(run("rpm", ["-qp", "--requires", RPM]), /libwebkit2gtk-4\.1\.so\.0/);
});

test("the Windows installer and the portable zip hold Windows executables", () => {
  const setup = path.join(PKG, `tomtat-${VERSION}-windows-x64-setup.exe`);
  assert.equal(fs.readFileSync(setup).subarray(0, 2).toString("latin1"), "MZ");
  const zip = path.join(PKG, `tomtat-${VERSION}-windows-x64-portable.zip`);
  const names = run("python3", ["-m", "zipfile", "-l", zip]);
  for (const n of ["tomtat-app.exe", "WebView2Loader.dll", "tomtat.exe", "README.md"]) assert.match(names, new RegExp(`^${n.replace(".", "\\.")} `, "m"));
  const dir = path.join(WORK, "portable");
  run("python3", ["-m", "zipfile", "-e", zip, dir]);
  for (const exe of ["tomtat-app.exe", "tomtat.exe"]) {
    assert.match(run("file", ["-b", path.join(dir, exe)]), /^PE32\+ executable \((GUI|console)\) x86-64/, exe);
  }
});

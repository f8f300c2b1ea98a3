// The app's commands trust nothing the page says (issue 19): a script in the
// real webview calls the commands itself, as injected code would, and may
// read only files the user handed over (that `export` writes only where the
// Save dialog points is app.test.mjs's). Also: `tomtat-app FILE...` opens FILE, and a second launch hands
// its files to the window already open. Run by `make test-app`.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { handOver, recordAdded, startApp, stop } from "./launch.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const APP = path.resolve(process.env.TOMTAT_APP ?? path.join(ROOT, "target/debug/tomtat-app"));
const WORK = path.join(ROOT, "tests/out/e2e-security");
const PORT = Number(process.env.TAURI_DRIVER_PORT ?? 27644);

// Documents written here, for this test: an article the user opens, one
// opened later from the file manager, and secrets nobody chose.
const ARTICLE =
  "Hà Nội mở thêm ba tuyến xe buýt điện\n\n" +
  "Sáng nay, thành phố Hà Nội đưa vào khai thác ba tuyến xe buýt điện mới nối trung tâm với các khu đô thị phía tây. " +
  "Mỗi tuyến có hai mươi xe, chạy từ năm giờ sáng đến mười giờ tối. " +
  "Giá vé được giữ như các tuyến xe buýt thường để người dân dễ chuyển sang. " +
  "Sở Giao thông Vận tải cho biết sẽ theo dõi số hành khách trong ba tháng đầu rồi điều chỉnh tần suất chạy xe.\n";
const LATER =
  "Đà Nẵng trồng thêm cây xanh ven sông Hàn\n\n" +
  "Thành phố Đà Nẵng vừa trồng thêm hai trăm cây xanh dọc hai bờ sông Hàn. " +
  "Các loại cây được chọn chịu được gió biển và ít rụng lá. " +
  "Người dân được mời tham gia chăm sóc cây trong năm đầu tiên.\n";

let app;
let s;
const file = (name) => path.join(WORK, name);

/** Calls command `cmd` from the page; resolves with `{ ok }` or `{ err }`. */
const call = (cmd, args) =>
  s.execAsync(
    `const done = arguments[arguments.length - 1];
     const [cmd, args] = arguments;
     if (args && args.events === "channel") {
       const I = window.__TAURI_INTERNALS__;
       window.__heard = [];
       const id = I.transformCallback((m) => window.__heard.push(m));
       args.events = "__CHANNEL__:" + id;
     }
     window.__TAURI_INTERNALS__.invoke(cmd, args ?? {}).then((ok) => done({ ok: ok ?? null }), (e) => done({ err: e }));`,
    cmd,
    args,
  );

const options = { sentences: null, ratio: null, keywords: 5 };

before(async () => {
  assert.ok(fs.existsSync(APP), `app binary missing: ${APP} (make app-build)`);
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(path.join(WORK, "chosen"), { recursive: true });
  fs.writeFileSync(file("chosen/bai-bao.txt"), ARTICLE);
  fs.writeFileSync(file("sau-do.txt"), LATER);
  fs.writeFileSync(file("id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----\nkhông được đọc\n");
  fs.writeFileSync(file("bi-mat.txt"), ARTICLE);
  // Opened as `tomtat-app chosen/bai-bao.txt`, the way a shell or a desktop
  // file's `Exec=tomtat-app %F` does.
  app = await startApp(APP, { port: PORT, args: [file("chosen/bai-bao.txt")], home: path.join(WORK, "home") });
  s = app.s;
});

after(() => stop(app));

test("a file named on the command line is opened and summarized", async () => {
  const end = Date.now() + 30000;
  let r;
  while (Date.now() < end) {
    r = await s.exec(`return [...document.querySelectorAll("#list li.row")].map((r) => r.dataset.status)`);
    if (r.length === 1 && r[0] === "done") break;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.deepEqual(r, ["done"]);
  const summary = await s.exec(`return [...document.querySelectorAll("#detail ol.sentences .sentence")].map((b) => b.textContent)`);
  assert.ok(summary.length > 0 && summary.every((x) => ARTICLE.includes(x)), JSON.stringify(summary));
});

test("the page cannot read a file nobody chose", async () => {
  await recordAdded(s);
  for (const secret of [file("id_rsa"), file("bi-mat.txt"), WORK, file("chosen/../id_rsa")]) {
    const r = await call("add_paths", { paths: [secret] });
    assert.equal(r.err?.kind, "not_allowed", `add_paths ${secret}: ${JSON.stringify(r)}`);
    const sum = await call("summarize_files", {
      batch: 900,
      files: [{ id: 900, path: secret }],
      options,
      events: "channel",
    });
    assert.equal(sum.err?.kind, "not_allowed", `summarize_files ${secret}: ${JSON.stringify(sum)}`);
  }
  // Nothing was added, and nothing of the secret reached the page.
  assert.deepEqual(await s.exec(`return window.__filesAdded`), []);
  const heard = JSON.stringify(await s.exec(`return window.__heard`));
  assert.ok(!heard.includes("PRIVATE KEY") && !heard.includes("Hà Nội"), heard);
});

test("the file the user opened may be read again", async () => {
  // The control for the test above: the same call with the chosen path works.
  const sum = await call("summarize_files", {
    batch: 901,
    files: [{ id: 901, path: file("chosen/bai-bao.txt") }],
    options,
    events: "channel",
  });
  assert.deepEqual(sum.ok, { done: 1, failed: 0, cancelled: 0 }, JSON.stringify(sum));
  const heard = JSON.stringify(await s.exec(`return window.__heard`));
  assert.ok(heard.includes("xe buýt điện"), heard.slice(0, 300));
});

test("the page cannot plant a file in the saved session for the next start", async () => {
  for (const session of [{ items: [{ path: file("id_rsa") }] }, { recent: [file("bi-mat.txt")] }]) {
    const r = await call("save_session", { session });
    assert.equal(r.err?.kind, "not_allowed", JSON.stringify(r));
  }
  const ok = await call("save_session", { session: { items: [{ path: file("chosen/bai-bao.txt") }] } });
  assert.deepEqual(ok, { ok: null });
});

test("plugin commands the UI does not use are refused", async () => {
  for (const [cmd, args] of [
    ["plugin:dialog|open", { options: {} }],
    ["plugin:clipboard-manager|read_text", {}],
    ["plugin:fs|read_text_file", { path: file("id_rsa") }],
  ]) {
    const r = await call(cmd, args);
    assert.ok(r.err !== undefined, `${cmd}: ${JSON.stringify(r)}`);
    assert.match(JSON.stringify(r.err), /not allowed|not found/i, cmd);
  }
});

test("a second launch hands its file to the window already open", async () => {
  assert.equal(await handOver(s, APP, [file("sau-do.txt")]), 1);
  const end = Date.now() + 30000;
  let names;
  while (Date.now() < end) {
    names = await s.exec(
      `return [...document.querySelectorAll("#list li.row")].filter((r) => r.dataset.status === "done").map((r) => r.textContent)`,
    );
    if (names.some((n) => n.includes("sau-do.txt"))) break;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.ok(names.some((n) => n.includes("sau-do.txt")), JSON.stringify(names));
  // The second launch did not stay: one window, and the file it named is
  // now one the page may read.
  const r = await call("add_paths", { paths: [file("sau-do.txt")] });
  assert.equal(r.ok, 1, JSON.stringify(r));
});

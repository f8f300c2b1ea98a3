// `make bench`, the desktop app (issue 8): how long after launch the window
// is ready, and how long after a drop a big pdf's summary is on screen.
//
//   node tests/benches/app.mjs [PDF]     (under Xvfb; make bench runs it)
//
// Launch: the app is started directly, TRIALS times, with
// TOMTAT_APP_SAY_READY set, and timed from spawn to its "ready" line (the
// window's page has loaded). Drop: through tauri-driver, the PDF is handed
// to the app the way a file manager does (a second launch naming it), three
// times in one window, and timed from its arrival in the page until its row
// is done and the summary sentences are in the window; the first time is
// the cold one.
// Prints a markdown table; exits non-zero only when something fails to
// work, never for being slow (speed targets are read, not asserted).

import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "../e2e/launch.mjs";
import { Session } from "../e2e/webdriver.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const APP = path.resolve(process.env.TOMTAT_APP ?? path.join(ROOT, "target/release/tomtat-app"));
const TRIALS = Number(process.env.TRIALS ?? 5);
const PORT = Number(process.env.TAURI_DRIVER_PORT ?? 27544);
const PDF = process.argv[2];
const GUI = {
  GSETTINGS_BACKEND: "memory",
  WEBKIT_DISABLE_DMABUF_RENDERER: "1",
  WEBKIT_DISABLE_COMPOSITING_MODE: "1",
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function waitFor(what, fn, timeout = 60000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const v = await fn();
    if (v) return v;
    await sleep(5);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Milliseconds from spawning the app to its "ready" line. */
function launchOnce() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const app = spawn(APP, [], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, ...GUI, TOMTAT_APP_SAY_READY: "1" },
    });
    let err = "";
    const timer = setTimeout(() => app.kill("SIGKILL"), 30000);
    app.stderr.on("data", (chunk) => {
      err += chunk;
      if (err.includes("tomtat-app: ready")) {
        const ms = performance.now() - t0;
        app.once("exit", () => (clearTimeout(timer), resolve(ms)));
        app.kill("SIGTERM");
      }
    });
    app.on("exit", (code, sig) => {
      if (!err.includes("tomtat-app: ready")) {
        clearTimeout(timer);
        reject(new Error(`the app exited (${code ?? sig}) before it was ready:\n${err}`));
      }
    });
  });
}

function portOpen(port) {
  return new Promise((resolve) => {
    const sock = net.connect(port, "127.0.0.1");
    sock.on("connect", () => (sock.destroy(), resolve(true)));
    sock.on("error", () => resolve(false));
  });
}

/**
 * Milliseconds from handing `file` to the app to its summary on screen,
 * `times` times in one window (the list cleared in between): the first is
 * the cold one.
 */
async function drops(file, times) {
  const driver = spawn("tauri-driver", ["--port", String(PORT), "--native-port", String(PORT + 1)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...GUI },
  });
  let s;
  try {
    await waitFor("tauri-driver", () => portOpen(PORT), 15000);
    s = await Session.create(`http://127.0.0.1:${PORT}`, { "tauri:options": { application: APP } });
    await waitFor("the UI", () => s.exec(`return document.getElementById("detail")?.dataset.view ?? null`));
    const out = [];
    for (let i = 0; i < times; i++) {
      await s.exec(`document.getElementById("clear").click()`);
      await waitFor("an empty list", () => s.exec(`return document.querySelectorAll("#list li.row").length === 0`));
      // Timed inside the page: from the moment the files reach it (a second
      // launch hands them over, as a file manager does: the page may not
      // name files itself) to the first frame that shows the summary, so
      // WebDriver's round trips and the second launch do not count.
      await s.execAsync(
        `const done = arguments[arguments.length - 1];
         window.__bench = null;
         const shown = (t0) => {
           const row = document.querySelector("#list li.row");
           const d = document.getElementById("detail");
           if (row && row.dataset.status === "error") return (window.__bench = { error: row.querySelector(".status").textContent });
           if (row && row.dataset.status === "done" && d.dataset.view === "one"
               && d.querySelectorAll("button.sentence").length > 0) {
             return (window.__bench = { ms: performance.now() - t0 });
           }
           requestAnimationFrame(() => shown(t0));
         };
         const I = window.__TAURI_INTERNALS__;
         if (window.__benchListening) return done(true);
         window.__benchListening = true;
         const handler = I.transformCallback(() => { const t0 = performance.now(); requestAnimationFrame(() => shown(t0)); });
         I.invoke("plugin:event|listen", { event: "files-added", target: { kind: "Any" }, handler }).then(() => done(true));`,
      );
      const second = await launch(APP, [path.resolve(file)]);
      if (second.code !== 0) throw new Error(`second launch: ${second.stderr}`);
      const r = await waitFor("the summary", () => s.exec(`return window.__bench`));
      if (r.error) throw new Error(`${file}: ${r.error}`);
      out.push(r.ms);
    }
    return out;
  } finally {
    if (s) await s.delete().catch(() => {});
    driver.kill();
  }
}

if (!fs.existsSync(APP)) {
  console.error(`app binary missing: ${APP}`);
  process.exit(1);
}
const launches = [];
for (let i = 0; i < TRIALS; i++) launches.push(await launchOnce());
console.log(`app: ${path.relative(ROOT, APP)}, median of ${TRIALS}`);
console.log("| figure | value | goal |");
console.log("|---|---|---|");
console.log(
  `| window ready after launch | ${median(launches).toFixed(0)} ms (slowest ${Math.max(...launches).toFixed(0)} ms) | < 1000 ms |`,
);
if (PDF) {
  const ms = await drops(PDF, 3);
  const mb = (fs.statSync(PDF).size / 1e6).toFixed(1);
  console.log(
    `| ${path.basename(PDF)} (${mb} MB) summarized after the drop | ${ms[0].toFixed(0)} ms cold, then ${ms
      .slice(1)
      .map((x) => x.toFixed(0))
      .join(", ")} ms | < 1000 ms |`,
  );
}
process.exit(0);

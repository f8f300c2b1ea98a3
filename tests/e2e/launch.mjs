// Hands files to the running app the way a file manager's "Open with" does:
// a second `tomtat-app FILE...`, which passes them to the window already
// open (single instance, over the D-Bus session bus) and exits. The page
// cannot name files itself: the app reads only what the user handed over.

import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Session } from "./webdriver.mjs";

const GUI = {
  GSETTINGS_BACKEND: "memory",
  WEBKIT_DISABLE_DMABUF_RENDERER: "1",
  WEBKIT_DISABLE_COMPOSITING_MODE: "1",
};

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` every 100 ms until it returns something truthy, and returns that. */
export async function waitFor(what, fn, timeout = 20000) {
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
 * Saves a screenshot of session `s` to `file`. WebKit takes it at the next
 * repaint, and an idle page under Xvfb does not repaint, so the page is
 * nudged (an opacity change no one can see) until the picture arrives.
 */
export async function screenshot(s, file) {
  let png = null;
  const pending = s.screenshot().then((b) => (png = b));
  for (let i = 0; i < 100 && png === null; i++) {
    await Promise.race([pending, sleep(200)]);
    if (png === null) await s.exec(`document.body.style.opacity = document.body.style.opacity ? "" : "0.999"`);
  }
  await pending;
  await s.exec(`document.body.style.opacity = ""`);
  fs.writeFileSync(file, png);
}

const LOGS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../tests/out/e2e-logs");

/**
 * Where a tauri-driver (and the app it starts) writes: a file in
 * tests/out/e2e-logs/, never the runner's own output. A process that
 * outlived its test while holding the runner's output open would keep
 * the run from ending.
 */
export function driverLog(name) {
  fs.mkdirSync(LOGS, { recursive: true });
  return fs.openSync(path.join(LOGS, `${name}.log`), "a");
}

/**
 * Makes the page record every `files-added` event in `window.__filesAdded`
 * (once per page load); resolves when the listener is in place.
 */
export async function recordAdded(s) {
  const r = await s.execAsync(
    `const done = arguments[arguments.length - 1];
     if (window.__filesAdded) return done(true);
     window.__filesAdded = [];
     const I = window.__TAURI_INTERNALS__;
     const handler = I.transformCallback((e) => window.__filesAdded.push(e.payload));
     I.invoke("plugin:event|listen", { event: "files-added", target: { kind: "Any" }, handler })
       .then(() => done(true), (e) => done("error: " + JSON.stringify(e)));`,
  );
  if (r !== true) throw new Error(`cannot listen for files-added: ${r}`);
}

/** Runs `app FILE...` and resolves with its exit, stdout and stderr. */
export function launch(app, args, env = {}) {
  return new Promise((resolve) => {
    execFile(app, args, { env: { ...process.env, ...GUI, ...env }, timeout: 30000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code ?? error.signal) : 0, stdout, stderr }),
    );
  });
}

/**
 * Opens `paths` in the running app with a second launch; resolves with the
 * number of files the app added (a folder counts its files).
 */
export async function handOver(s, app, paths, timeout = 30000) {
  await recordAdded(s);
  const before = await s.exec(`return window.__filesAdded.length`);
  const run = await launch(app, paths);
  if (run.code !== 0) throw new Error(`${app} ${paths.join(" ")} exited with ${run.code}:\n${run.stderr}`);
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const got = await s.exec(`const a = window.__filesAdded; return a.length > arguments[0] ? a[arguments[0]] : null`, before);
    if (got) return got.length;
    await sleep(50);
  }
  throw new Error(`the running app did not add ${paths.join(" ")}`);
}

function portOpen(port) {
  return new Promise((resolve) => {
    const sock = net.connect(port, "127.0.0.1");
    sock.on("connect", () => (sock.destroy(), resolve(true)));
    sock.on("error", () => resolve(false));
  });
}

/**
 * Starts tauri-driver on `port` (and its native driver on `port + 1`);
 * resolves with the driver's process once both ports are open. `home` (a
 * folder) keeps the app's data (its saved session) apart from other runs;
 * `env` adds to the environment (`GTK_THEME` for a dark window). The test
 * files' ports lie below 32768: Linux gives client sockets ports from
 * 32768 to 60999, and a connection to one driver once held the next
 * driver's fixed port there (`47946 taken`).
 */
export async function startDriver(port, { home, env = {}, log = `driver-${port}` } = {}) {
  const xdg = home
    ? { XDG_DATA_HOME: `${home}/data`, XDG_CONFIG_HOME: `${home}/config`, XDG_CACHE_HOME: `${home}/cache` }
    : {};
  const out = driverLog(log);
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], {
    stdio: ["ignore", out, out],
    // Its own process group: `stop` ends it with the WebKitWebDriver and
    // the app it started. An app left running holds the runner's output
    // open, and the run never ends.
    detached: true,
    env: { ...process.env, ...GUI, ...xdg, ...env },
  });
  // A start that fails ends its driver: one left behind holds its port
  // (the next driver there would fail, and its tests talk to this one)
  // and keeps the test file's process, and so the run, from ending.
  try {
    const end = Date.now() + 15000;
    // Its own port, and the native driver's that it starts and hands
    // sessions to: a session asked for before the second is open is
    // dropped ("other side closed").
    while (!(await portOpen(port)) || !(await portOpen(port + 1))) {
      if (driver.exitCode !== null || driver.signalCode !== null) throw new Error(`tauri-driver ended (port ${port} taken?)`);
      if (Date.now() > end) throw new Error("tauri-driver did not start");
      await sleep(100);
    }
  } catch (e) {
    await stop({ driver });
    throw e;
  }
  return driver;
}

/**
 * Starts the app `app` (with `args`) in a new WebDriver session of the
 * driver on `port`; resolves with the session once the UI is drawn.
 */
export async function openSession(port, app, args = []) {
  let s;
  // A connection the driver drops before it answers (its native driver
  // still starting) is asked again, twice at most.
  for (let tries = 1; ; tries++) {
    try {
      s = await Session.create(`http://127.0.0.1:${port}`, { "tauri:options": { application: app, args } });
      break;
    } catch (e) {
      if (tries >= 3 || e?.cause?.code !== "UND_ERR_SOCKET") throw e;
      await sleep(500);
    }
  }
  try {
    await waitFor("the UI to draw", () => s.exec(`return document.getElementById("detail")?.dataset.view ?? null`));
  } catch (e) {
    await s.delete().catch(() => {});
    throw e;
  }
  return s;
}

/**
 * Starts a driver on `port` and the app in a session of it (see
 * `startDriver` and `openSession`); resolves with `{ driver, s }`. `stop`
 * ends both.
 */
export async function startApp(app, { port, args = [], home, env = {}, log = `driver-${port}` }) {
  const driver = await startDriver(port, { home, env, log });
  try {
    return { driver, s: await openSession(port, app, args) };
  } catch (e) {
    await stop({ driver });
    throw e;
  }
}

export async function stop(app) {
  if (app?.s) await app.s.delete().catch(() => {});
  const driver = app?.driver;
  if (!driver) return;
  const running = driver.exitCode === null && driver.signalCode === null;
  // Wait for it to go, so that the next file's driver gets the port.
  const gone = running ? new Promise((r) => driver.once("exit", r)) : null;
  try {
    // The whole group, even when the driver itself has ended already.
    process.kill(-driver.pid, "SIGKILL");
  } catch {
    if (running) driver.kill("SIGKILL");
  }
  await gone;
}

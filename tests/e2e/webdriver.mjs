// A minimal W3C WebDriver client over fetch: just what the e2e test uses.

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async create(base, capabilities) {
    const value = await request(base, "POST", "/session", { capabilities: { alwaysMatch: capabilities } });
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  delete() {
    return request(this.base, "DELETE", `/session/${this.id}`);
  }

  /** Runs `script` (a function body) in the page with `args`. */
  exec(script, ...args) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  /** Runs `script`; it calls `arguments[arguments.length - 1]` with the result. */
  execAsync(script, ...args) {
    return this.cmd("POST", "/execute/async", { script, args });
  }

  async find(css) {
    const value = await this.cmd("POST", "/element", { using: "css selector", value: css });
    if (!value[ELEMENT]) throw new Error(`no element for ${css}: ${JSON.stringify(value)}`);
    return value[ELEMENT];
  }

  /**
   * Clicks the element. An element that is moving (the page is still in a
   * smooth scroll) is "not interactable" for WebDriver, though a person's
   * click would land: it is tried again for up to 3 s.
   */
  async click(css) {
    const end = Date.now() + 3000;
    for (;;) {
      const el = await this.find(css);
      try {
        await this.cmd("POST", `/element/${el}/click`, {});
        return;
      } catch (e) {
        if (!/not interactable/.test(String(e)) || Date.now() > end) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  async text(css) {
    const el = await this.find(css);
    return this.cmd("GET", `/element/${el}/text`);
  }

  /** The page as PNG bytes. */
  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }

  /**
   * Moves a real mouse through WebDriver's input actions: `steps` are
   * [x, y] viewport points to move to, "down" and "up".
   */
  mouse(steps) {
    const actions = steps.map((x) =>
      x === "down" || x === "up"
        ? { type: x === "down" ? "pointerDown" : "pointerUp", button: 0 }
        : { type: "pointerMove", origin: "viewport", x: Math.round(x[0]), y: Math.round(x[1]), duration: 50 },
    );
    return this.cmd("POST", "/actions", {
      actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions }],
    });
  }

  /** Types keys through WebDriver's input actions (e.g. "\uE009" for Control held). */
  keys(down, key) {
    const actions = [
      ...down.map((k) => ({ type: "keyDown", value: k })),
      { type: "keyDown", value: key },
      { type: "keyUp", value: key },
      ...down.reverse().map((k) => ({ type: "keyUp", value: k })),
    ];
    return this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] });
  }

  windowRect() {
    return this.cmd("GET", "/window/rect");
  }
}

async function request(base, method, path, body) {
  if (process.env.E2E_DEBUG) console.error(new Date().toISOString(), method, path, JSON.stringify(body ?? "").slice(0, 120));
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) {
    throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
  }
  return json.value;
}

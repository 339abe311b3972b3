// E2E harness: the real sync server (spawned as `npm start` runs it, on a free loopback port with
// a DATA_DIR of its own holding a copy of the seeded demo team), the built web app it serves at /app,
// and Debian's Chromium through playwright-core.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ensureServerBuild, newestMtime } from '../../sync-server/scripts/server-build.mjs';
import { copyTemplate, dataTemplate, onFreePort, PortTaken } from '@app/shared/testing';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
const desktopDir = resolve(import.meta.dirname, '..');
const repoDir = resolve(desktopDir, '..');
/**
 * Where the e2e run saves its screenshots: the README's `docs/screens/` only when asked
 * (`E2E_SCREENS=docs`, see `npm run screens -w desktop`), so a test run leaves the tree clean.
 */
export const screensDir =
  process.env.E2E_SCREENS === 'docs'
    ? join(desktopDir, 'docs', 'screens')
    : join(tmpdir(), 'sales-workspace-e2e-screens');

/** The sources the web build is made of: a build older than any of them is stale. */
const buildInputs = [
  join(desktopDir, 'src'),
  join(repoDir, 'shared', 'src'),
  join(desktopDir, 'vite.renderer.ts'),
  join(desktopDir, 'electron.vite.config.ts'),
];
const builtIndex = join(desktopDir, 'out', 'renderer', 'index.html');
const buildLock = join(desktopDir, 'out.build-lock');

export function webBuildIsFresh(): boolean {
  if (!existsSync(builtIndex)) return false;
  const built = statSync(builtIndex).mtimeMs;
  return buildInputs.every((p) => newestMtime(p) <= built);
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds the web app the server serves at /app when it is missing or older than its sources. The e2e
 * files run in parallel: one builds under a lock (an atomic mkdir) while the others wait for it and
 * then find the build fresh, so no file's server ever serves a build another file is rewriting.
 */
export function ensureWebBuild() {
  if (webBuildIsFresh()) return;
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(buildLock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // Gone since (its holder finished): try again. Older than any build (its holder died): taken over.
      const lock = statSync(buildLock, { throwIfNoEntry: false });
      if (!lock) continue;
      if (Date.now() - lock.mtimeMs > 5 * 60_000) {
        rmSync(buildLock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`the desktop build lock ${buildLock} was held too long`);
      sleepSync(500);
    }
  }
  try {
    // Another file may have built while this one waited.
    if (webBuildIsFresh()) return;
    const r = spawnSync(process.execPath, [join(desktopDir, 'scripts', 'electron-vite.mjs'), 'build'], {
      cwd: desktopDir,
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error('desktop build failed');
  } finally {
    rmSync(buildLock, { recursive: true, force: true });
  }
}

export type TestServer = {
  url: string;
  email: string;
  password: string;
  /** The last lines the server wrote (warnings and errors at LOG_LEVEL=warn), for a failure's message. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
};

export type StartOptions = {
  /**
   * Start through sync-server/test/loopback-server-cli.ts instead of main.ts: the same server, whose
   * teams' webhook tools and MCP servers may reach fakes on 127.0.0.1 (a test-only start option).
   */
  loopbackIntegrations?: boolean;
};

/** The environment every e2e server runs with (before a file's own). */
function serverEnv(port: number, dataDir: string, extraEnv: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    // The fake model and mail servers of these tests listen on loopback: opened explicitly, as an
    // operator opens a local model server (SECURITY.md, outbound connections).
    OUTBOUND_ALLOW_PRIVATE: '127.0.0.1',
    // Sign-ups answer at once (their fixed answer time is sync-server's auth-timing.test.ts).
    SIGNUP_ANSWER_MS: '0',
    // The embedded store in the server's process: one Node start less per file (a third of the
    // server's start on two cores). Its own process, the default, is sync-server's
    // store-process.test.ts's and the benchmarks' subject.
    EMBEDDED_STORE: 'inline',
    ...extraEnv,
  };
}

type Spawned = { child: ChildProcess; output: () => string; stop(): Promise<void> };

/**
 * spawnServer on a port free just before, and on another one when it was taken meanwhile (files run
 * side by side, each opening listeners of its own; @app/shared/testing's onFreePort). The output so
 * far is kept: a start that seeded the demo printed its login once.
 */
async function spawnOnFreePort(
  entry: string,
  dataDir: string,
  extraEnv: Record<string, string>,
  login: boolean,
): Promise<Spawned & { email: string; password: string; port: number }> {
  let earlier = '';
  return onFreePort(async (port) => {
    try {
      return { port, ...(await spawnServer(entry, port, dataDir, extraEnv, login, earlier)) };
    } catch (e) {
      if (e instanceof PortTaken) earlier = e.output;
      throw e;
    }
  });
}

/**
 * Starts the server's bundle on `dataDir` and waits until it answers /healthz and, when `login` is
 * asked for, has printed the demo login (a first start seeding the demo team prints it once).
 */
async function spawnServer(
  entry: string,
  port: number,
  dataDir: string,
  extraEnv: Record<string, string>,
  login: boolean,
  earlierOutput = '',
): Promise<Spawned & { email: string; password: string }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.E2E_SERVER_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.E2E_SERVER_PROF}`] : []),
      entry,
    ],
    {
      cwd: repoDir,
      env: serverEnv(port, dataDir, extraEnv),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = earlierOutput;
  // Bounded: a long file's warnings must not grow without end.
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-200_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => {
      const t = setTimeout(() => {
        child.kill('SIGKILL');
        r(null);
      }, 10_000);
      child.once('exit', () => {
        clearTimeout(t);
        r(null);
      });
    });
  };
  const deadline = Date.now() + 60_000;
  let email = '';
  let password = '';
  let up = false;
  while (Date.now() < deadline) {
    const e = /e-mail:\s+(\S+)/.exec(out);
    const p = /password:\s+(\S+)/.exec(out);
    if (e && p) [email, password] = [e[1]!, p[1]!];
    if (email || !login) {
      up = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5_000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
    }
    if (child.exitCode !== null) {
      if (out.includes('EADDRINUSE')) throw new PortTaken(port, out);
      throw new Error(`sync server exited:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!up) {
    child.kill('SIGKILL');
    throw new Error(`sync server did not start in time:\n${out}`);
  }
  return { child, output: () => out, stop, email, password };
}

/**
 * The seeded demo team, made once per server bundle (and after 20 minutes) and copied into each file's
 * data folder: seeding was two thirds of a server's start, 6 of 9 s (shared/src/testing/data-template.ts).
 * The copy is as the server left it on a clean stop, with its login.
 */
const TEMPLATE_INSTANCE = 'demo-template';

function demoTemplate(entry: string) {
  return dataTemplate({
    name: 'sw-e2e-demo',
    key: String(statSync(entry).mtimeMs),
    maxAgeMs: 20 * 60_000,
    async make(dir) {
      const seeding = await spawnOnFreePort(entry, dir, { INSTANCE_ID: TEMPLATE_INSTANCE }, true);
      await seeding.stop();
      return { email: seeding.email, password: seeding.password };
    },
  });
}

export async function startSyncServer(
  extraEnv: Record<string, string> = {},
  opts: StartOptions = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sw-e2e-'));
  // The server's bundle, as `npm start` runs it (sync-server/scripts/server-build.mjs): one file to load,
  // not the sources one by one through tsx's loader.
  const entry = await ensureServerBuild(opts.loopbackIntegrations ? 'loopback-server' : 'server');
  // A file that sets the seeding itself starts on an empty folder; every other one on the demo's copy.
  const seeded = extraEnv.SEED_DEMO === undefined;
  const template = seeded ? await demoTemplate(await ensureServerBuild('server')) : undefined;
  if (template) copyTemplate(template, dataDir);
  let server: Awaited<ReturnType<typeof spawnOnFreePort>>;
  try {
    // The seeding instance's id: its leases in the copy are this server's at once, as after a restart.
    const env = template ? { INSTANCE_ID: TEMPLATE_INSTANCE, ...extraEnv } : extraEnv;
    server = await spawnOnFreePort(entry, dataDir, env, !template);
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  return {
    url: `http://127.0.0.1:${server.port}`,
    email: template?.info.email ?? server.email,
    password: template?.info.password ?? server.password,
    logTail: (lines = 40) => server.output().split('\n').slice(-lines).join('\n'),
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A Chromium of its own (closed by its close()), for a process that is not an e2e worker: the desktop benchmark. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The worker's Chromium, launched by the first file that asks and kept for the files after it. */
let workerBrowser: Promise<Browser> | undefined;

/**
 * A browser for one file: the worker's Chromium (the e2e files of a worker run one after the other in
 * one module graph, vitest.groups.ts), whose `close()` closes only the contexts this file opened, so
 * the next file starts on a clean browser without paying for a launch (a launch and its first page
 * cost Chromium about 2 s of CPU). Contexts share nothing: each has its own storage, cache and
 * service workers. A browser that crashed or was disconnected is launched again.
 */
export async function launchBrowser(): Promise<Browser> {
  let browser = await (workerBrowser ??= launchChromium());
  if (!browser.isConnected()) {
    workerBrowser = launchChromium();
    browser = await workerBrowser;
  }
  return leaseOf(browser);
}

function leaseOf(browser: Browser): Browser {
  const opened = new Set<BrowserContext>();
  const track = (context: BrowserContext) => {
    opened.add(context);
    context.once('close', () => opened.delete(context));
    return context;
  };
  const lease: Partial<Browser> = {
    // Service workers only where a file asks for them (the offline files): the app's worker precaches
    // the whole app on the first visit, a third of a sign-in's CPU (11.5 s of Chromium and server CPU
    // with it, 8 s without, measured with /proc per thread), which no other file looks at.
    newContext: async (options) => track(await browser.newContext({ serviceWorkers: 'block', ...options })),
    // Browser.newPage's page owns its context, which closes with it.
    newPage: async (options) => {
      const context = await lease.newContext!(options);
      const page = await context.newPage();
      page.once('close', () => void context.close());
      return page;
    },
    contexts: () => [...opened],
    close: async () => {
      await Promise.allSettled([...opened].map((c) => c.close()));
      opened.clear();
    },
  };
  return new Proxy(browser, {
    get(target, prop) {
      if (prop in lease) return lease[prop as keyof Browser];
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * A context in the e2e files' usual window; `serviceWorkers: 'allow'` where a file tests the app's
 * offline start (a worker's browser blocks them otherwise, `launchBrowser`).
 */
export async function newContext(
  browser: Browser,
  locale = 'en-US',
  options: { serviceWorkers?: 'allow' | 'block' } = {},
): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1360, height: 860 }, locale, ...options });
}

export async function signIn(
  page: Page,
  server: TestServer,
  email = server.email,
  password = server.password,
) {
  await page.goto(`${server.url}/app/`);
  if (process.env.E2E_DEBUG) await page.evaluate(() => localStorage.setItem('sw.bench', '1'));
  await page.fill('input[name=server]', server.url);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('[data-testid=signin-submit]');
  await waitOnline(page);
}

/**
 * Waits for the device's first sync after a sign-in to end (the sync badge "online"). A minute: the
 * first pull writes the demo team's ~650 docs into IndexedDB, some 10 s of a core, and two e2e files
 * share two cores, so its tail under load is well past the 10 s it takes alone. On a timeout the error
 * says what the page showed instead (the badge's state and text, or the sign-in form's error), so a
 * failure in a beforeAll tells why.
 */
export async function waitOnline(page: Page, timeout = 60_000) {
  try {
    await page.waitForSelector('[data-testid=sync-status][data-state=online]', { timeout });
  } catch (e) {
    const seen = page
      .evaluate(() => {
        const badge = document.querySelector('[data-testid=sync-status]');
        const alert = document.querySelector('[role=alert]');
        return [
          `at ${location.hash || location.pathname}`,
          badge ? `sync badge "${badge.getAttribute('data-state')}": ${badge.textContent}` : 'no sync badge',
          alert?.textContent ? `alert: ${alert.textContent}` : '',
        ]
          .filter(Boolean)
          .join('; ');
      })
      .catch((err: unknown) => `the page could not be read: ${String(err)}`);
    // A page busy past the wait may not answer the read either: the error must not wait for it.
    const said = await within('reading the page', 5_000, seen).catch((err: unknown) => String(err));
    throw new Error(`not online ${timeout / 1000} s after signing in (${said})`, { cause: e });
  }
}

/** A browser with one page signed in to `server` in the given browser language (most files' start). */
export async function signedInPage(
  server: TestServer,
  locale = 'en-US',
): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await launchBrowser();
  try {
    // Bounded: a browser that no longer answers would hold the file's beforeAll until its own timeout
    // with no word of why.
    const context = await within('opening a browser context', 30_000, newContext(browser, locale));
    const page = await within('opening a page', 30_000, context.newPage());
    await signIn(page, server);
    return { browser, context, page };
  } catch (e) {
    await within('closing the contexts', 10_000, browser.close()).catch(() => undefined);
    throw e;
  }
}

/** A team's owner: who registered it, to sign in with. */
export type TeamOwner = { email: string; password: string };

/**
 * A team of its own on `server`, registered as a new customer would (the server's demo team has
 * conversations, products and deals of its own), and an API client signed in as its owner.
 */
export async function registerTeam(
  server: TestServer,
  teamName: string,
  owner: TeamOwner = {
    email: `owner-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`,
    password: 'correct horse battery staple 42',
  },
): Promise<TeamOwner & { api: ApiClient }> {
  const res = await fetch(`${server.url}/api/v1/auth/register`, {
    signal: AbortSignal.timeout(60_000),
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ teamName, email: owner.email, password: owner.password }),
  });
  if (res.status !== 202) throw new Error(`registering ${teamName}: ${res.status} ${await res.text()}`);
  return { ...owner, api: await apiClient(server, owner.email, owner.password) };
}

/** A new page of `browser` (its own context) signed in to `server` as `who` (the demo admin if none). */
export async function signedInTab(
  browser: Browser,
  server: TestServer,
  who: TeamOwner = server,
  locale = 'en-US',
): Promise<Page> {
  const page = await (await newContext(browser, locale)).newPage();
  await signIn(page, server, who.email, who.password);
  return page;
}

/** `signedInPage` in Russian (browser language and the app's own switch), on Settings: the cards' tests' start. */
export async function russianSettingsPage(server: TestServer) {
  const signed = await signedInPage(server, 'ru-RU');
  await signed.page.selectOption('[data-testid=language]', 'ru');
  await signed.page.goto(`${server.url}/app/#/settings`);
  return signed;
}

/**
 * The latest toast that a settings card's success showed (components/ui/Toast's data-source is the
 * card's notice test id, e.g. `members-notice`); the card keeps only its errors inline.
 */
export const toastFrom = (page: Page, source: string): Locator =>
  page.locator(`[data-testid=toast][data-source="${source}"]`).last();
/** That toast's text (without its close button's ×). */
export const toastText = (page: Page, source: string) =>
  toastFrom(page, source).locator('.toast-text').textContent();
/**
 * The last toast of `source` as it is now, read in one step (its text without the ×, its kind, its mark's
 * colour), or null when none is shown: a success toast leaves after 4 s, and a locator read after it left
 * waits out Playwright's 30 s for it (on a loaded machine the steps between two reads can take that long).
 */
export const toastNow = (page: Page, source: string) =>
  page.evaluate((src) => {
    const all = document.querySelectorAll<HTMLElement>(`[data-testid=toast][data-source="${src}"]`);
    const el = all[all.length - 1];
    if (!el) return null;
    return {
      text: el.querySelector('.toast-text')?.textContent ?? '',
      kind: el.getAttribute('data-kind'),
      mark: getComputedStyle(el).borderLeftColor,
    };
  }, source);

/** Closes what a file started, each even when another fails to close (afterAll). */
export async function closeAll(
  ...parts: Array<{ close(): Promise<unknown> } | { stop(): Promise<unknown> } | undefined>
) {
  await Promise.allSettled(parts.map((p) => (p ? ('stop' in p ? p.stop() : p.close()) : undefined)));
}

/**
 * HTML5 drag and drop as a rep's mouse makes it: press on the source's edge (a card's title is a
 * link), move to the target's centre in steps (each step a dragover, as a real pointer sends), release.
 */
export async function dragAndDrop(page: Page, source: Locator, target: Locator) {
  await target.scrollIntoViewIfNeeded();
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  if (!from) throw new Error('the drag source is not visible');
  await page.mouse.move(from.x + 4, from.y + 4);
  await page.mouse.down();
  const to = await target.boundingBox();
  if (!to) throw new Error('the drop target is not visible');
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 120), { steps: 8 });
  await page.mouse.up();
}

/**
 * Drags `source` onto `target` until `moved()` says the drop took. HTML5 drag and drop in headless
 * Chromium now and then loses a drop made as the board renders (seen in CI): the drag is made again,
 * up to three times, while the card has not moved. Moving a card onto the column it is in changes nothing.
 */
export async function dragUntilMoved(
  page: Page,
  source: Locator,
  target: Locator,
  moved: () => Promise<boolean>,
): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await dragAndDrop(page, source, target);
    for (let waited = 0; waited < 3_000; waited += 250) {
      if (await moved()) return;
      await page.waitForTimeout(250);
    }
  }
}

/**
 * Clicks `button` and gives the file chooser it opens `files`. A click made as the screen settles
 * after a reload now and then opens no chooser in headless Chromium (seen in CI: 30 s without one):
 * the click is made again, up to three times, while no chooser came within 8 s.
 */
export async function chooseFiles(
  page: Page,
  button: Locator,
  files: { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const chooser = page.waitForEvent('filechooser', { timeout: 8_000 });
    await button.click();
    try {
      await (await chooser).setFiles(files);
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

/** `promise`, or an error naming `what` once `ms` have passed without it. */
export function within<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** What `apiClient` gives: `call` for the HTTP API, `getDoc`/`putDocs` for the sync gateway. */
export type ApiClient = Awaited<ReturnType<typeof apiClient>>;

/** A client of the HTTP API and the sync gateway, standing in for other parts of the system. */
export async function apiClient(server: TestServer, email = server.email, password = server.password) {
  // Every call bounded, so a server that stops answering fails the test with the call it hung on.
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    signal: AbortSignal.timeout(60_000),
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      signal: AbortSignal.timeout(60_000),
      method,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : null;
  };
  return {
    call,
    async getDoc<T = Record<string, unknown>>(
      collection: string,
      id: string,
    ): Promise<(T & { _rev: string }) | null> {
      const r = (await call('POST', `/sync/${collection}/_all_docs`, { keys: [id], include_docs: true })) as {
        rows: { doc?: T & { _rev: string } }[];
      };
      return r.rows[0]?.doc ?? null;
    },
    async putDocs(collection: string, docs: Record<string, unknown>[]) {
      const r = (await call('POST', `/sync/${collection}/_bulk_docs`, {
        docs: docs.map(({ id, ...rest }) => ({ _id: id, ...rest })),
      })) as { ok?: boolean; error?: string; reason?: string }[];
      const failed = r.filter((x) => x.error);
      if (failed.length) throw new Error(`bulk_docs ${collection}: ${JSON.stringify(failed)}`);
    },
  };
}

export async function waitFor<T>(
  what: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await what();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 250));
  }
}

// A rep's edit reaches the linked service, end to end in Chromium: the real sync server (loopback let
// through its SSRF guard, the task tracker's API root pointed at a fake: sync-server/test/
// loopback-server-cli.ts), the team's Asana connected through the API, a task an agent made and linked
// to an Asana task. The user marks it done on the Tasks screen with one click; the app's replication
// carries it to the server, which sends Asana's documented update: PUT /api/1.0/tasks/<gid> with
// `{ data: { completed: true } }` and the token. The task stays done in the app.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  closeAll,
  ensureWebBuild,
  hasChromium,
  signedInPage,
  startSyncServer,
  waitFor,
  type TestServer,
} from './harness';

const ASANA_TOKEN = '2/1200000000000001/1200000000000002:e2easanapat';
const GID = '1200000000424242';
const TITLE = 'Send Maria the signed offer';

type Seen = { method: string; path: string; headers: IncomingHttpHeaders; json: unknown };

/** Asana's task API as documented: `{ data }` answers, the bearer token required. */
async function startFakeAsana(): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  let completed = false;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const json: unknown = text ? JSON.parse(text) : undefined;
      seen.push({ method: req.method!, path, headers: req.headers, json });
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${ASANA_TOKEN}`)
        return send(401, { errors: [{ message: 'Not Authorized' }] });
      if (path !== `/api/1.0/tasks/${GID}`) return send(404, { errors: [{ message: 'Unknown object' }] });
      if (req.method === 'PUT') {
        const data = (json as { data?: { completed?: boolean } } | undefined)?.data;
        if (!data) return send(400, { errors: [{ message: 'data: Missing input' }] });
        if (typeof data.completed === 'boolean') completed = data.completed;
      }
      send(200, { data: { gid: GID, completed } });
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

describe.skipIf(!hasChromium)('a task done in the app is done in Asana', () => {
  let server: TestServer;
  let asana: Awaited<ReturnType<typeof startFakeAsana>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    asana = await startFakeAsana();
    server = await startSyncServer({ TEST_SERVICES_URL: asana.url }, { loopbackIntegrations: true });
    const admin = await apiClient(server);
    await admin.call('PUT', '/api/v1/integrations/asana', { projectId: '1201', token: ASANA_TOKEN });
    const at = new Date().toISOString();
    const dueAt = new Date(Date.now() - 3_600_000).toISOString();
    await admin.putDocs('tasks', [
      {
        id: 'task-e2e-asana',
        title: TITLE,
        status: 'open',
        dueAt,
        createdBy: { kind: 'agent', name: 'answer' },
        createdAt: at,
        updatedAt: at,
        external: {
          provider: 'asana',
          externalId: GID,
          url: `https://app.asana.com/0/1201/${GID}`,
          syncedAt: at,
          synced: { title: TITLE, status: 'open', dueAt },
        },
      },
    ]);
    ({ browser, page } = await signedInPage(server));
  }, 120_000);

  afterAll(async () => {
    await closeAll(browser, server, asana);
  });

  it('one click on the task’s checkbox: Asana gets PUT /api/1.0/tasks/<gid> completed', async () => {
    await page.goto(`${server.url}/app/#/tasks`);
    await page.locator('[data-testid=tasks-screen]').waitFor();
    await page.locator('[data-testid=tasks-scope-team]').click();
    await page.locator('[data-testid=tasks-tab-overdue]').click();
    const row = page.locator('[data-testid=task-row]', { hasText: TITLE });
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('checkbox', { name: `Mark “${TITLE}” done` }).click();

    const put = await waitFor(
      async () => asana.seen.find((r) => r.method === 'PUT' && r.path === `/api/1.0/tasks/${GID}`),
      30_000,
    );
    expect(put.headers.authorization).toBe(`Bearer ${ASANA_TOKEN}`);
    expect(put.json).toEqual({ data: { completed: true } });
    expect(asana.seen.filter((r) => r.method === 'PUT')).toHaveLength(1);
  }, 90_000);
});

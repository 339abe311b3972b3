// The deals table's filters and bulk move (issue 64), in Chromium against the real sync server: six deals
// of our own beside the demo's, owned by the signed-in admin, another rep or nobody, in two stages. The
// table filters them by stage, owner and text (title or company) and counts what it shows; a row the
// filters hide leaves the selection; several rows selected move to a stage in one go; after a reload the
// server, the table and the board agree on where they are. In English, then the filters in Russian.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  closeAll,
  ensureWebBuild,
  hasChromium,
  signedInPage,
  startSyncServer,
  type TestServer,
} from './harness';

type Member = { id: string; email: string };

describe.skipIf(!hasChromium)('the deals table: filters by stage, owner and text, and a bulk move', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: Awaited<ReturnType<typeof apiClient>>;
  let me: Member;
  let other: Member;
  const at = new Date().toISOString();

  /** Our deals: `tbl-1`…`tbl-6`, scored high so the board shows them at the top of their column. */
  const deals = (mine: string, theirs: string) => [
    { id: 'tbl-1', title: 'Orbit table deal one', stage: 'new', ownerId: mine },
    { id: 'tbl-2', title: 'Orbit table deal two', stage: 'new', ownerId: mine, company: 'Zephyr Lab' },
    { id: 'tbl-3', title: 'Orbit table deal three', stage: 'new', ownerId: mine },
    { id: 'tbl-4', title: 'Orbit table deal four', stage: 'new', ownerId: theirs },
    { id: 'tbl-5', title: 'Orbit table deal five', stage: 'qualified', ownerId: mine },
    { id: 'tbl-6', title: 'Orbit table deal six', stage: 'new' },
  ];

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    api = await apiClient(server);
    const members = ((await api.call('GET', '/api/v1/members')) as { items: Member[] }).items;
    me = members.find((m) => m.email === server.email)!;
    other = members.find((m) => m.id !== me.id)!;
    expect(other, 'the demo team has a second member').toBeDefined();
    await api.putDocs(
      'leads',
      deals(me.id, other.id).map((d, i) => ({
        ...d,
        pipelineId: 'default',
        score: { value: 95 + i / 10, reasons: [] },
        source: { channel: 'manual' },
        createdAt: at,
        updatedAt: at,
      })),
    );
    ({ browser, page } = await signedInPage(server));
  }, 180_000);

  afterAll(() => closeAll(browser, server), 30_000);

  const titles = async () =>
    (await page.locator('[data-testid=lead-row] a').allTextContents()).filter((t) => t.startsWith('Orbit'));
  const shownCount = () => page.locator('[data-testid=leads-shown]').textContent();
  const openTable = async () => {
    await page.evaluate(() => localStorage.setItem('sw.leadsView', 'table'));
    await page.goto(`${server.url}/app/#/leads`);
    await page.locator('[data-testid=lead-row]').first().waitFor({ timeout: 30_000 });
  };

  it('filters by text, stage and owner, and says how many it shows', async () => {
    await openTable();
    await page.fill('[data-testid=leads-filter]', 'orbit table');
    await expect.poll(titles, { timeout: 30_000 }).toHaveLength(6);
    expect(await shownCount()).toBe('6 deals');

    await page.selectOption('[data-testid=leads-stage]', 'new');
    await expect.poll(titles).toHaveLength(5);
    expect(await titles()).not.toContain('Orbit table deal five');

    // Owner: me, the other rep, nobody; each narrows the stage's five.
    await page.selectOption('[data-testid=leads-owner]', me.id);
    await expect
      .poll(async () => (await titles()).sort())
      .toEqual(['Orbit table deal one', 'Orbit table deal three', 'Orbit table deal two']);
    expect(await page.locator('[data-testid=leads-owner] option:checked').textContent()).toBe('Me');
    await page.selectOption('[data-testid=leads-owner]', other.id);
    await expect.poll(titles).toEqual(['Orbit table deal four']);
    await page.selectOption('[data-testid=leads-owner]', '-');
    await expect.poll(titles).toEqual(['Orbit table deal six']);
    expect(await shownCount()).toBe('1 deal');

    // The text finds a deal by its company too.
    await page.selectOption('[data-testid=leads-owner]', '');
    await page.fill('[data-testid=leads-filter]', 'zephyr');
    await expect.poll(titles).toEqual(['Orbit table deal two']);

    // In Russian: the filters and the count in Russian.
    await page.selectOption('header [data-testid=language]', 'ru');
    await expect.poll(shownCount).toBe('1 сделка');
    expect(await page.locator('[data-testid=leads-owner] option[value=""]').textContent()).toBe(
      'Ответственный: Все',
    );
    expect(await page.locator('[data-testid=leads-owner] option[value="-"]').textContent()).toBe(
      'Без ответственного',
    );
    await page.selectOption('header [data-testid=language]', 'en');
  }, 120_000);

  it('drops a row the filters hide from the selection, moves the selected in one go', async () => {
    await openTable();
    await page.fill('[data-testid=leads-filter]', 'orbit table');
    await page.selectOption('[data-testid=leads-stage]', 'new');
    await page.selectOption('[data-testid=leads-owner]', me.id);
    await expect.poll(titles).toHaveLength(3);
    for (const title of ['Orbit table deal one', 'Orbit table deal two', 'Orbit table deal three'])
      await page.getByRole('checkbox', { name: title, exact: true }).check();
    const bulk = page.locator('.bulk');
    await expect.poll(() => bulk.textContent()).toContain('3 selected');

    // "one" hidden by the text: it leaves the selection; shown again, it is not selected.
    await page.fill('[data-testid=leads-filter]', 'orbit table deal t');
    await expect.poll(titles).toHaveLength(2);
    await expect.poll(() => bulk.textContent()).toContain('2 selected');
    await page.fill('[data-testid=leads-filter]', 'orbit table');
    await expect.poll(titles).toHaveLength(3);
    expect(await page.getByRole('checkbox', { name: 'Orbit table deal one', exact: true }).isChecked()).toBe(
      false,
    );
    await page.getByRole('checkbox', { name: 'Orbit table deal one', exact: true }).check();
    await expect.poll(() => bulk.textContent()).toContain('3 selected');

    await page.selectOption('[data-testid=bulk-stage]', 'proposal');
    // Moved out of the "new" filter; the others stay.
    await expect.poll(titles, { timeout: 20_000 }).toHaveLength(0);
    expect(await bulk.count()).toBe(0);
    await page.selectOption('[data-testid=leads-owner]', '');
    await expect
      .poll(async () => (await titles()).sort())
      .toEqual(['Orbit table deal four', 'Orbit table deal six']);

    // The server has them in the stage.
    const stageOf = async (id: string) => (await api.getDoc<{ stage: string }>('leads', id))?.stage;
    for (const id of ['tbl-1', 'tbl-2', 'tbl-3'])
      await expect.poll(() => stageOf(id), { timeout: 20_000 }).toBe('proposal');
    expect(await stageOf('tbl-4')).toBe('new');
    expect(await stageOf('tbl-5')).toBe('qualified');
  }, 120_000);

  it('after a reload the table and the board agree on where the deals are', async () => {
    await page.reload();
    await openTable();
    await page.fill('[data-testid=leads-filter]', 'orbit table');
    await page.selectOption('[data-testid=leads-stage]', 'proposal');
    await expect
      .poll(async () => (await titles()).sort(), { timeout: 30_000 })
      .toEqual(['Orbit table deal one', 'Orbit table deal three', 'Orbit table deal two']);

    await page.click('[data-testid=view-board]');
    const column = (stage: string) => page.locator(`[data-testid=cards-${stage}]`);
    for (const id of ['tbl-1', 'tbl-2', 'tbl-3'])
      await column('proposal').locator(`[data-lead-id="${id}"]`).waitFor({ timeout: 30_000 });
    for (const id of ['tbl-4', 'tbl-6']) await column('new').locator(`[data-lead-id="${id}"]`).waitFor();
    expect(await column('new').locator('[data-lead-id="tbl-1"]').count()).toBe(0);
    expect(await column('qualified').locator('[data-lead-id="tbl-5"]').count()).toBe(1);
  }, 90_000);
});

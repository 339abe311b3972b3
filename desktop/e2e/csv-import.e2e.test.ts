// One CSV importer, the server's (issue 17: the UI's own parser refused its own Russian stage names
// and dropped the deal column). In Chromium, in Russian, against the real sync server with the demo
// team: the leads export (Russian headers and stage names, the deal and amount columns) goes back
// through the import; the preview (the server's dry run) shows what would happen and the row that
// fails with its reason, writes nothing, and the import then writes the valid rows. Offline, the
// import says it needs a connection.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseFiles,
  apiClient,
  closeAll,
  ensureWebBuild,
  hasChromium,
  signedInPage,
  startSyncServer,
  waitFor,
  type TestServer,
} from './harness';
import { parseCsv } from './csv-read';

type Lead = {
  id: string;
  title: string;
  stage: string;
  contactId?: string;
  value?: { amount: number; currency: string };
};

describe.skipIf(!hasChromium)('CSV import through the server, in Russian', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: Awaited<ReturnType<typeof apiClient>>;
  let exported = '';

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    api = await apiClient(server);
    ({ browser, page } = await signedInPage(server, 'ru-RU'));
  }, 180_000);

  afterAll(() => closeAll(browser, server), 30_000);

  const leadsNamed = async (title: string) =>
    (
      (await api.call('GET', `/api/v1/leads?q=${encodeURIComponent(title)}&limit=200`)) as { items: Lead[] }
    ).items.filter((l) => l.title === title);

  it('exports the leads with Russian headers, stage names and the deal and amount columns', async () => {
    await page.goto(`${server.url}/app/#/leads`);
    await page.locator('[data-testid=export-csv]').waitFor({ timeout: 20_000 });
    // The export is of the leads on the device: wait until the team's leads have synced there.
    await page
      .locator('[data-testid=lead-card], [data-testid=lead-row]')
      .first()
      .waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-csv]'),
    ]);
    exported = readFileSync(await download.path(), 'utf8');
    const [header, ...rows] = parseCsv(exported);
    expect(header).toEqual([
      'Идентификатор',
      'Имя',
      'Компания',
      'Почта',
      'Телефон',
      'Телеграм',
      'Сделка',
      'Воронка',
      'Этап',
      'Сумма',
      'Валюта',
      'Теги',
    ]);
    expect(rows.length).toBeGreaterThan(0);
    const stages = new Set(rows.map((r) => r[8]));
    expect([...stages].some((s) => /[а-я]/i.test(s ?? ''))).toBe(true);
  }, 60_000);

  it('the preview shows what would happen and the failing row, and writes nothing; the import writes the valid rows', async () => {
    const lines = exported.replace(/\r\n$/, '').split('\r\n');
    const [, first] = parseCsv(exported);
    const firstBefore = (await leadsNamed(first![6]!)).length;
    const csv = [
      ...lines,
      ',Вера Новикова,ООО Ромашка,vera@romashka.example,,,Поставка роз,,Переговоры,240000,RUB,',
      ',Пётр Сомов,,petr@somov.example,,,Сделка на потом,,Может быть,1000,RUB,',
    ].join('\r\n');
    await page.goto(`${server.url}/app/#/leads`);
    await chooseFiles(page, page.locator('[data-testid=import-csv]'), {
      name: 'leads.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    const preview = page.locator('[data-testid=import-preview]');
    await preview.waitFor({ timeout: 30_000 });
    // The line of the file (the header is line 1).
    const failedRow = lines.length + 2;
    const errors = await preview.locator('[data-testid=import-preview-errors] li').allTextContents();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`Строка ${failedRow}`);
    expect(errors[0]).toContain('Может быть');
    expect(await preview.locator('[data-testid=import-preview-counts]').textContent()).toContain(
      'с ошибками: 1',
    );
    // A dry run: nothing written yet.
    expect(await leadsNamed('Поставка роз')).toEqual([]);

    await preview.locator('[data-testid=import-confirm]').click();
    const report = page.locator('[data-testid=import-report]');
    await report.waitFor({ timeout: 30_000 });
    const [rose] = await waitFor(async () => {
      const found = await leadsNamed('Поставка роз');
      return found.length ? found : null;
    });
    expect(rose).toMatchObject({ stage: 'negotiation', value: { amount: 240000, currency: 'RUB' } });
    expect(rose!.contactId).toBeTruthy();
    expect(await leadsNamed('Сделка на потом')).toEqual([]);
    // The exported deals went back in without a copy of any of them.
    expect(await leadsNamed(first![6]!)).toHaveLength(firstBefore);
  }, 90_000);

  it('offline, the import says it needs a connection', async () => {
    await page.reload();
    await page.locator('[data-testid=import-csv]').waitFor({ timeout: 20_000 });
    await page.route('**/api/v1/contacts/import*', (route) => route.abort('internetdisconnected'));
    await chooseFiles(page, page.locator('[data-testid=import-csv]'), {
      name: 'x.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Имя\r\nАнна\r\n'),
    });
    const note = page.locator('[data-testid=csv-note]');
    await note.waitFor({ timeout: 20_000 });
    expect(await note.textContent()).toContain('Для импорта нужно подключение к серверу');
    await page.unroute('**/api/v1/contacts/import*');
  }, 60_000);
});

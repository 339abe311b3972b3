// End-to-end: the built web app (the renderer the Electron shell also loads) served by the real sync
// server at /app, driven in Chromium. Screenshots of each screen go to docs/screens/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram } from './fake-telegram';
import {
  apiClient,
  chooseFiles,
  dragUntilMoved,
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  newContext,
  screensDir,
  signIn,
  startSyncServer,
  type TestServer,
  waitFor,
} from './harness';

const at = () => new Date().toISOString();
const shot = (page: Page, name: string) => page.screenshot({ path: join(screensDir, `${name}.png`) });

/**
 * Takes the open conversation over from the AI, until the reply box is enabled. The server's agents
 * may hand it over on their own meanwhile, which swaps the button under the pointer; the app ignores
 * a click in that moment, so this clicks again when "take over" is still what is shown.
 */
async function takeOver(page: Page): Promise<void> {
  const input = page.locator('[data-testid=reply-input]');
  await expect
    .poll(
      async () => {
        const button = page.locator('[data-testid=take-over]');
        if (await button.isVisible()) await button.click({ timeout: 2_000 }).catch(() => undefined);
        return input.isEnabled();
      },
      { timeout: 30_000, interval: 1_000 },
    )
    .toBe(true);
}

describe.skipIf(!hasChromium)('workspace in Chromium against the real sync server', () => {
  let server: TestServer;
  let browser: Browser;
  let api: Awaited<ReturnType<typeof apiClient>>;
  let page: Page;
  let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;

  beforeAll(async () => {
    mkdirSync(screensDir, { recursive: true });
    ensureWebBuild();
    telegram = await startFakeTelegram();
    server = await startSyncServer({
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
    });
    browser = await launchBrowser();
    api = await apiClient(server);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await telegram?.close();
  }, 30_000);

  it('shows the sign-in screen in English and in Russian', async () => {
    const ctx = await newContext(browser);
    const p = await ctx.newPage();
    await p.goto(`${server.url}/app/`);
    await expect.poll(() => p.textContent('h2')).toBe('Sign in to your workspace');
    await shot(p, 'signin-en');
    await p.selectOption('[data-testid=language]', 'ru');
    await expect.poll(() => p.textContent('h2')).toBe('Вход в рабочее пространство');
    expect(await p.textContent('[data-testid=signin-submit]')).toBe('Войти');
    await shot(p, 'signin-ru');
    await ctx.close();
  }, 60_000);

  it('signs in and syncs the team workspace', async () => {
    const ctx = await newContext(browser);
    page = await ctx.newPage();
    await signIn(page, server);
    await page.waitForSelector('[data-testid=conversation-row]');
    await shot(page, 'inbox');
  }, 90_000);

  it('shows a customer message live, takes over and replies', async () => {
    const contactId = `contact:e2e:${Date.now()}`;
    const conversationId = `conv:e2e:${Date.now()}`;
    // Stands in for the Telegram bot: the inbound docs it writes, through the same gateway.
    await api.putDocs('contacts', [
      {
        id: contactId,
        name: 'Ольга Тестова',
        identities: [{ channel: 'telegram', externalId: '555' }],
        optOut: false,
        agentAccess: 'default',
        twin: { facts: [] },
        createdAt: at(),
        updatedAt: at(),
      },
    ]);
    await api.putDocs('conversations', [
      {
        id: conversationId,
        contactId,
        channel: 'telegram',
        externalChatId: '555',
        mode: 'ai',
        status: 'open',
        lastMessageAt: at(),
        lastMessagePreview: 'Здравствуйте!',
        unreadCount: 1,
        createdAt: at(),
        updatedAt: at(),
      },
    ]);
    const inbound = (n: number, text: string) => ({
      id: `msg:telegram:555:${n}`,
      conversationId,
      contactId,
      channel: 'telegram',
      direction: 'inbound',
      author: { kind: 'customer', id: contactId },
      text,
      attachments: [],
      delivery: { status: 'received' },
      idempotencyKey: `telegram:555:${n}`,
      createdAt: at(),
    });
    await api.putDocs('messages', [inbound(1, 'Здравствуйте! Сколько стоит доставка?')]);
    await page.goto(`${server.url}/app/#/inbox`);
    // The row as chat inboxes show one: initials on the person's colour, the channel, the time today.
    const row = page.locator('[data-testid=conversation-row]', { hasText: 'Ольга Тестова' });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.locator('.avatar').textContent()).toBe('ОТ');
    expect(await row.locator('.chan-mark').getAttribute('class')).toContain('chan-telegram');
    expect(await row.locator('.visually-hidden').textContent()).toBe('Telegram');
    expect(await row.locator('time').textContent()).toMatch(/^\d{1,2}:\d{2}(\s[AP]M)?$/);
    // A customer who asked for a human and waits: flagged with the wait, and listed by its filter.
    await api.putDocs('conversations', [
      {
        id: `${conversationId}-waiting`,
        contactId: `${contactId}-waiting`,
        channel: 'telegram',
        externalChatId: '556',
        mode: 'human',
        status: 'open',
        waitingSince: new Date(Date.now() - 2 * 60_000).toISOString(),
        handoffReason: 'asked for a human',
        lastMessageAt: at(),
        lastMessagePreview: 'Можно поговорить с человеком?',
        createdAt: at(),
        updatedAt: at(),
      },
    ]);
    const waiting = page.locator('[data-testid=conversation-row]', {
      hasText: 'Можно поговорить с человеком?',
    });
    await expect
      .poll(() => waiting.locator('[data-testid=conversation-waiting]').textContent(), { timeout: 20_000 })
      .toMatch(/^Wants a human · [23] min$/);
    // The filter lists it, and only rows that wait (the agents may have handed others over too).
    await page.click('[data-testid=inbox-filters-toggle]');
    await page.selectOption('[data-testid=filter-mode]', 'waiting');
    const rows = page.locator('[data-testid=conversation-row]');
    await expect.poll(() => waiting.count()).toBe(1);
    expect(await rows.count()).toBe(await rows.locator('[data-testid=conversation-waiting]').count());
    await page.selectOption('[data-testid=filter-mode]', '');
    await page.getByText('Ольга Тестова').click();
    await page.getByText('Сколько стоит доставка?').waitFor();
    await api.putDocs('messages', [inbound(2, 'И можно ли оплатить картой?')]);
    await page.getByText('И можно ли оплатить картой?').waitFor({ timeout: 15_000 });

    // The server's agents may already have handed the conversation to a human; else take it over.
    await takeOver(page);
    await waitFor(
      async () => (await api.getDoc<{ mode: string }>('conversations', conversationId))?.mode === 'human',
    );
    // A draft is autosaved within 5 s and comes back after the page dies (a crash or a reload).
    await page.fill('[data-testid=reply-input]', 'Черновик ответа');
    await page.waitForTimeout(5500);
    await page.reload();
    await expect
      .poll(() => page.inputValue('[data-testid=reply-input]'), { timeout: 20_000 })
      .toBe('Черновик ответа');
    expect(await page.textContent('[data-testid=draft-note]')).toContain('Draft restored');
    await page.fill('[data-testid=reply-input]', 'Да, картой можно. Доставка 500 ₽.');
    await page.click('[data-testid=send]');
    const sent = await waitFor(async () => {
      const r = (await api.call('POST', '/sync/messages/_all_docs', { include_docs: true })) as {
        rows: {
          doc?: {
            conversationId: string;
            author: { kind: string };
            text: string;
            delivery: { status: string };
          };
        }[];
      };
      return r.rows
        .map((x) => x.doc)
        .find((d) => d?.conversationId === conversationId && d.author.kind === 'rep');
    });
    expect(sent).toMatchObject({ text: 'Да, картой можно. Доставка 500 ₽.', author: { kind: 'rep' } });
    expect(['pending', 'sending', 'sent', 'failed']).toContain(sent.delivery.status);
    await shot(page, 'conversation');
  }, 90_000);

  it('shows beside a conversation what is known of the customer: facts with their messages, deal, tasks', async () => {
    const stamp = Date.now();
    const contactId = `contact:panel:${stamp}`;
    const conversationId = `conv:panel:${stamp}`;
    const messageId = `msg:panel:${stamp}`;
    // A rep has the conversation (the agents stay out of it): only what is written here shows. The
    // message goes last: the agents' intake takes in a message whose contact, conversation or open
    // deal it does not find by creating them (and a later write of the same contact conflicts).
    await api.putDocs('contacts', [
      {
        id: contactId,
        name: 'Panel Customer',
        company: 'Kazan Freight',
        identities: [{ channel: 'webchat', externalId: `visitor-${stamp}` }],
        optOut: false,
        agentAccess: 'default',
        twin: {
          facts: [
            {
              id: `fact-${stamp}`,
              key: 'company_size',
              value: '40',
              observedAt: at(),
              status: 'active',
              sourceMessageId: messageId,
            },
          ],
        },
        createdAt: at(),
        updatedAt: at(),
      },
    ]);
    await api.putDocs('conversations', [
      {
        id: conversationId,
        contactId,
        channel: 'webchat',
        externalChatId: `visitor-${stamp}`,
        mode: 'human',
        status: 'open',
        lastMessageAt: at(),
        lastMessagePreview: 'We are 40 people in Kazan',
        createdAt: at(),
        updatedAt: at(),
      },
    ]);
    await api.putDocs('leads', [
      {
        id: `lead:panel:${stamp}`,
        title: 'Kazan Freight: 40 seats',
        contactId,
        stage: 'qualified',
        value: { amount: 48_000, currency: 'USD' },
        source: { channel: 'webchat' },
        conversationId,
        createdAt: at(),
        updatedAt: at(),
      },
    ]);
    await api.putDocs('messages', [
      {
        id: messageId,
        conversationId,
        contactId,
        channel: 'webchat',
        direction: 'inbound',
        author: { kind: 'customer', id: contactId },
        text: 'We are 40 people in Kazan and need it before March.',
        attachments: [],
        delivery: { status: 'received' },
        idempotencyKey: messageId,
        createdAt: at(),
      },
    ]);
    await page.goto(`${server.url}/app/#/inbox/${encodeURIComponent(conversationId)}`);
    const panel = page.locator('[data-testid=customer-panel]');
    await panel.locator('h3 a', { hasText: 'Panel Customer' }).waitFor({ timeout: 20_000 });
    const deal = panel.locator('[data-testid=panel-lead]');
    await deal.locator('a', { hasText: 'Kazan Freight: 40 seats' }).waitFor({ timeout: 20_000 });
    expect(await deal.textContent()).toContain('$48,000');
    const fact = panel.locator('[data-testid=panel-facts] li').first();
    await fact.locator('a').waitFor({ timeout: 20_000 });
    expect(await fact.textContent()).toContain('We are 40 people in Kazan');
    expect(await fact.locator('a').getAttribute('href')).toBe(
      `#/inbox/${encodeURIComponent(conversationId)}`,
    );
    // A task added in the panel is the customer's, on their deal.
    const tasks = panel.locator('[data-testid=panel-tasks]');
    await tasks.locator('[data-testid=task-title]').fill('Send the Kazan quote');
    await tasks.locator('[data-testid=task-title]').press('Enter');
    const task = await waitFor(async () => {
      const r = (await api.call('POST', '/sync/tasks/_all_docs', { include_docs: true })) as {
        rows: { doc?: { title?: string; contactId?: string; leadId?: string } }[];
      };
      return r.rows.map((x) => x.doc).find((d) => d?.title === 'Send the Kazan quote');
    }, 30_000);
    expect(task).toMatchObject({ contactId, leadId: `lead:panel:${stamp}` });
  }, 90_000);

  it("shows a Telegram message live and delivers the rep's reply to Telegram", async () => {
    const chatId = 900100200;
    await page.goto(`${server.url}/app/#/inbox`);
    telegram.customerWrites(chatId, 'Пётр Телеграмов', 'Добрый день! Нужна консультация по тарифам.');
    // Arrives through the server's bot (grammY polling the fake Bot API) and live replication.
    await page
      .locator('[data-testid=conversation-row]', { hasText: /900100200|Пётр Телеграмов/ })
      .first()
      .click({ timeout: 30_000 });
    await page
      .locator('[data-testid=message]', { hasText: 'Нужна консультация по тарифам.' })
      .waitFor({ timeout: 15_000 });
    await expect.poll(() => page.textContent('.conv-header h2'), { timeout: 30_000 }).toBe('Пётр Телеграмов');
    await takeOver(page);
    await page.fill('[data-testid=reply-input]', 'Здравствуйте, Пётр! Сейчас расскажу.');
    await page.click('[data-testid=send]');
    await waitFor(
      async () =>
        telegram.sent.find((m) => Number(m.chat_id) === chatId && m.text.includes('Сейчас расскажу')),
      30_000,
    );
    await expect
      .poll(() => page.locator('[data-testid=message]').last().textContent(), { timeout: 20_000 })
      .toContain('sent');
    await shot(page, 'conversation-telegram');
  }, 90_000);

  it('moves a lead across stages on the board', async () => {
    const id = `lead-e2e-${Date.now()}`;
    await api.putDocs('leads', [
      {
        id,
        contactId: 'contact-e2e',
        title: 'Drag me across',
        stage: 'new',
        source: { channel: 'manual' },
        createdAt: at(),
        updatedAt: at(),
      },
    ]);
    await page.goto(`${server.url}/app/#/leads`);
    await page.click('[data-testid=view-board]');
    const card = page.locator(`[data-lead-id="${id}"]`);
    await card.waitFor({ timeout: 15_000 });
    const inProposal = () => page.locator(`[data-testid=column-proposal] [data-lead-id="${id}"]`).count();
    await dragUntilMoved(
      page,
      card,
      page.locator('[data-testid=column-proposal]'),
      async () => (await inProposal()) === 1,
    );
    await expect.poll(inProposal).toBe(1);
    await waitFor(async () => (await api.getDoc<{ stage: string }>('leads', id))?.stage === 'proposal');
    await shot(page, 'leads-board');
    await page.click('[data-testid=view-table]');
    await page.waitForSelector('[data-testid=lead-row]');
    await shot(page, 'leads-table');
  }, 60_000);

  it('imports a CSV through the server: a preview with each bad row, then the valid rows', async () => {
    await page.goto(`${server.url}/app/#/leads`);
    const csv = [
      'name,company,email,stage,amount',
      'Good Row One,Acme,good1@e2e.example,qualified,1000',
      ',No Name Ltd,x@e2e.example,new,',
      'Bad Mail,Acme,not-an-email,new,',
      'Good Row Two,Acme,good2@e2e.example,won,2500',
      'Bad Stage,Acme,bad@e2e.example,maybe,',
    ].join('\n');
    await chooseFiles(page, page.locator('[data-testid=import-csv]'), {
      name: 'leads.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    // The server's dry run: every row checked, nothing written yet.
    const preview = page.locator('[data-testid=import-preview]');
    await preview.waitFor({ timeout: 30_000 });
    const errors = await preview.locator('[data-testid=import-preview-errors] li').allTextContents();
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain("Row 4: email: 'not-an-email' is not an e-mail address");
    expect(errors[1]).toContain("Row 6: stage: 'maybe' is not a stage");
    await preview.locator('[data-testid=import-confirm]').click();
    const report = page.locator('[data-testid=import-report]');
    await report.waitFor({ timeout: 30_000 });
    await expect.poll(() => report.textContent()).toContain('Imported 3 rows; 2 rows with errors');
    await shot(page, 'leads-import-report');
    // The report is a kit Dialog: Esc closes it.
    await page.keyboard.press('Escape');
    await expect.poll(() => report.count()).toBe(0);
    await waitFor(async () => {
      const r = (await api.call('POST', '/sync/contacts/_all_docs', { include_docs: true })) as {
        rows: { doc?: { email?: string } }[];
      };
      return r.rows.some((x) => x.doc?.email === 'good2@e2e.example');
    });
  }, 60_000);

  it('uploads a document and finds it in search', async () => {
    if (process.env.E2E_DEBUG) {
      page.on('console', (m) => console.log('page:', m.text().slice(0, 300)));
      for (const w of page.workers()) w.on('console', (m) => console.log('worker:', m.text().slice(0, 500)));
    }
    await page.goto(`${server.url}/app/#/knowledge`);
    const doc = '# Warranty\n\nEvery zephyrometer comes with a five-year warranty and free repairs.\n';
    await chooseFiles(page, page.locator('[data-testid=upload]'), {
      name: 'warranty.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(doc),
    });
    await page.locator('[data-testid=sources]').getByText('warranty').first().waitFor({ timeout: 20_000 });
    await page.fill('[data-testid=playground-query]', 'zephyrometer warranty');
    if (process.env.E2E_DEBUG) {
      await page.waitForTimeout(3000);
      console.log('engine:', await page.textContent('[data-testid=search-engine]').catch(() => 'none'));
      console.log('sources:', await page.textContent('[data-testid=sources]'));
      console.log(
        'chunks:' +
          JSON.stringify(
            await page.evaluate(async () => {
              const b = (
                window as unknown as {
                  __swBench: {
                    ws: { db: { knowledge_chunks: { find(): { exec(): Promise<{ id: string }[]> } } } };
                  };
                }
              ).__swBench;
              return (await b.ws.db.knowledge_chunks.find().exec()).map((d) => d.id);
            }),
          ),
      );
    }
    await expect
      .poll(() => page.locator('[data-testid=search-hits]').textContent(), { timeout: 15_000 })
      .toContain('five-year warranty');
    expect(await page.locator('[data-testid=search-hits]').textContent()).toContain('Why:');
    await shot(page, 'knowledge');
  }, 60_000);

  it('merges edits of two reps, one of them offline, with no edit lost', async () => {
    const invite = (await api.call('POST', '/api/v1/members/invite', {
      email: 'rep2@e2e.example',
      role: 'rep',
    })) as { inviteToken: string };
    await fetch(`${server.url}/api/v1/auth/accept-invite`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: invite.inviteToken, password: 'second-rep-pass' }),
    }).then((r) => expect(r.status).toBe(202));

    const id = `lead-merge-${Date.now()}`;
    await api.putDocs('leads', [
      {
        id,
        contactId: 'contact-e2e',
        title: 'Merge me',
        stage: 'new',
        value: { amount: 100, currency: 'RUB' },
        source: { channel: 'manual' },
        createdAt: at(),
        updatedAt: at(),
      },
    ]);
    const ctxA = page.context();
    if (process.env.E2E_DEBUG)
      page.on('console', (m) => m.type() !== 'warning' && console.log('A:', m.text().slice(0, 400)));
    const ctxB = await newContext(browser);
    const pageB = await ctxB.newPage();
    await signIn(pageB, server, 'rep2@e2e.example', 'second-rep-pass');
    const open = async (p: Page) => {
      await p.goto(`${server.url}/app/#/leads/${id}`);
      await p.waitForSelector('[data-testid=lead-editor] input[name=title]');
      await expect
        .poll(() => p.inputValue('[data-testid=lead-editor] input[name=title]'), { timeout: 20_000 })
        .toBe('Merge me');
    };
    await open(page);
    await open(pageB);

    await ctxA.setOffline(true);
    await expect.poll(() => page.getAttribute('[data-testid=sync-status]', 'data-state')).toBe('offline');
    // Rep B (online) changes the stage and the amount.
    await pageB.selectOption('[data-testid=lead-editor] select[name=stage]', 'negotiation');
    await pageB.fill('[data-testid=lead-editor] input[name=amount]', '200');
    await pageB.click('[data-testid=lead-save]');
    await waitFor(async () => (await api.getDoc<{ stage: string }>('leads', id))?.stage === 'negotiation');
    // Rep A (offline) renames it and, later, also changes the amount.
    await page.fill('[data-testid=lead-editor] input[name=title]', 'Merged by A');
    await page.fill('[data-testid=lead-editor] input[name=amount]', '300');
    await page.click('[data-testid=lead-save]');
    await expect
      .poll(() => page.textContent('[data-testid=sync-status]'))
      .toMatch(/Offline — [1-9]\d* changes? pending/);
    await shot(page, 'sync-offline');

    await ctxA.setOffline(false);
    type Lead = {
      title: string;
      stage: string;
      value: { amount: number };
      history?: { field: string; value: string }[];
    };
    const merged = await waitFor(async () => {
      const d = await api.getDoc<Lead>('leads', id);
      return d && d.title === 'Merged by A' && d.stage === 'negotiation' ? d : null;
    }, 40_000);
    expect(merged.value.amount).toBe(300);
    expect(merged.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'value', value: '{"amount":200,"currency":"RUB"}' }),
      ]),
    );
    for (const p of [page, pageB]) {
      await p.goto(`${server.url}/app/#/leads`);
      await p.goto(`${server.url}/app/#/leads/${id}`);
      await expect
        .poll(() => p.inputValue('[data-testid=lead-editor] input[name=title]'), { timeout: 30_000 })
        .toBe('Merged by A');
      expect(await p.inputValue('[data-testid=lead-editor] select[name=stage]')).toBe('negotiation');
      await expect.poll(() => p.locator('[data-testid=lead-history]').textContent()).toContain('200');
    }
    await shot(pageB, 'lead-merged');
    await ctxB.close();
  }, 120_000);

  it('renders every other screen (screenshots for the README)', async () => {
    if (process.env.E2E_DEBUG)
      console.log('sync title:', await page.getAttribute('[data-testid=sync-status]', 'title'));
    for (const [route, name] of [
      ['#/contacts/contact-anna', 'contact'],
      ['#/agents', 'agents'],
      ['#/activity', 'activity'],
      ['#/analytics', 'analytics'],
      ['#/settings', 'settings'],
    ] as const) {
      await page.goto(`${server.url}/app/${route}`);
      await page.waitForSelector('main.content');
      await page.waitForTimeout(400);
      await shot(page, name);
    }
    await page.goto(`${server.url}/app/#/inbox`);
    await page.keyboard.press('Control+k');
    await page.fill('[data-testid=palette-input]', 'ром');
    await page.waitForTimeout(500);
    await shot(page, 'command-palette');
    await page.keyboard.press('Escape');
    await page.selectOption('header [data-testid=language]', 'ru');
    await expect.poll(() => page.textContent('[data-testid=nav-leads]')).toContain('Сделки');
    await shot(page, 'inbox-ru');
  }, 60_000);
});

// End-to-end, what reps approve in the built web app in Chromium (English and Russian): a lead change
// an agent proposed (the lead won for 1,000,000) waits on the lead until a rep approves it, which writes
// the lead through the app's normal path (RxDB -> /sync) so the server's lead is won; the Agents screen
// shows the policy that made it a proposal; an e-mail a customer only claimed is marked on the contact
// until a rep confirms it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  closeAll,
  ensureWebBuild,
  hasChromium,
  newContext,
  signedInPage,
  signIn,
  startSyncServer,
  waitFor,
  type TestServer,
} from './harness';

const at = () => new Date().toISOString();

describe.skipIf(!hasChromium)('proposed lead changes in Chromium against the real sync server', () => {
  let server: TestServer;
  let browser: Browser;
  let api: Awaited<ReturnType<typeof apiClient>>;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    api = await apiClient(server);
    ({ browser, page } = await signedInPage(server));
  }, 180_000);

  afterAll(() => closeAll(browser, server), 30_000);

  it('shows a pending proposal with Approve / Reject; approving wins the lead on the server', async () => {
    const id = `lead-proposed-${Date.now()}`;
    await api.putDocs('leads', [
      {
        id,
        contactId: 'contact-e2e',
        title: 'Proposed win',
        stage: 'negotiation',
        source: { channel: 'webchat' },
        proposals: [
          {
            id: 'proposal-1',
            status: 'pending',
            changes: { stage: 'won', value: { amount: 1000000, currency: 'USD' } },
            proposedBy: { kind: 'agent', id: 'answer' },
            createdAt: at(),
          },
        ],
        createdAt: at(),
        updatedAt: at(),
      },
    ]);
    await page.goto(`${server.url}/app/#/leads/${encodeURIComponent(id)}`);
    const proposal = page.locator('[data-testid=lead-proposal]');
    await proposal.waitFor({ timeout: 20_000 });
    expect(await proposal.textContent()).toMatch(/Stage → Won.*Value → \$1.000.000/);
    await proposal.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => proposal.count(), { timeout: 10_000 }).toBe(0);
    const lead = await waitFor(async () => {
      const doc = await api.getDoc<{
        stage: string;
        value?: { amount: number };
        proposals: { status: string }[];
      }>('leads', id);
      return doc?.stage === 'won' ? doc : null;
    });
    expect(lead.value?.amount).toBe(1000000);
    expect(lead.proposals[0]!.status).toBe('approved');
  }, 60_000);

  it('shows the agents policy and a proposal in Russian', async () => {
    const ru = await (await newContext(browser, 'ru-RU')).newPage();
    await signIn(ru, server);
    await api.putDocs('leads', [
      {
        id: 'lead-proposed-ru',
        contactId: 'contact-e2e',
        title: 'Предложение',
        stage: 'new',
        source: { channel: 'telegram' },
        proposals: [
          {
            id: 'p-ru',
            status: 'pending',
            changes: { stage: 'lost', lostReason: 'дорого' },
            proposedBy: { kind: 'agent', id: 'answer' },
            createdAt: at(),
          },
        ],
        createdAt: at(),
        updatedAt: at(),
      },
    ]);
    await ru.goto(`${server.url}/app/#/leads/lead-proposed-ru`);
    const proposal = ru.locator('[data-testid=lead-proposal]');
    await proposal.waitFor({ timeout: 20_000 });
    expect(await proposal.textContent()).toContain('Этап → Проигран');
    await proposal.getByRole('button', { name: 'Отклонить' }).click();
    await waitFor(async () => {
      const doc = await api.getDoc<{ stage: string; proposals: { status: string }[] }>(
        'leads',
        'lead-proposed-ru',
      );
      return doc?.proposals[0]?.status === 'rejected' && doc.stage === 'new';
    });
    await ru.goto(`${server.url}/app/#/agents`);
    const effects = ru.locator('[data-testid=tool-effects]');
    await effects.waitFor({ timeout: 20_000 });
    expect(await effects.textContent()).toContain('Перевод сделки в «успех» или «проигран»');
    // A profile that says nothing proposes every consequential effect.
    expect(await ru.locator('select[name=effect-closeStage]').inputValue()).toBe('propose');
    expect(await ru.locator('select[name=effect-value] option:checked').textContent()).toBe(
      'Предложить менеджеру',
    );
    // Closed, so it does not go on syncing beside the next test.
    await ru.context().close();
  }, 60_000);

  it('marks an e-mail the customer only claimed, until a rep confirms it', async () => {
    const email = 'vera@bigcorp.example';
    await api.putDocs('contacts', [
      {
        id: 'contact-claimed',
        name: 'Mallory',
        email,
        contactPoints: { email: { value: email, status: 'claimed', source: 'customer', at: at() } },
        identities: [],
        optOut: false,
        agentAccess: 'default',
        twin: { facts: [] },
        createdAt: at(),
        updatedAt: at(),
      },
    ]);
    await page.goto(`${server.url}/app/#/contacts/contact-claimed`);
    const claimed = page.locator('[data-testid=claimed-contact-points]');
    await claimed.waitFor({ timeout: 20_000 });
    expect(await claimed.textContent()).toContain(`E-mail ${email} was only typed by the customer`);
    await claimed.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => claimed.count(), { timeout: 10_000 }).toBe(0);
    await waitFor(async () => {
      const doc = await api.getDoc<{ contactPoints?: { email?: { status: string; source: string } } }>(
        'contacts',
        'contact-claimed',
      );
      return doc?.contactPoints?.email?.status === 'verified' && doc.contactPoints.email.source === 'rep';
    });
  }, 60_000);
});

// YooKassa's automatic renewal (renewals.ts) on a real CouchDB against the fake YooKassa API: the
// first payment saves the card, the renewal pass charges it (payment_method_id, no confirmation) only
// when the paid month ends within a day, once per period even when two passes run at once, adds a
// month to the one paid; a declined card starts the grace days and is not charged again; an unknown
// saved method changes nothing.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeYooKassa, type FakeYooKassa } from '../../test/fake-yookassa';
import { startTestCouch, type TestCouch } from '../../test/helpers';
import { createCouchStore, type CouchStore } from '../store/couch-store';
import { renewDueYooKassa } from './renewals';
import { planInForce, readTeamPlan, updateTeamPlan } from './team-plan';
import { applyPlanEvent, yooKassaPlanEvent } from './webhooks';
import { createYooKassaPayment, readYooKassaPayment, type YooKassaConfig } from './yookassa';

let couch: TestCouch;
let store: CouchStore;
let fake: FakeYooKassa;
let config: YooKassaConfig;
const log = pino({ level: 'silent' });
const DAY = 86_400_000;

beforeAll(async () => {
  couch = await startTestCouch('billing-renew-');
  store = createCouchStore({ url: couch.url, log, ...(couch.prefix ? { prefix: couch.prefix } : {}) });
  await store.setup();
  fake = await startFakeYooKassa();
  config = {
    shopId: fake.shopId,
    secretKey: fake.secretKey,
    apiBase: fake.apiBase,
    prices: { pro: 2990, business: 9990 },
    allowIps: [],
  };
});
afterAll(async () => {
  await fake.close();
  await store.close();
  await couch.close();
});

const renewAt = (now: Date) =>
  renewDueYooKassa({ store, yookassa: config, now: () => now, graceDays: 7, log });

/** A team that paid its first month by YooKassa, the card saved. */
async function paidTeam(teamId: string): Promise<string> {
  await store.systemDb('app_teams').insert({ _id: teamId, type: 'team', name: teamId } as never);
  const first = await createYooKassaPayment(config, {
    teamId,
    plan: 'pro',
    returnUrl: 'https://crm.example.com/app/',
    idempotencyKey: `first-${teamId}`,
  });
  expect(fake.bodies.at(-1)).toMatchObject({ save_payment_method: true, confirmation: { type: 'redirect' } });
  fake.succeed(first.id);
  const event = yooKassaPlanEvent((await readYooKassaPayment(config, first.id))!, {
    now: new Date(),
    prices: config.prices,
    log,
  });
  await applyPlanEvent({ store, now: () => new Date(), graceDays: 7, log }, event!);
  const doc = await readTeamPlan(store, teamId);
  expect(doc).toMatchObject({ plan: 'pro', source: 'yookassa', status: 'active' });
  expect(doc?.paymentMethodId).toMatch(/-9000-/);
  return doc!.paidUntil!;
}

describe('YooKassa automatic renewal', () => {
  it('charges the saved card once per period as the month ends, adding a month', async () => {
    const paidUntil = await paidTeam('renew1');
    const charges = () => fake.bodies.filter((b) => b.payment_method_id).length;
    const before = charges();
    // Not due yet: nothing charged.
    await renewAt(new Date(Date.parse(paidUntil) - 3 * DAY));
    expect(charges()).toBe(before);
    // Due: two passes at once (two processes) make one payment (a second request, if it came, had
    // the same Idempotence-Key and was answered with the same payment).
    const due = new Date(Date.parse(paidUntil) - 3_600_000);
    const sizeBefore = fake.payments.size;
    await Promise.all([renewAt(due), renewAt(due)]);
    expect(charges()).toBe(before + 1);
    expect(fake.payments.size).toBe(sizeBefore + 1);
    const renewalCalls = fake.calls.filter((c) => c.idempotenceKey?.startsWith('renewal:renew1:'));
    expect(renewalCalls.length).toBeGreaterThanOrEqual(1);
    expect(new Set(renewalCalls.map((c) => c.idempotenceKey)).size).toBe(1);
    expect(fake.bodies.at(-1)).toMatchObject({
      capture: true,
      amount: { value: '2990.00', currency: 'RUB' },
      metadata: { teamId: 'renew1', plan: 'pro', renewal: 'true' },
    });
    expect(fake.bodies.at(-1)).not.toHaveProperty('confirmation');
    const renewed = await readTeamPlan(store, 'renew1');
    expect(Date.parse(renewed!.paidUntil!) - Date.parse(paidUntil)).toBe(31 * DAY);
    expect(renewed?.status).toBe('active');
    // The same moment again: the month is paid, nothing more charged.
    await renewAt(due);
    expect(charges()).toBe(before + 1);
  });

  it('starts the grace days when the card is declined, and does not charge it again', async () => {
    const paidUntil = await paidTeam('renew2');
    fake.declineNext('insufficient_funds');
    const due = new Date(Date.parse(paidUntil) - 3_600_000);
    expect(await renewAt(due)).toBe(1);
    const doc = await readTeamPlan(store, 'renew2');
    expect(doc).toMatchObject({ plan: 'pro', status: 'past_due' });
    expect(planInForce(doc, 'unlimited', due, 7)).toMatchObject({ plan: 'pro', status: 'grace' });
    expect(planInForce(doc, 'unlimited', new Date(due.getTime() + 8 * DAY), 7)).toMatchObject({
      plan: 'free',
      status: 'lapsed',
    });
    expect(await renewAt(due)).toBe(0);
  });

  it('changes nothing when YooKassa does not know the saved method', async () => {
    await paidTeam('renew3');
    const doc = await updateTeamPlan(store, 'renew3', (d) => ({
      ...d!,
      paymentMethodId: 'not-a-saved-method',
    }));
    const due = new Date(Date.parse(doc!.paidUntil!) - 3_600_000);
    expect(await renewAt(due)).toBe(1);
    expect(fake.calls.at(-1)).toMatchObject({ method: 'POST', status: 400 });
    expect(await readTeamPlan(store, 'renew3')).toMatchObject({
      plan: 'pro',
      status: 'active',
      paidUntil: doc!.paidUntil,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { defaultPlanLimits, readLimits } from '@app/shared/billing';
import { planInForce, type TeamPlanDoc } from './team-plan';
import { stripeSignatureHeader, verifyStripeEvent } from './stripe';
import { yooKassaSenderAllowed } from './yookassa';

const doc = (over: Partial<TeamPlanDoc>): TeamPlanDoc => ({
  _id: 'billing:plan:t1',
  type: 'billing-plan',
  teamId: 't1',
  plan: 'pro',
  source: 'stripe',
  status: 'active',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const at = (iso: string) => new Date(iso);

describe('the plan in force', () => {
  it('is the default plan without a doc, and the paid plan while paid', () => {
    expect(planInForce(undefined, 'unlimited', at('2026-01-02T00:00:00Z'), 7)).toEqual({
      plan: 'unlimited',
      source: 'default',
      status: 'active',
    });
    expect(planInForce(doc({}), 'unlimited', at('2026-01-02T00:00:00Z'), 7).plan).toBe('pro');
  });

  it('keeps a failed renewal on its plan until the grace ends, then Free', () => {
    const failed = doc({ status: 'past_due', graceUntil: '2026-01-08T00:00:00.000Z' });
    expect(planInForce(failed, 'unlimited', at('2026-01-07T23:59:00Z'), 7)).toMatchObject({
      plan: 'pro',
      status: 'grace',
    });
    expect(planInForce(failed, 'unlimited', at('2026-01-08T00:01:00Z'), 7)).toMatchObject({
      plan: 'free',
      status: 'lapsed',
    });
  });

  it('gives a month paid (YooKassa) the grace days after it ends', () => {
    const paid = doc({ source: 'yookassa', paidUntil: '2026-02-01T00:00:00.000Z' });
    expect(planInForce(paid, 'free', at('2026-01-31T00:00:00Z'), 3).status).toBe('active');
    expect(planInForce(paid, 'free', at('2026-02-02T00:00:00Z'), 3)).toMatchObject({
      plan: 'pro',
      status: 'grace',
    });
    expect(planInForce(paid, 'free', at('2026-02-05T00:00:00Z'), 3)).toMatchObject({
      plan: 'free',
      status: 'lapsed',
    });
  });
});

describe('limit readings', () => {
  it('warns from 80% and says reached at the limit; no limit, no share', () => {
    const r = readLimits(defaultPlanLimits.free, {
      seats: 3,
      channels: 0,
      aiReplies: 80,
      knowledgeBytes: 0,
      storageBytes: 0,
    });
    expect(r.find((x) => x.key === 'seats')).toMatchObject({ share: 1, warning: true, reached: true });
    expect(r.find((x) => x.key === 'aiReplies')).toMatchObject({ share: 0.8, warning: true, reached: false });
    expect(r.find((x) => x.key === 'channels')).toMatchObject({ warning: false });
    const none = readLimits(defaultPlanLimits.unlimited, {
      seats: 99,
      channels: 9,
      aiReplies: 9,
      knowledgeBytes: 9,
      storageBytes: 9,
    });
    expect(none.every((x) => x.share === null && !x.warning)).toBe(true);
  });
});

describe('Stripe signatures', () => {
  const secret = 'whsec_test_secret';
  const body = JSON.stringify({ id: 'evt_1', type: 'x', created: 1, data: { object: {} } });
  const now = new Date(1_700_000_000_000);
  const t = Math.floor(now.getTime() / 1000);
  it('takes a body signed as Stripe signs it, within the tolerance', () => {
    expect(verifyStripeEvent(Buffer.from(body), stripeSignatureHeader(body, secret, t), secret, now).id).toBe(
      'evt_1',
    );
    // Several v1 signatures (a secret being rolled): one matching is enough.
    const two = `${stripeSignatureHeader(body, 'whsec_old', t)},v1=${stripeSignatureHeader(body, secret, t).split('v1=')[1]}`;
    expect(verifyStripeEvent(Buffer.from(body), two, secret, now).id).toBe('evt_1');
  });
  it('refuses another secret, a changed body, an old timestamp and a header without parts', () => {
    const refuse = (payload: string, header: string | undefined) =>
      expect(() => verifyStripeEvent(Buffer.from(payload), header, secret, now)).toThrow(/webhook refused/);
    refuse(body, stripeSignatureHeader(body, 'whsec_other', t));
    refuse(body.replace('evt_1', 'evt_2'), stripeSignatureHeader(body, secret, t));
    refuse(body, stripeSignatureHeader(body, secret, t - 301));
    refuse(body, 'garbage');
    refuse(body, undefined);
  });
});

describe("YooKassa's sender check", () => {
  it('takes any sender without a list, and only listed ones with it', () => {
    expect(yooKassaSenderAllowed([], '8.8.8.8')).toBe(true);
    const list = ['185.71.76.0/27', '77.75.156.11', '2a02:5180::/32'];
    expect(yooKassaSenderAllowed(list, '185.71.76.5')).toBe(true);
    expect(yooKassaSenderAllowed(list, '::ffff:77.75.156.11')).toBe(true);
    expect(yooKassaSenderAllowed(list, '2a02:5180::1')).toBe(true);
    expect(yooKassaSenderAllowed(list, '185.71.77.5')).toBe(false);
    expect(yooKassaSenderAllowed(list, undefined)).toBe(false);
  });
});

// What the board shows of money and of a deal's card, as pure functions (tested without a screen):
// a column's sums as one figure in the pipeline's main currency plus the rest named apart (amounts in
// different currencies are never added: the app has no exchange rates), a member's name for a card,
// and how long a deal has sat in its stage.
import type { Money } from '@app/shared/crm';

export type MoneySplit = {
  /** The pipeline's main currency (its first) and its sum (0 when none). */
  currency: string;
  amount: number;
  /** The other currencies with a sum, largest first. */
  others: { currency: string; amount: number }[];
};

export function splitMoney(money: Money, main: string): MoneySplit {
  const others = Object.entries(money)
    .filter(([c, v]) => c !== main && v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([currency, amount]) => ({ currency, amount }));
  return { currency: main, amount: money[main] ?? 0, others };
}

/**
 * A member's name for people to read: their display name, else the part of their login before the
 * `@` written as a name (`anna.petrova@x` → `Anna Petrova`), never the whole address.
 */
export function personName(m: { name?: string | undefined; email: string }): string {
  if (m.name?.trim()) return m.name.trim();
  const local = m.email.split('@')[0] ?? m.email;
  const words = local.split(/[._\-+]+/).filter(Boolean);
  return words.length ? words.map((w) => w.charAt(0).toLocaleUpperCase() + w.slice(1)).join(' ') : m.email;
}

/** How long since `since` in its largest whole unit (days, else hours, else minutes), 0 at least. */
export function ageOf(
  since: string | undefined,
  now: number,
): { value: number; unit: 'day' | 'hour' | 'minute' } | null {
  const at = since ? Date.parse(since) : NaN;
  if (Number.isNaN(at)) return null;
  const minutes = Math.max(0, Math.floor((now - at) / 60_000));
  if (minutes >= 24 * 60) return { value: Math.floor(minutes / (24 * 60)), unit: 'day' };
  if (minutes >= 60) return { value: Math.floor(minutes / 60), unit: 'hour' };
  return { value: minutes, unit: 'minute' };
}

/** A score's band for its colour and its words: hot from 70, warm from 40, else cold. */
export const scoreBand = (score: number): 'hot' | 'warm' | 'cold' =>
  score >= 70 ? 'hot' : score >= 40 ? 'warm' : 'cold';

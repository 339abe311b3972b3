// A deal's custom field values as stored (issue 64): a number as its digits ("150"), money as an
// amount and a currency ("2500000 RUB"), a date as a day ("2027-03-14"), text as typed. What the typed
// inputs (DealFieldInputs.tsx) write, and which typed values cannot be stored: a number field holding
// words, a money amount that reads as no number. Pure, tested without a screen.
import type { CustomFieldDef } from '@app/shared/schemas';
import { numberOf } from '../../lib/typed-number';

const MONEY = /^(\d+(?:\.\d+)?) ([A-Z]{3})$/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** What a typed number is stored as: the number read from it, else the text (shown as invalid). */
export function numberText(v: string): string {
  const n = numberOf(v);
  return v.trim() === '' ? '' : n !== undefined ? String(n) : v;
}

/** A money field's stored text ("2000000 RUB") as its amount and currency (`fallback` by default). */
export function moneyOf(v: string, fallback: string): { amount: string; currency: string } {
  const m = v.trim().match(MONEY);
  return m ? { amount: m[1]!, currency: m[2]! } : { amount: v.trim(), currency: fallback };
}

/** The money field's stored text for a typed amount in `currency` ('' when emptied; as typed when no number). */
export function moneyText(amount: string, currency: string): string {
  const n = numberOf(amount);
  return amount.trim() === '' ? '' : n !== undefined ? `${n} ${currency}` : amount;
}

/** The ids of the fields whose value cannot be stored as their type: a number or money that is none. */
export function customProblemsOf(
  defs: readonly CustomFieldDef[],
  values: Readonly<Record<string, string>>,
): string[] {
  return defs
    .filter((def) => {
      const v = (values[def.id] ?? '').trim();
      if (!v) return false;
      if (def.type === 'number') return !NUMBER.test(v);
      if (def.type === 'money') return !MONEY.test(v);
      return false;
    })
    .map((def) => def.id);
}

// The events pack's reading measured on a set of event requests (issue 61), field by field and per
// language, beside the reading as it was before (baseline-extract.ts) in the same run: date, guests,
// budget (amount within 0.5% and currency), place (the gazetteer entry's English names include the
// expected one, case-insensitive), event type, and the estimate's currency (an estimate in the
// budget's currency, or, with no rate card in it, none and the reason said; counted where the request
// states guests and a budget). A set is a folder with requests.jsonl, one JSON a line:
// {"text", "lang", "now": "2026-12-06", "expect": {"date", "guests", "budget": {"amount", "currency"},
// "place", "eventType"}} (null: the request does not say).
import { placeNamed } from '../../../reading/places/match';
import type { RateCard } from '../../../schemas/pipelines';
import { extractEvent } from '../extract';
import { cardFor, estimateFor } from '../finance';
import { eventsAgencyPack } from '../index';
import { extractEvent as baselineExtract } from './baseline-extract';

export const evalFields = ['date', 'guests', 'budget', 'place', 'eventType', 'estimateCurrency'] as const;
export type EvalField = (typeof evalFields)[number];
export const expectedTypes = [
  'corporate',
  'wedding',
  'birthday',
  'anniversary',
  'conference',
  'teambuilding',
  'other',
] as const;

export type EventCase = {
  text: string;
  lang: 'ru' | 'en';
  now: string;
  expect: {
    date: string | null;
    guests: number | null;
    budget: { amount: number; currency: string } | null;
    place: string | null;
    eventType: (typeof expectedTypes)[number] | null;
  };
};

/** What a reader made of a request, in the set's terms. */
export type Reading = {
  date: string | null;
  guests: number | null;
  budget: { amount: number; currency: string } | null;
  /** The place's English names (the gazetteer's), or the text the reader gave when it has none. */
  place: string[] | null;
  eventType: string | null;
  /** The estimate's currency, `no card for X` when it declined, null when it made none. */
  estimate: string | null;
};
export type Reader = (c: EventCase) => Reading;

const evalCards = (): readonly RateCard[] => eventsAgencyPack.pipelines[0]?.rateCards ?? [];
const asType = (t: string | undefined) =>
  !t ? null : (expectedTypes as readonly string[]).includes(t) ? t : 'other';
const nowOf = (c: EventCase) => new Date(`${c.now}T09:00:00.000Z`);

/** The pack's reading now, and Finance's estimate choice (finance.ts estimateFor). */
export const currentReader: Reader = (c) => {
  const e = extractEvent(c.text, nowOf(c), c.lang);
  const plan = estimateFor(evalCards(), e.guests, e.budget, c.lang === 'ru' ? 'RUB' : 'GBP');
  return {
    date: e.date ?? null,
    guests: e.guests ?? null,
    budget: e.budget ?? null,
    place: e.place ? [...e.place.names] : e.city ? [e.city] : null,
    eventType: asType(e.type),
    estimate: !plan ? null : 'check' in plan ? plan.check.estimate.currency : `no card for ${plan.noCardFor}`,
  };
};

/** The reading before issue 61 (baseline-extract.ts) and Maestro's card choice of then. */
export const baselineReader: Reader = (c) => {
  const e = baselineExtract(c.text, nowOf(c), c.lang);
  const cards = evalCards();
  const card =
    e.guests && cards.length
      ? cardFor(cards, e.budget?.currency ?? (c.lang === 'ru' ? 'RUB' : 'GBP'))
      : undefined;
  const known = e.city ? placeNamed(e.city) : undefined;
  return {
    date: e.date ?? null,
    guests: e.guests ?? null,
    budget: e.budget ?? null,
    place: known ? [...known.names] : e.city ? [e.city] : null,
    eventType: asType(e.type),
    estimate: card?.currency ?? null,
  };
};

/** Whether a reading's field is right (the estimate's: only asked where guests and a budget are expected). */
export function fieldRight(field: EvalField, c: EventCase, r: Reading): boolean | undefined {
  const x = c.expect;
  switch (field) {
    case 'date':
      return r.date === x.date;
    case 'guests':
      return r.guests === x.guests;
    case 'budget':
      return x.budget === null
        ? r.budget === null
        : !!r.budget &&
            r.budget.currency === x.budget.currency &&
            Math.abs(r.budget.amount - x.budget.amount) <= x.budget.amount * 0.005;
    case 'place':
      return x.place === null
        ? r.place === null
        : !!r.place?.some((n) => n.toLowerCase() === x.place!.toLowerCase());
    case 'eventType':
      return r.eventType === x.eventType;
    case 'estimateCurrency':
      if (!x.budget || !x.guests) return undefined;
      return r.estimate === x.budget.currency || r.estimate === `no card for ${x.budget.currency}`;
  }
}

export type FieldRow = {
  field: EvalField;
  lang: 'ru' | 'en' | 'all';
  n: number;
  right: number;
  accuracy: number;
  baselineRight: number;
  baselineAccuracy: number;
};
export type EventsEvalResult = {
  cases: number;
  rows: FieldRow[];
  misses: { text: string; field: EvalField; expected: unknown; got: unknown }[];
};

/** A set's requests.jsonl text as cases (the CLI reads the file). */
export function parseCases(jsonl: string): EventCase[] {
  return jsonl
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l, i) => {
      const c = JSON.parse(l) as EventCase;
      if (typeof c.text !== 'string' || !c.expect || !/^\d{4}-\d{2}-\d{2}/u.test(c.now ?? ''))
        throw new Error(`requests.jsonl line ${i + 1}: needs text, now (YYYY-MM-DD) and expect`);
      return { ...c, lang: c.lang === 'en' ? 'en' : 'ru' };
    });
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function evaluateEvents(cases: readonly EventCase[]): EventsEvalResult {
  const now = cases.map((c) => ({ c, r: currentReader(c), b: baselineReader(c) }));
  const rows: FieldRow[] = [];
  const misses: EventsEvalResult['misses'] = [];
  for (const field of evalFields)
    for (const lang of ['ru', 'en', 'all'] as const) {
      const scored = now
        .filter(({ c }) => lang === 'all' || c.lang === lang)
        .map(({ c, r, b }) => ({ c, r, right: fieldRight(field, c, r), base: fieldRight(field, c, b) }))
        .filter((s) => s.right !== undefined);
      const right = scored.filter((s) => s.right).length;
      const baselineRight = scored.filter((s) => s.base).length;
      const n = scored.length;
      rows.push({
        field,
        lang,
        n,
        right,
        accuracy: n ? round(right / n) : 0,
        baselineRight,
        baselineAccuracy: n ? round(baselineRight / n) : 0,
      });
      if (lang === 'all')
        for (const s of scored.filter((x) => !x.right))
          misses.push({
            text: s.c.text,
            field,
            expected: field === 'estimateCurrency' ? s.c.expect.budget?.currency : s.c.expect[field],
            got:
              field === 'estimateCurrency'
                ? s.r.estimate
                : field === 'place'
                  ? (s.r.place?.[0] ?? null)
                  : s.r[field],
          });
    }
  return { cases: cases.length, rows, misses };
}

export function formatEventsTable(result: EventsEvalResult): string {
  const head = '| field | lang | n | now | baseline (before issue 61) |\n| --- | --- | --- | --- | --- |';
  const body = result.rows.map(
    (r) =>
      `| ${r.field} | ${r.lang} | ${r.n} | ${r.accuracy.toFixed(3)} (${r.right}) | ${r.baselineAccuracy.toFixed(3)} (${r.baselineRight}) |`,
  );
  return [head, ...body].join('\n');
}

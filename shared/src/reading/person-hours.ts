// Hours times the people or vehicles who work them (issue 61, quotes11): a service sold per person-hour
// ("mover-hour", «чел.-час», "man-hour") counted as people and hours («2 грузчика на 3 часа»: 6, "three
// movers for a 4 hour job": 12, "3 hours of one mover's time": 3), and one sold by the hour counted as
// vehicles and hours each ("Two trucks with drivers, 3 hours each": 6). Read only when the product's
// clause holds one amount of hours and at most one count of the product, nothing else: any other number
// leaves the line as the reader left it.
import { measureOf, unitWordAt } from '../catalog/units';
import type { ProductDoc } from '../schemas/products';
import { findNumbers } from './numbers';

/** A unit of one person's hour: "mover-hour", "man-hour", "person-hour", «чел.-час», «человеко-час». */
const personHourUnit = /^(?:\p{L}+[-‐\s]hours?|чел(?:\.|овеко)?[-‐\s]*час\p{L}*|\p{L}+[-‐]час\p{L}*)$/iu;

export const soldByPersonHour = (p: ProductDoc): boolean =>
  [p.unit, p.units?.en, p.units?.ru].some((u) => !!u && personHourUnit.test(u.trim()));

type Span = { start: number; end: number };

/** Words that join the items of a list. */
const joiner = /,|(?<!\p{L})(?:и|а также|плюс|and|plus)(?!\p{L})|\+/giu;

/** Where the product's clause is: from the previous product's name (or the sentence) to the next one's. */
function clauseOf(text: string, line: Span, others: readonly Span[]): Span {
  const before = others.filter((o) => o.end <= line.start).map((o) => o.end);
  const after = others.filter((o) => o.start >= line.end).map((o) => o.start);
  const sentenceStart = Math.max(
    0,
    ...[...text.slice(0, line.start).matchAll(/[.!?\n](?=\s)/gu)].map((m) => m.index + 1),
  );
  const rest = /[.!?\n](?=\s|$)/u.exec(text.slice(line.end));
  const sentenceEnd = rest ? line.end + rest.index : text.length;
  // Beside another product, the clause starts after the joining word before this one's name and ends
  // at the one after it ("a mover for 3 hours | and | the truck for 3 hours").
  let start = Math.max(sentenceStart, ...before);
  if (before.length) {
    const joins = [...text.slice(start, line.start).matchAll(joiner)];
    if (joins.length) start += joins[joins.length - 1]!.index + joins[joins.length - 1]![0].length;
  }
  let end = Math.min(sentenceEnd, ...after);
  if (after.length) {
    const join = [...text.slice(line.end, end).matchAll(joiner)][0];
    if (join && join[0].trim() !== ',') end = line.end + join.index;
  }
  return { start, end };
}

/** One person counted ("один человек", "one person", "a single mover"). */
const peopleAfter = /^[\s\u00a0]+(?:человек\p{L}*|чел\.?|people|persons?|man|men)(?!\p{L})/iu;
/** "4 hour job", "a 3-hour move": hours said as an adjective. */
const hourAdjective = /^[\s\u00a0]*[-‐]?[\s\u00a0]*hours?(?!\p{L})/iu;

/**
 * The quantity of a service sold per person-hour, or by the hour counted in vehicles, from its clause:
 * hours × the count of the product (or one person); `undefined` when the clause is not just that.
 */
export function personHours(
  text: string,
  line: Span & { product: ProductDoc },
  others: readonly Span[],
): { total: number; count?: number; hours: number; perPerson: boolean } | undefined {
  const perPerson = soldByPersonHour(line.product);
  if (!perPerson && measureOf(line.product) !== 'hour') return undefined;
  const clause = clauseOf(text, line, others);
  const part = text.slice(clause.start, clause.end);
  let hours: number | undefined;
  let count: number | undefined;
  for (const n of findNumbers(part)) {
    const [start, end] = [clause.start + n.start, clause.start + n.end];
    const after = text.slice(end, end + 30);
    const isHours =
      unitWordAt(after)?.measure === 'hour' ||
      hourAdjective.test(after) ||
      // «часов на пять», "hours, about 5": the unit's word before the number.
      /(?:час\p{L}*|hours?)[\s\u00a0,]+(?:на|about|for|around)?[\s\u00a0]*$/iu.test(
        text.slice(Math.max(clause.start, start - 16), start),
      );
    if (n.upTo !== undefined) return undefined;
    if (isHours) {
      if (hours !== undefined) return undefined;
      hours = n.value;
      continue;
    }
    // The product's count: right before its name (adjectives between: "two covered trucks"), right
    // after it with one word between («такси нужно два»), or one person named.
    const beforeName =
      end <= line.start &&
      /^[\s\u00a0]*(?:\p{L}+(?:ых|ие|ые|их|ого|ий|ый)[\s\u00a0]+)?$/u.test(text.slice(end, line.start));
    // After the name the count ends its phrase («такси нужно два, каждое…»; "trucks: two").
    const afterName =
      start >= line.end &&
      /^[\s\u00a0,:—-]*(?:\p{L}+[\s\u00a0]+)?$/u.test(text.slice(line.end, start)) &&
      /^[\s\u00a0]*(?:[,.;!?]|$)/u.test(after);
    if (/[№#][\s\u00a0]*$/u.test(text.slice(Math.max(0, start - 3), start))) return undefined;
    const onePerson = perPerson && n.value === 1 && peopleAfter.test(after);
    if (!(beforeName || afterName || onePerson) || count !== undefined || !Number.isInteger(n.value))
      return undefined;
    count = n.value;
  }
  if (hours === undefined || !(hours > 0)) return undefined;
  // A vehicle's hours multiply only by vehicles counted; people per person-hour likewise.
  const total = Math.round(hours * (count ?? 1) * 1e4) / 1e4;
  return { total, hours, perPerson, ...(count !== undefined ? { count } : {}) };
}

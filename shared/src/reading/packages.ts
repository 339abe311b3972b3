// Counts of another unit than the product's (issue 61, quotes11/12): a package the customer counts
// ("3 rolls of bubble wrap", «2 рулона плёнки», "4 packs of napkins") for a product sold by the metre,
// kilo or piece, or the items inside a package ("36 macarons", «24 эклера») for a product sold by the
// box. Such a count is never the product's quantity as it stands: it is converted only when the catalog
// states the conversion once and plainly (the name's "(12 pcs)", "box of 12", a description's "50 m to a
// roll", «в рулоне 50 м») and the division is whole; else the line is unread, asked back.
import { measureOf, unitWordAt, type Measure } from '../catalog/units';
import type { ProductDoc } from '../schemas/products';

/** Package nouns by kind, in both languages; a kind meets its own words only ("rolls" and «рулон»). */
const packageKinds: ReadonlyArray<[string, RegExp]> = [
  ['roll', /^(?:rolls?|рулон\p{L}*)$/u],
  ['box', /^(?:box|boxes|cartons?|коробк\p{L}*|коробок|коробочк\p{L}*)$/u],
  ['pack', /^(?:packs?|packets?|packages?|упаковк\p{L}*|упаковок|пачк\p{L}*|пачек)$/u],
  ['bag', /^(?:bags?|sacks?|мешк\p{L}*|мешок|мешочк\p{L}*)$/u],
  ['jar', /^(?:jars?|банк[аиуе]|банок|баночк\p{L}*)$/u],
  ['bottle', /^(?:bottles?|бутыл\p{L}*)$/u],
  ['tray', /^(?:trays?|лот(?:ок|к\p{L}+))$/u],
  ['crate', /^(?:crates?|ящик\p{L}*)$/u],
];

/** The kind of package a word names, if it names one. */
export function packageKind(word: string): string | undefined {
  const w = word.toLowerCase().replace(/ё/gu, 'е');
  return packageKinds.find(([, re]) => re.test(w))?.[0];
}

/** The product's own unit as a package kind ("box" for a product sold per «коробка»). */
function ownPackage(p: ProductDoc): string | undefined {
  for (const u of [p.unit, p.units?.en, p.units?.ru]) {
    const kind = u ? packageKind(u.trim()) : undefined;
    if (kind) return kind;
  }
  return undefined;
}

const word = /[\p{L}]+/gu;
const words = (text: string) => [...text.matchAll(word)].map((m) => m[0]);
const numberPattern = String.raw`(\d+(?:[.,]\d+)?)`;
const toNumber = (s: string) => Number(s.replace(',', '.'));

/**
 * How many of the product's units the catalog says one package of `kind` holds ("50 m to a roll",
 * «в рулоне 50 м», "(12 pcs)" of a box sold by the box: 12 pieces), if it says it once.
 */
function perPackage(p: ProductDoc, kind: string, own: Measure | 'items'): number | undefined {
  const texts = [p.name, p.names?.ru, p.names?.en, p.descriptions?.ru, p.descriptions?.en, p.description]
    .filter((t): t is string => !!t)
    .map((t) => t.toLowerCase().replace(/ё/gu, 'е'));
  const found = new Set<number>();
  const unitOk = (after: string) =>
    own === 'items'
      ? !unitWordAt(after) || unitWordAt(after)!.measure === 'piece'
      : unitWordAt(after)?.measure === own;
  const isKind = (w: string | undefined) => !!w && packageKind(w) === kind;
  for (const t of texts) {
    // "50 m to a roll", "50 m per roll", "50 m in a roll", «50 м в рулоне».
    for (const m of t.matchAll(
      new RegExp(
        String.raw`${numberPattern}([\s\u00a0]*\p{L}+\.?)[\s\u00a0]+(?:to|per|in|a|в|на)[\s\u00a0]+(?:(?:a|an|one|each|the|один|одн\p{L}*)[\s\u00a0]+)?(\p{L}+)`,
        'gu',
      ),
    ))
      if (isKind(m[3]) && unitOk(m[2]!)) found.add(toNumber(m[1]!));
    // «в рулоне 50 м», «в коробке 12 шт.».
    for (const m of t.matchAll(
      new RegExp(String.raw`в[\s\u00a0]+(\p{L}+)[\s\u00a0]+${numberPattern}([\s\u00a0]*\p{L}+)?`, 'gu'),
    ))
      if (isKind(m[1]) && (own === 'items' ? !m[3] || unitOk(m[3]) : !!m[3] && unitOk(m[3])))
        found.add(toNumber(m[2]!));
    // "a roll of 50 m", "box of 12", «коробка из 12», «коробка по 12 шт.».
    for (const m of t.matchAll(
      new RegExp(
        String.raw`(\p{L}+)[\s\u00a0]+(?:of|из|по)[\s\u00a0]+${numberPattern}(?![\d.,])([\s\u00a0]*\p{L}+)?`,
        'gu',
      ),
    ))
      if (
        isKind(m[1]) &&
        (own === 'items' ? !m[3] || unitOk(m[3]) || !unitWordAt(m[3]) : !!m[3] && unitOk(m[3]))
      )
        found.add(toNumber(m[2]!));
  }
  // A product sold by the package: "(12 pcs)", «(12 шт.)» in its name is what one holds.
  if (own === 'items' && kind === ownPackage(p))
    for (const n of [p.name, p.names?.ru, p.names?.en].filter((t): t is string => !!t))
      for (const m of n.matchAll(/\((\d+)[\s\u00a0]*(?:pcs|pieces|шт)\.?\)/giu)) found.add(Number(m[1]));
  return found.size === 1 ? [...found][0] : undefined;
}

export type PackagedLine = {
  product: ProductDoc;
  start: number;
  end: number;
  quantity?: number;
  number?: { start: number; end: number };
};

/**
 * The line's quantity when its number counts another unit than the product's: converted when the catalog
 * states how many one holds, `undefined` when it does not (ask back); the line's own quantity when its
 * number counts the product's unit. `null`: nothing to do.
 */
export function packagedQuantity(text: string, line: PackagedLine): number | undefined | null {
  const n = line.number;
  if (line.quantity === undefined || !n || !Number.isInteger(line.quantity)) return null;
  const own = ownPackage(line.product);
  const measure = measureOf(line.product);
  // The words the number counts: up to two after it (before the product's name), and the name's words.
  const between = n.end <= line.start ? words(text.slice(n.end, line.start)).slice(0, 2) : [];
  const counted = between.map(packageKind).find(Boolean);
  if (counted && counted !== own) {
    // "3 rolls of bubble wrap" sold by the metre: the roll's metres, if the catalog says them.
    const per = perPackage(
      line.product,
      counted,
      measure.startsWith('own:') || measure === 'piece' ? 'items' : measure,
    );
    if (per === undefined) return undefined;
    const total = line.quantity * per;
    return Number.isInteger(total) ? total : undefined;
  }
  if (!own || counted === own) return null;
  // A product sold by the package counted by what it holds ("36 macarons"): the number's next word a
  // word of the name that is no package, or no package word by the number or the name ("3 boxes of
  // macarons", "five macaron boxes" count boxes).
  const [next, second] = words(text.slice(n.end, n.end + 40));
  if (second && packageKind(second) === own) return null;
  const nameWords = [line.product.name, line.product.names?.ru, line.product.names?.en]
    .flatMap((t) => words((t ?? '').toLowerCase()))
    .filter((w) => w.length >= 4 && !packageKind(w));
  const itemWord = !!next && !packageKind(next) && nameWords.some((w) => stem(w) === stem(next));
  if (itemWord) return itemsToPackages(line.product, own, line.quantity);
  const named = words(text.slice(line.start, line.end));
  const after = words(text.slice(line.end, line.end + 30)).slice(0, 1);
  const before = n.start >= line.end ? words(text.slice(line.end, n.start)).slice(-2) : [];
  if (
    [...named, ...after, ...before, ...words(text.slice(n.end, n.end + 20)).slice(0, 1)].some(
      (w) => packageKind(w) === own,
    )
  )
    return null;
  return itemsToPackages(line.product, own, line.quantity);
}

/** A word's first four letters, lower case: "macarons" and "Macaron", «макарон» and «макаронов». */
const stem = (w: string) => w.toLowerCase().replace(/ё/gu, 'е').slice(0, 4);

/** Items counted as packages of the product, when the catalog says how many one holds and they fill whole ones. */
function itemsToPackages(p: ProductDoc, own: string, items: number): number | undefined {
  const per = perPackage(p, own, 'items');
  if (per === undefined || per <= 1) return undefined;
  return items % per === 0 ? items / per : undefined;
}

/**
 * A whole number written after the product's name and followed by a package of another kind than the
 * product's ("плёнку возьмём 2 рулона"): how many of the product's units that is, when the catalog says
 * (`undefined` when it does not); `null` when it is no such number.
 */
export function packagesAfter(
  text: string,
  line: PackagedLine,
  at: { start: number; end: number },
): number | undefined | null {
  if (at.start < line.end || !/^\d+$/u.test(text.slice(at.start, at.end))) return null;
  const next = words(text.slice(at.end, at.end + 30))[0];
  const kind = next ? packageKind(next) : undefined;
  if (!kind || kind === ownPackage(line.product)) return null;
  const measure = measureOf(line.product);
  const per = perPackage(
    line.product,
    kind,
    measure.startsWith('own:') || measure === 'piece' ? 'items' : measure,
  );
  if (per === undefined) return undefined;
  const total = Number(text.slice(at.start, at.end)) * per;
  return Number.isInteger(total) ? total : undefined;
}

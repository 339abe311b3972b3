// Catalog benchmark (issue 38): finding the products a customer message names and quoting them, p95 at
// 10,000 products (goal < 50 ms each), with a plain baseline in the same run: a linear scan of every
// product's names and SKU as lower-case substrings of the message (exact spelling only). Also the
// index build time and how many of the messages each finds its product in (inflected Russian names,
// other casing and SKUs written differently are what the baseline misses).
// `npm run bench -w shared [-- --quick | --smoke]`; JSON: bench/results/catalog[-mode].json.
import { fileURLToPath } from 'node:url';
import { catalogIndex, findProducts, quote, readQuoteRequest } from '../src/catalog/index';
import type { ProductDoc } from '../src/schemas/products';
import { newReport, printReport, resultsFile, summarize, type BenchMode } from './report';

const en = ['Widget', 'Gadget', 'Sensor', 'Router', 'Module', 'Panel', 'Camera', 'Switch', 'Tracker', 'Hub'];
const ru = [
  'Виджет',
  'Гаджет',
  'Датчик',
  'Роутер',
  'Модуль',
  'Панель',
  'Камера',
  'Коммутатор',
  'Трекер',
  'Хаб',
];
const ruGenitive = [
  'виджетов',
  'гаджетов',
  'датчиков',
  'роутеров',
  'модулей',
  'панелей',
  'камер',
  'коммутаторов',
  'трекеров',
  'хабов',
];
const models = ['Pro', 'Max', 'Lite', 'Mini', 'Plus', 'Air', 'Ultra', 'Neo', 'One', 'Go'];

/** A deterministic catalog: product i is "<Kind> <Model> <series>" in English and Russian. */
function catalogOf(n: number): ProductDoc[] {
  return Array.from({ length: n }, (_, i) => {
    const kind = i % en.length;
    const model = models[Math.floor(i / en.length) % models.length]!;
    const series = `S${Math.floor(i / 100)}`;
    return {
      id: `prod-${i}`,
      sku: `${en[kind]!.slice(0, 2).toUpperCase()}-${i}`,
      name: `${en[kind]} ${model} ${series}`,
      names: { ru: `${ru[kind]} ${model} ${series}` },
      prices: [
        { currency: 'RUB', amount: 990 + (i % 50) * 10 },
        { currency: 'USD', amount: 9.99 + (i % 7) },
      ],
      discounts: [
        { minQuantity: 10, percent: 5 },
        { minQuantity: 50, percent: 12.5 },
        { code: 'SPRING10', percent: 10 },
      ],
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
  });
}

/** Messages customers write about product `i` (English, Russian inflected, SKU) and none at all. */
function messagesFor(products: ProductDoc[], count: number): Array<{ text: string; productId?: string }> {
  return Array.from({ length: count }, (_, j) => {
    const i = (j * 7919) % products.length;
    const p = products[i]!;
    const kind = i % en.length;
    const [, model, series] = p.name.split(' ');
    switch (j % 5) {
      case 0:
        return { text: `How much for ${10 + (j % 40)} ${p.name}?`, productId: p.id };
      case 1:
        return {
          text: `Сколько стоят ${5 + (j % 30)} ${ruGenitive[kind]} ${model} ${series}?`,
          productId: p.id,
        };
      case 2:
        return {
          text: `${p.sku.toLowerCase().replace('-', ' ')}, 12 шт, промокод spring10`,
          productId: p.id,
        };
      case 3:
        return { text: `price of ${p.name.toUpperCase()} paid yearly`, productId: p.id };
      default:
        return { text: 'Do you deliver to Kazan and how long does it take?' };
    }
  });
}

/** The baseline: every product's names and SKU looked for as substrings, one product after another. */
function linearScan(text: string, products: readonly ProductDoc[]): ProductDoc[] {
  const t = text.toLowerCase();
  return products.filter((p) =>
    [p.name, p.names?.ru, p.names?.en, p.sku].some((n) => n && t.includes(n.toLowerCase())),
  );
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

export async function run(mode: BenchMode): Promise<void> {
  const report = newReport('catalog');
  const size = mode === 'smoke' ? 1000 : 10_000;
  const products = catalogOf(size);
  const messages = messagesFor(products, mode === 'smoke' ? 100 : mode === 'quick' ? 500 : 2000);
  const build = time(() => catalogIndex(products));
  const index = build.value;
  const found = { ours: 0, baseline: 0, expected: messages.filter((m) => m.productId).length };
  const find: number[] = [];
  const scan: number[] = [];
  const quoting: number[] = [];
  const search: number[] = [];
  const now = new Date('2026-04-01T00:00:00.000Z');
  for (const m of messages) {
    const r = time(() => readQuoteRequest(m.text, index));
    find.push(r.ms);
    const b = time(() => linearScan(m.text, products));
    scan.push(b.ms);
    if (m.productId && r.value.lines.some((l) => l.productId === m.productId)) found.ours++;
    if (m.productId && b.value.some((p) => p.id === m.productId)) found.baseline++;
    if (r.value.lines.length) {
      const q = time(() =>
        quote(r.value.lines, products, {
          now,
          ...(r.value.period ? { period: r.value.period } : {}),
          ...(r.value.promoCode ? { promoCode: r.value.promoCode } : {}),
        }),
      );
      quoting.push(q.ms);
    }
    search.push(time(() => findProducts(m.text, index, { limit: 5 })).ms);
  }
  const s = (xs: number[]) => summarize([...xs].sort((a, b) => a - b));
  const baseline = s(scan);
  const note = `${size.toLocaleString('en')} products, ${messages.length} messages (${mode})`;
  report.figures.push(
    {
      name: `products named in a message, p95 at ${size}`,
      value: s(find).p95,
      unit: 'ms',
      goal: '< 50',
      baseline: { name: 'linear substring scan', value: baseline.p95 },
      note: `readQuoteRequest (names, SKU, quantity, period, promo) over the index; ${note}`,
    },
    {
      name: `quote, p95 at ${size}`,
      value: s(quoting).p95,
      unit: 'ms',
      goal: '< 50',
      baseline: { name: 'linear substring scan', value: baseline.p95 },
      note: `quote() of the lines found, integer minor units; ${quoting.length} quotes`,
    },
    {
      name: `find_products search, p95 at ${size}`,
      value: s(search).p95,
      unit: 'ms',
      goal: '< 50',
      baseline: { name: 'linear substring scan', value: baseline.p95 },
      note,
    },
    { name: `catalog index build at ${size}`, value: build.ms, unit: 'ms', note: 'once per catalog change' },
    {
      name: 'messages whose product is found',
      value: found.ours / found.expected,
      unit: 'ratio',
      baseline: { name: 'linear substring scan', value: found.baseline / found.expected },
      note: `${found.ours} vs ${found.baseline} of ${found.expected} (inflected Russian, other casing, SKUs as "wi 12")`,
    },
  );
  printReport(report, resultsFile(fileURLToPath(new URL('./results/', import.meta.url)), 'catalog', mode));
}

// A CSV of products into a team's catalog (issue 38), by SKU: a row whose SKU the team has updates
// that product with the cells it fills (an empty cell keeps the value), a new SKU creates a product.
// Prices replace the product's price in that currency and period (without a `period` column, its
// price in that currency, whatever its period); `discounts` replaces the volume tiers and keeps the
// period and promo discounts. Every row is validated like an API write (the shared schema and product
// rules); a dry run answers the report and writes nothing; an import writes all or nothing
// (import-commit.ts), unless skipInvalid leaves the failed rows out. The limits of the contacts
// import hold: 5 MB (the route), 10,000 rows and 100 columns (parse-table.ts), text only.
import { DomainError } from '@app/shared/errors';
import { newId } from '@app/shared/ids';
import { isVolumeTier, productIssues, type ProductDoc, type ProductPrice } from '@app/shared/schemas';
import { validateDoc } from '@app/shared/validation';
import type { Store } from '../context';
import type { ApiDoc } from '../store/raw-docs';
import { apiDocs } from '../store/data';
import { decodeText } from './decode-text';
import { commitWrites } from './import-commit';
import type { PlannedWrite } from './import-plan';
import { parseTable } from './parse-table';
import { mapProductColumns, productRow, type ProductRow } from './product-columns';
import { asCollectionDoc } from '../store/collections';
import type { ImportReportHead, ImportRunOptions } from './import-report';

export type ProductRowReport = {
  row: number;
  sku?: string;
  status: 'created' | 'updated' | 'unchanged' | 'failed';
  productId?: string;
  reason?: string;
};

export type ProductImportReport = ImportReportHead & {
  counts: { rows: number; created: number; updated: number; unchanged: number; failed: number };
  rows: ProductRowReport[];
};

type Existing = ApiDoc & { _rev: string };

function mergePrices(current: ProductPrice[], given: ProductPrice[], periodGiven: boolean): ProductPrice[] {
  const next = [...current];
  for (const price of given) {
    const at = next.findIndex(
      (p) =>
        p.currency === price.currency && (!periodGiven || (p.period ?? 'once') === (price.period ?? 'once')),
    );
    if (at < 0) next.push(price);
    else
      next[at] = periodGiven
        ? price
        : { ...price, ...(next[at]!.period ? { period: next[at]!.period } : {}) };
  }
  return next;
}

/** The product a row makes of `current` (or of nothing), and the fields that changed. */
function applyRow(current: ApiDoc | undefined, row: ProductRow): { doc: ApiDoc; changed: string[] } {
  const doc: ApiDoc = current
    ? { ...current }
    : { id: newId('product'), active: true, kind: 'product', prices: [] };
  const { prices, period, tiers, names, descriptions, ...plain } = row;
  const next: Record<string, unknown> = { ...plain };
  if (names) next.names = { ...(doc.names as object), ...names };
  if (descriptions) next.descriptions = { ...(doc.descriptions as object), ...descriptions };
  if (prices) next.prices = mergePrices((doc.prices ?? []) as ProductPrice[], prices, period !== undefined);
  if (tiers) {
    const kept = ((doc.discounts ?? []) as NonNullable<ProductDoc['discounts']>).filter(
      (d) => !isVolumeTier(d),
    );
    next.discounts = [...tiers, ...kept];
  }
  const changed: string[] = [];
  for (const [key, value] of Object.entries(next)) {
    if (JSON.stringify(doc[key]) === JSON.stringify(value)) continue;
    doc[key] = value;
    changed.push(key);
  }
  if (!current) changed.push('active', 'kind');
  return { doc, changed: [...new Set(changed)] };
}

function stamp(doc: ApiDoc, changed: string[], at: string, created: boolean): void {
  if (created) doc.createdAt = at;
  doc.updatedAt = at;
  const times = { ...((doc.fieldUpdatedAt ?? {}) as Record<string, string>) };
  for (const f of changed) times[f] = at;
  doc.fieldUpdatedAt = times;
}

/** Why a planned product cannot be written, if it cannot. */
function invalid(doc: ApiDoc): string | undefined {
  const { _rev: _ignored, ...plain } = doc as Existing;
  const checked = validateDoc('products', plain);
  if (!checked.ok) return checked.message;
  const issues = productIssues(asCollectionDoc('products', plain));
  return issues.length ? issues.map((i) => `${i.path}: ${i.message}`).join('; ') : undefined;
}

export function planProductImport(
  inputs: { row: number; fields?: ProductRow; reasons?: string[] }[],
  existing: Existing[],
  now: Date,
): { writes: PlannedWrite[]; rows: ProductRowReport[] } {
  const at = now.toISOString();
  const bySku = new Map(existing.map((d) => [String(d.sku), d]));
  const seen = new Map<string, number>();
  const writes: PlannedWrite[] = [];
  const rows: ProductRowReport[] = [];
  for (const input of inputs) {
    const sku = input.fields?.sku;
    if (!input.fields || !sku) {
      rows.push({ row: input.row, status: 'failed', reason: (input.reasons ?? ['sku: empty']).join('; ') });
      continue;
    }
    if (seen.has(sku)) {
      rows.push({
        row: input.row,
        sku,
        status: 'failed',
        reason: `SKU '${sku}' is also in row ${seen.get(sku)}`,
      });
      continue;
    }
    seen.set(sku, input.row);
    const target = bySku.get(sku);
    const { doc, changed } = applyRow(target, input.fields);
    if (target && changed.length === 0) {
      rows.push({ row: input.row, sku, status: 'unchanged', productId: target.id });
      continue;
    }
    stamp(doc, changed, at, !target);
    const reason = invalid(doc);
    if (reason) {
      rows.push({ row: input.row, sku, status: 'failed', reason });
      continue;
    }
    const { _rev: rev, ...plain } = doc as Existing;
    writes.push({ collection: 'products', doc: plain, ...(target ? { rev, previous: target } : {}) });
    rows.push({ row: input.row, sku, status: target ? 'updated' : 'created', productId: doc.id });
  }
  return { writes, rows };
}

export async function importProductsCsv(
  store: Store,
  teamId: string,
  bytes: Uint8Array,
  o: ImportRunOptions,
): Promise<ProductImportReport> {
  const table = parseTable(decodeText(bytes, 'CSV file'));
  const columns = mapProductColumns(table.headers);
  if (!columns.fields.has('sku')) {
    throw new DomainError(
      'validation-failed',
      `The CSV has no sku column (headers: ${table.headers.slice(0, 10).join(', ')}); products are matched by SKU`,
    );
  }
  const inputs = table.rows.map(({ row, cells }) => {
    const result = productRow(columns, cells);
    return result.ok ? { row, fields: result.row } : { row, reasons: result.reasons };
  });
  const existing = (await apiDocs(store, teamId, 'products').all()).map((i) => ({ ...i.doc, _rev: i.rev }));
  const plan = planProductImport(inputs, existing, o.now);
  const count = (s: ProductRowReport['status']) => plan.rows.filter((r) => r.status === s).length;
  const report: ProductImportReport = {
    dryRun: o.dryRun,
    written: false,
    delimiter: table.delimiter,
    columns: {
      mapped: Object.fromEntries([
        ...[...columns.fields].map(([field, index]) => [table.headers[index]!, field]),
        ...[...columns.prices].map(([currency, index]) => [table.headers[index]!, `price ${currency}`]),
      ]),
      ignored: columns.ignored,
    },
    counts: {
      rows: plan.rows.length,
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      failed: count('failed'),
    },
    rows: plan.rows,
  };
  if (o.dryRun) return report;
  if (report.counts.failed > 0 && !o.skipInvalid) {
    throw new DomainError(
      'validation-failed',
      `${report.counts.failed} of ${report.counts.rows} rows failed; nothing was imported (see details.rows, or pass skipInvalid=true)`,
      { details: { ...report, rows: plan.rows.filter((r) => r.status === 'failed').slice(0, 500) } },
    );
  }
  if (plan.writes.length) {
    await commitWrites(store, teamId, plan.writes);
    report.written = true;
  }
  return report;
}

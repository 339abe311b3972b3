// CSV import (with a dry run) and export of the product catalog (issue 38): admins import (the access
// table's create and update of products), everyone exports. The import is the contacts import's
// parts (upload limit, decoding, parsing, all-or-nothing commit) with the product columns
// (csv/import-products.ts); fixed paths, mounted before `/products/:id`.
import type { Router } from 'express';
import { z } from 'zod';
import type { ServerDeps } from '../context';
import type { RouteRegistry } from '../http/registry';
import { importProductsCsv } from '../csv/import-products';
import { catalogCurrencies, productExportRow, productHeaders } from '../csv/product-export';
import { BOM, csvLine } from '../csv/write-csv';
import { teamCollection } from '../store/collections';
import {
  addCsvExport,
  CSV_MAX_BYTES,
  csvAttachment,
  importQuery,
  importReportHead,
  importRoute,
} from './csv-routes';

const report = z.object({
  ...importReportHead,
  counts: z.object({
    rows: z.number(),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    failed: z.number(),
  }),
  rows: z.array(
    z.object({
      row: z.number(),
      sku: z.string().optional(),
      status: z.enum(['created', 'updated', 'unchanged', 'failed']),
      productId: z.string().optional(),
      reason: z.string().optional(),
    }),
  ),
});

export function addProductCsvRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  const tag = 'csv';
  registry.add(
    router,
    {
      method: 'post',
      path: '/products/import',
      summary:
        'Import products from CSV by SKU (existing SKUs update, new ones create): raw body or multipart `file`; dryRun=true reports each row without writing; all rows or nothing (400 with the failed rows unless skipInvalid=true)',
      tag,
      access: [
        { resource: 'products', op: 'create' },
        { resource: 'products', op: 'update' },
      ],
      query: importQuery,
      body: {
        mediaType: 'text/csv',
        description: `CSV up to ${CSV_MAX_BYTES} bytes: sku, name, name_ru, name_en, description, unit, category, price_RUB (any price_XXX), period, discounts (10:5;50:10), delivery, availability, active`,
      },
      response: report,
    },
    importRoute(deps, (auth, bytes, options) => importProductsCsv(deps.store, auth.teamId, bytes, options)),
  );

  addCsvExport(
    router,
    registry,
    {
      path: '/products/export.csv',
      summary:
        'The product catalog as CSV, in the columns the import reads (sep=semicolon for Russian Excel)',
      tag,
      access: { resource: 'products', op: 'read' },
    },
    async (res, auth, sep) => {
      const products = await teamCollection(deps.store, auth.teamId, 'products').all();
      products.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
      const currencies = catalogCurrencies(products);
      csvAttachment(res, 'products.csv');
      res.send(
        BOM +
          csvLine(productHeaders(currencies), sep) +
          products.map((p) => csvLine(productExportRow(p, currencies), sep)).join(''),
      );
    },
  );
}

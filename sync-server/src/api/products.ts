// Products (the team's catalog, issue 38): CRUD with paging, filters (category, active, currency: a
// price in it) and a text search over the SKU, names and descriptions. Everyone reads; admins write
// (the access table). A new product is active and a product unless the caller says otherwise; the SKU
// is unique within the team and prices are in known currencies (product-checks.ts).
import type { Router } from 'express';
import { z } from 'zod';
import { productSchema } from '@app/shared/schemas';
import type { ServerDeps } from '../context';
import type { RouteRegistry } from '../http/registry';
import type { ApiDoc } from '../store/raw-docs';
import { addCollectionRoutes } from './collection-router';
import { createListCache } from './list-cache';
import { textMatch } from './paging';
import { checkProduct } from './product-checks';

type Localized = { ru?: string; en?: string } | undefined;
type Price = { currency: string };

/** What `q` searches: the SKU, the name in each language and the descriptions. */
export function productSearchValues(doc: ApiDoc): unknown[] {
  const names = doc.names as Localized;
  const descriptions = doc.descriptions as Localized;
  return [doc.sku, doc.name, names?.ru, names?.en, doc.description, descriptions?.ru, descriptions?.en];
}

export const productDefaults = () => ({ active: true, kind: 'product' });

const productQuery = {
  category: z.string().max(200).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a currency code such as RUB')
    .optional(),
};

export function addProductRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  addCollectionRoutes(router, registry, deps, {
    collection: 'products',
    base: '/products',
    tag: 'products',
    idPrefix: 'product',
    what: 'Product',
    notFound: 'product-not-found',
    defaults: productDefaults,
    extraQuery: productQuery,
    omitQuery: { channel: true },
    jsonSchema: productSchema,
    listCache: createListCache(deps.store),
    match: (q, doc) =>
      (q.category === undefined || doc.category === q.category) &&
      (q.active === undefined || (doc.active ?? true) === q.active) &&
      (q.currency === undefined || (doc.prices as Price[]).some((p) => p.currency === q.currency)) &&
      textMatch(q.q, productSearchValues(doc)),
    beforeWrite: checkProduct(deps),
  });
}

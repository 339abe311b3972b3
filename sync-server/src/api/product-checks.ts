// The checks before a product is written by the API or the CSV import: the shared product rules
// (known currencies, one price per currency and period, one tier per quantity) and a SKU that no other
// product of the team has (409 `sku-taken`), looked up by the `by-sku` index (store/indexes.ts).
// Two writes racing for one new SKU can both pass this check; the gateway (admins' desktops) does
// not ask it.
import { DomainError } from '@app/shared/errors';
import { productIssues } from '@app/shared/schemas';
import type { ServerDeps } from '../context';
import type { ApiDoc } from '../store/raw-docs';
import { asCollectionDoc } from '../store/collections';
import { teamData } from '../store/data';

/** The id of the team's product with this SKU, other than `exceptId`, if there is one. */
export async function productWithSku(
  deps: Pick<ServerDeps, 'store'>,
  teamId: string,
  sku: string,
  exceptId?: string,
): Promise<string | undefined> {
  const ids = await teamData(deps.store, teamId).products.findIds({ sku }, 2);
  return ids.find((id) => id !== exceptId);
}

/** The shared rules as a 400 naming every issue. */
export function assertProductRules(doc: ApiDoc): void {
  const issues = productIssues(asCollectionDoc('products', doc));
  if (issues.length) {
    throw new DomainError('validation-failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), {
      details: issues,
    });
  }
}

/** The API's `beforeWrite` for products. */
export function checkProduct(deps: Pick<ServerDeps, 'store'>) {
  return async (teamId: string, doc: ApiDoc, previous: ApiDoc | null): Promise<void> => {
    assertProductRules(doc);
    if (previous && previous.sku === doc.sku) return;
    const sku = String(doc.sku);
    const other = await productWithSku(deps, teamId, sku, doc.id);
    if (other) throw new DomainError('sku-taken', `SKU '${sku}' is taken by product '${other}'`);
  };
}

// An admin's writes to the product catalog: add and edit, in the local database with per-field times
// like every edit, so they work offline and sync (and merge) later; the server's access table lets
// only admins push them. The SKU is checked against the local catalog (the API checks it too).
import type { ProductDoc } from '@app/shared/schemas';
import { newId } from '@app/shared/ids';
import { insertDocs, updateDoc, type Workspace } from './workspace';

export type ProductFields = Omit<ProductDoc, 'id' | 'createdAt' | 'updatedAt'>;

/** Drops fields left empty (the schema has no empty strings or empty lists for them). */
const present = (o: ProductFields) =>
  Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as ProductFields;

export async function addProduct(ws: Workspace, fields: ProductFields): Promise<string> {
  const now = new Date().toISOString();
  const id = newId('product');
  await insertDocs(ws, 'products', [{ ...present(fields), id, createdAt: now, updatedAt: now }]);
  return id;
}

/** Writes only the fields that changed; a cleared one is removed from the doc. */
export async function editProduct(ws: Workspace, before: ProductDoc, after: ProductFields): Promise<void> {
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) {
    const next = Array.isArray(v) && v.length === 0 && !(k in before) ? undefined : v;
    if (JSON.stringify(next) !== JSON.stringify(before[k as keyof ProductDoc])) patch[k] = next;
  }
  if (Object.keys(patch).length) await updateDoc(ws, 'products', before.id, patch as Partial<ProductDoc>);
}

/** The other products' SKUs, for the editor's check. */
export async function takenSkus(ws: Workspace, exceptId?: string): Promise<Set<string>> {
  const all = await ws.db.products.find().exec();
  return new Set(all.filter((p) => p.id !== exceptId).map((p) => p.sku));
}

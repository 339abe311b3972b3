// The catalog's categories (Catalog.tsx): a product's category as the UI shows it (the demo's and a
// pack's built-in slugs in the UI's language, a team's own words as typed), and the categories of a
// list with their counts, in the order the list is sorted.
import type { ProductDoc } from '@app/shared/schemas';
import type { Translate } from '../../i18n/i18n';
import { labelOf } from '../../i18n/labels';

/** The key of products without a category (never a category's own text: that is trimmed, non-empty). */
export const NO_CATEGORY = '';

/** A product's category key: its category trimmed, or NO_CATEGORY. */
export const categoryOf = (p: Pick<ProductDoc, 'category'>): string => p.category?.trim() ?? NO_CATEGORY;

/** A category as the UI shows it: a built-in one in the UI's language, else the team's own text. */
export const categoryLabel = (t: Translate, category: string): string =>
  category === NO_CATEGORY ? t('catalog.category.none') : labelOf(t, 'catalog.category', category);

/** The categories of the products (in the products' order, products without one last) with counts. */
export function categoryCounts(products: readonly Pick<ProductDoc, 'category'>[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const p of products) counts.set(categoryOf(p), (counts.get(categoryOf(p)) ?? 0) + 1);
  const none = counts.get(NO_CATEGORY);
  counts.delete(NO_CATEGORY);
  return [...counts.entries(), ...(none ? ([[NO_CATEGORY, none]] as [string, number][]) : [])];
}

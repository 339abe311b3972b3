// The catalog's category filter (Catalog.tsx): "All" and each category with its count, as HubSpot's
// and Kommo's product libraries filter theirs; one pressed at a time. Shown only when the catalog
// has more than one category.
import { useI18n } from '../../i18n/i18n';
import { categoryLabel } from './categories';

export function CategoryBar({
  counts,
  total,
  chosen,
  onChoose,
}: {
  counts: [string, number][];
  total: number;
  /** The chosen category's key, or null for all. */
  chosen: string | null;
  onChoose: (category: string | null) => void;
}) {
  const { t, locale } = useI18n();
  if (counts.length < 2 && chosen === null) return null;
  const chip = (key: string | null, label: string, n: number) => (
    <button
      key={key ?? '*all'}
      type="button"
      className="chip"
      aria-pressed={chosen === key}
      onClick={() => onChoose(key)}
      data-testid="catalog-category"
    >
      {label} <span className="count">{n.toLocaleString(locale)}</span>
    </button>
  );
  return (
    <div className="category-bar" role="group" aria-label={t('catalog.categories')}>
      {chip(null, t('catalog.category.all'), total)}
      {counts.map(([key, n]) => chip(key, categoryLabel(t, key), n))}
    </div>
  );
}

// The catalog's table (Catalog.tsx): a row per product — SKU, name in the UI's language, prices per
// currency and period (Intl), unit, availability, discounts — under a heading row per category when
// the list holds more than one.
import { Fragment } from 'react';
import type { ProductDoc } from '@app/shared/schemas';
import { useFormat, useI18n } from '../../i18n/i18n';
import { discountTexts, priceTexts, productName } from '../../lib/product-view';
import { navigate } from '../../lib/router';
import { categoryCounts, categoryLabel, categoryOf } from './categories';

const columns = ['sku', 'name', 'prices', 'unit', 'availability', 'discounts'] as const;

function ProductRow({ p, editable }: { p: ProductDoc; editable: boolean }) {
  const { t, locale } = useI18n();
  const fmt = useFormat();
  const name = productName(p, locale);
  return (
    <tr data-testid="catalog-row" data-sku={p.sku} className={p.active === false ? 'retired' : ''}>
      <td className="mono">{p.sku}</td>
      <td>
        {editable ? (
          <button
            type="button"
            className="link"
            onClick={() => navigate('catalog', p.id)}
            data-testid="catalog-edit"
          >
            {name}
          </button>
        ) : (
          name
        )}
        {p.kind === 'service' && <span className="badge">{t('catalog.service')}</span>}
        {p.active === false && <span className="badge">{t('catalog.retired')}</span>}
      </td>
      <td data-testid="catalog-prices">
        {priceTexts(p, t, fmt).map((text) => (
          <div key={text}>{text}</div>
        ))}
      </td>
      <td>{p.unit ?? ''}</td>
      <td>{p.availability ? t(`catalog.availability.${p.availability}`) : ''}</td>
      <td className="small" data-testid="catalog-discounts">
        {discountTexts(p.discounts, t).join(' · ')}
      </td>
    </tr>
  );
}

/** The products (sorted by category) in a table, a heading row opening each category's products. */
export function CatalogTable({ list, editable }: { list: ProductDoc[]; editable: boolean }) {
  const { t, locale } = useI18n();
  const groups = categoryCounts(list);
  return (
    <div className="scroll">
      <table className="data-table catalog-table" data-testid="catalog-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c}>{t(`catalog.col.${c}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map(([key, n]) => (
            <Fragment key={key}>
              {groups.length > 1 && (
                <tr className="catalog-group" data-testid="catalog-group">
                  <th colSpan={columns.length} scope="colgroup">
                    {categoryLabel(t, key)} <span className="count">{n.toLocaleString(locale)}</span>
                  </th>
                </tr>
              )}
              {list
                .filter((p) => categoryOf(p) === key)
                .map((p) => (
                  <ProductRow key={p.id} p={p} editable={editable} />
                ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

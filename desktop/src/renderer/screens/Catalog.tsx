// The product catalog (issue 38), `#/catalog`: every product and service of the team with its SKU,
// name in the UI's language, prices per currency and billing period (Intl), unit, availability and a
// summary of its discounts, searched as one types; retired ones on demand. It reads the local
// database (replicated from /sync/products/), so reps see prices offline. Admins add and edit
// products (`#/catalog/new`, `#/catalog/<id>`) and import or export the catalog as CSV; for others
// it is read-only. An empty catalog says how to fill it (a product, or a price list to import).
import { useMemo, useRef, useState } from 'react';
import type { ProductDoc } from '@app/shared/schemas';
import { useLiveDoc, useLiveQuery, useWorkspace } from '../data/hooks';
import { mayDo } from '../data/role';
import { useFormat, useI18n } from '../i18n/i18n';
import { discountTexts, matchesProduct, priceTexts, productName } from '../lib/product-view';
import { navigate } from '../lib/router';
import { CatalogCsv } from './catalog/CatalogCsv';
import { ProductDialog } from './catalog/ProductDialog';
import './catalog/catalog.css';

function EditProduct({ id, onClose }: { id: string; onClose(): void }) {
  const product = useLiveDoc('products', id);
  return product ? <ProductDialog key={product.id} product={product} onClose={onClose} /> : null;
}

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

/** An empty catalog: a product to add, a price list to import (or who does it, for a rep). */
function NoProducts({ mayCreate, onImport }: { mayCreate: boolean; onImport?: (() => void) | undefined }) {
  const { t } = useI18n();
  return (
    <div className="empty-state" data-testid="catalog-empty">
      <strong>{t('catalog.none.title')}</strong>
      <p>{mayCreate || onImport ? t('catalog.none.next') : t('catalog.none.readOnly')}</p>
      {(mayCreate || onImport) && (
        <p className="row">
          {mayCreate && (
            <button
              type="button"
              className="primary"
              onClick={() => navigate('catalog', 'new')}
              data-testid="catalog-empty-add"
            >
              {t('catalog.none.add')}
            </button>
          )}
          {onImport && (
            <button type="button" onClick={onImport} data-testid="catalog-empty-import">
              {t('catalog.none.import')}
            </button>
          )}
        </p>
      )}
    </div>
  );
}

export function Catalog({ id }: { id?: string | undefined }) {
  const { t, locale } = useI18n();
  const ws = useWorkspace();
  const editable = mayDo(ws.role, 'products', 'update');
  const { docs, loading } = useLiveQuery('products', {});
  const [q, setQ] = useState('');
  const [retired, setRetired] = useState(false);
  const list = useMemo(
    () =>
      docs
        .filter((p) => (retired || p.active !== false) && matchesProduct(p, q))
        .sort((a, b) => (a.category ?? '').localeCompare(b.category ?? '') || a.sku.localeCompare(b.sku)),
    [docs, q, retired],
  );
  const close = () => navigate('catalog');
  const startImport = useRef<(() => void) | null>(null);
  return (
    <div className="page" data-testid="catalog-screen" lang={locale}>
      <header className="page-head">
        <h1>{t('catalog.title')}</h1>
        <div className="actions">
          {editable && <CatalogCsv importRef={startImport} />}
          {mayDo(ws.role, 'products', 'create') && (
            <button
              type="button"
              className="primary"
              onClick={() => navigate('catalog', 'new')}
              data-testid="catalog-new"
            >
              + {t('catalog.new')}
            </button>
          )}
        </div>
      </header>
      <div className="filters">
        <input
          type="search"
          placeholder={t('catalog.search')}
          aria-label={t('catalog.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          data-testid="catalog-search"
        />
        <label className="check">
          <input type="checkbox" checked={retired} onChange={(e) => setRetired(e.target.checked)} />
          {t('catalog.showRetired')}
        </label>
        <span className="muted small" data-testid="catalog-count">
          {t('catalog.count', { n: list.length })}
        </span>
      </div>
      {!editable && (
        <p className="muted small" data-testid="catalog-read-only">
          {t('catalog.readOnly')}
        </p>
      )}
      {!loading && list.length === 0 ? (
        docs.length ? (
          <p className="empty">{t('catalog.noMatch')}</p>
        ) : (
          <NoProducts
            mayCreate={mayDo(ws.role, 'products', 'create')}
            onImport={editable ? () => startImport.current?.() : undefined}
          />
        )
      ) : (
        <div className="scroll">
          <table className="data-table catalog-table" data-testid="catalog-table">
            <thead>
              <tr>
                <th>{t('catalog.col.sku')}</th>
                <th>{t('catalog.col.name')}</th>
                <th>{t('catalog.col.prices')}</th>
                <th>{t('catalog.col.unit')}</th>
                <th>{t('catalog.col.availability')}</th>
                <th>{t('catalog.col.discounts')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <ProductRow key={p.id} p={p} editable={editable} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable && id === 'new' && <ProductDialog onClose={close} />}
      {editable && id && id !== 'new' && <EditProduct id={id} onClose={close} />}
    </div>
  );
}

// The product catalog (issue 38), `#/catalog`: every product and service of the team with its SKU,
// name in the UI's language, prices per currency and billing period (Intl), unit, availability and a
// summary of its discounts, searched as one types; retired ones on demand. It reads the local
// database (replicated from /sync/products/), so reps see prices offline. Admins add and edit
// products (`#/catalog/new`, `#/catalog/<id>`) and import or export the catalog as CSV; for others
// it is read-only. An empty catalog says how to fill it (a product, or a price list to import).
// Products are grouped by category (a heading row each) and filtered by one (CategoryBar).
import { useMemo, useRef, useState } from 'react';
import { SearchBox } from '../components/ui/SearchBox';
import { useLiveDoc, useLiveQuery, useWorkspace } from '../data/hooks';
import { mayDo } from '../data/role';
import { useI18n } from '../i18n/i18n';
import { matchesProduct } from '../lib/product-view';
import { navigate } from '../lib/router';
import { categoryCounts, categoryOf, NO_CATEGORY } from './catalog/categories';
import { CatalogCsv } from './catalog/CatalogCsv';
import { CatalogTable } from './catalog/CatalogTable';
import { CategoryBar } from './catalog/CategoryBar';
import { ProductDialog } from './catalog/ProductDialog';
import './catalog/catalog.css';

function EditProduct({ id, categories, onClose }: { id: string; categories: string[]; onClose(): void }) {
  const product = useLiveDoc('products', id);
  return product ? (
    <ProductDialog key={product.id} product={product} categories={categories} onClose={onClose} />
  ) : null;
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
  const [category, setCategory] = useState<string | null>(null);
  // Sorted by category (those without one last), then SKU; the bar counts what the search leaves.
  const found = useMemo(
    () =>
      docs
        .filter((p) => (retired || p.active !== false) && matchesProduct(p, q))
        .sort(
          (a, b) =>
            Number(categoryOf(a) === NO_CATEGORY) - Number(categoryOf(b) === NO_CATEGORY) ||
            categoryOf(a).localeCompare(categoryOf(b)) ||
            a.sku.localeCompare(b.sku),
        ),
    [docs, q, retired],
  );
  const list = category === null ? found : found.filter((p) => categoryOf(p) === category);
  const categories = categoryCounts(docs)
    .map(([key]) => key)
    .filter((key) => key !== NO_CATEGORY);
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
        <SearchBox label={t('catalog.search')} value={q} onSearch={setQ} testId="catalog-search" />
        <label className="check">
          <input type="checkbox" checked={retired} onChange={(e) => setRetired(e.target.checked)} />
          {t('catalog.showRetired')}
        </label>
        <span className="muted small" data-testid="catalog-count">
          {t('catalog.count', { n: list.length })}
        </span>
      </div>
      <CategoryBar
        counts={categoryCounts(found)}
        total={found.length}
        chosen={category}
        onChoose={setCategory}
      />
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
        <CatalogTable list={list} editable={editable} />
      )}
      {editable && id === 'new' && <ProductDialog categories={categories} onClose={close} />}
      {editable && id && id !== 'new' && <EditProduct id={id} categories={categories} onClose={close} />}
    </div>
  );
}

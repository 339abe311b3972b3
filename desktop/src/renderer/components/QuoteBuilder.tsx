// A rep builds a deal's quote from the team's catalog (issue 38), offline too: products and their
// quantities, the billing period, the currency and a promo code; the price is computed as the agents'
// `quote` tool computes it (shared/src/catalog/quote.ts: volume tiers, the period's discount, the
// promo within its validity, the team's tax), shown line by line with what could not be priced, and
// saved on the deal as its quote (by this rep), from which a commercial proposal is made.
import { useMemo, useState } from 'react';
import { dealQuote, offered, quote, type BillingPeriod, type QuoteProblem } from '@app/shared/catalog';
import type { LeadDoc } from '@app/shared/schemas';
import { useLiveQuery, useWorkspace } from '../data/hooks';
import { updateDoc } from '../data/workspace';
import { useFormat, useI18n, type MessageKey } from '../i18n/i18n';
import { errorText } from '../i18n/error-text';
import { DialogActions } from './ui/DialogActions';

type Row = { productId: string; quantity: string };

const periods: BillingPeriod[] = ['month', 'year', 'once'];

/** The quantity typed ("12", "1,5"), or undefined when it is not a positive number. */
export function quantityOf(text: string): number | undefined {
  const n = Number(text.trim().replace(',', '.'));
  return Number.isFinite(n) && n > 0 && n <= 1e9 ? n : undefined;
}

type Product = ReturnType<typeof useQuoteCatalog>['products'][number];

/**
 * What a quote is built from: the catalog's offered products, listed and named in the app's language
 * (what is saved is the product's id; the quote shows its name in the language it is read in), the
 * currencies they are priced in, and the team's taxes (the default agent profile's).
 */
function useQuoteCatalog() {
  const { locale } = useI18n();
  const { docs: all } = useLiveQuery('products', { limit: 5000 });
  const { docs: profiles } = useLiveQuery('agent_settings', {});
  const products = useMemo(
    () =>
      all
        .filter(offered)
        .sort((a, b) => (a.names?.[locale] ?? a.name).localeCompare(b.names?.[locale] ?? b.name, locale)),
    [all, locale],
  );
  const taxes = (profiles.find((p) => p.isDefault) ?? profiles[0])?.taxes;
  const currencies = useMemo(
    () => [...new Set(products.flatMap((p) => p.prices.map((x) => x.currency)))].sort(),
    [products],
  );
  const nameOf = (p: (typeof products)[number]) => p.names?.[locale] ?? p.name;
  return { products, taxes, currencies, nameOf };
}

/** One line of the quote being built: a product and its quantity, and (of several) its removal. */
function QuoteLineRow(p: {
  row: Row;
  products: readonly Product[];
  nameOf(p: Product): string;
  onChange(patch: Partial<Row>): void;
  onRemove?: () => void;
}) {
  const { t } = useI18n();
  const { row: r } = p;
  return (
    <div className="row">
      <label>
        {t('quote.product')}
        <select
          value={r.productId}
          onChange={(e) => p.onChange({ productId: e.target.value })}
          data-testid="quote-product"
        >
          <option value="">{t('quote.pickProduct')}</option>
          {p.products.map((x) => (
            <option key={x.id} value={x.id}>
              {p.nameOf(x)} ({x.sku})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('quote.quantity')}
        <input
          inputMode="decimal"
          value={r.quantity}
          onChange={(e) => p.onChange({ quantity: e.target.value })}
          aria-invalid={r.quantity !== '' && quantityOf(r.quantity) === undefined}
          data-testid="quote-quantity"
        />
      </label>
      {p.onRemove && (
        <button type="button" className="link" onClick={p.onRemove}>
          {t('catalog.form.remove')}
        </button>
      )}
    </div>
  );
}

type Terms = { period: BillingPeriod; currency: string; promo: string };

/** The quote's terms: the billing period, the currency (the catalog's and the deal's) and a promo code. */
function QuoteTerms(p: { terms: Terms; currencies: readonly string[]; set(patch: Partial<Terms>): void }) {
  const { t } = useI18n();
  const { period, currency, promo } = p.terms;
  return (
    <div className="row">
      <label>
        {t('catalog.form.period')}
        <select
          value={period}
          onChange={(e) => p.set({ period: e.target.value as BillingPeriod })}
          data-testid="quote-period"
        >
          {periods.map((x) => (
            <option key={x} value={x}>
              {t(`catalog.form.period.${x}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('deal.currency')}
        <select
          value={currency}
          onChange={(e) => p.set({ currency: e.target.value })}
          data-testid="quote-currency"
        >
          {[...new Set([...p.currencies, currency])].map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('quote.promo')}
        <input
          maxLength={64}
          value={promo}
          onChange={(e) => p.set({ promo: e.target.value })}
          data-testid="quote-promo"
        />
      </label>
    </div>
  );
}

/** What the quote computes to as it is built: what could not be priced, and its total. */
function QuotePreview(p: { computed: Quoted; problemText(x: QuoteProblem): string }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const { computed } = p;
  return (
    <>
      {computed.problems.length > 0 && (
        <ul className="error small" data-testid="quote-problems">
          {computed.problems.map((x, i) => (
            <li key={i}>{p.problemText(x)}</li>
          ))}
        </ul>
      )}
      {computed.lines.length > 0 && (
        <p data-testid="quote-preview">
          {t('quote.preview', { total: fmt.money(computed.total, computed.currency) })}
        </p>
      )}
    </>
  );
}

type Quoted = ReturnType<typeof quote>;

export function QuoteBuilder({ lead, onDone }: { lead: LeadDoc; onDone(): void }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const { products, taxes, currencies, nameOf } = useQuoteCatalog();
  const [rows, setRows] = useState<Row[]>(() =>
    lead.quote?.lines.length
      ? lead.quote.lines.map((l) => ({ productId: l.productId, quantity: String(l.quantity) }))
      : [{ productId: '', quantity: '1' }],
  );
  const [terms, setTerms] = useState<Terms>(() => ({
    period: lead.quote?.lines[0]?.period ?? 'month',
    currency: lead.quote?.currency ?? lead.value?.currency ?? currencies[0] ?? 'RUB',
    promo: lead.quote?.promoCode ?? '',
  }));
  const { period, currency, promo } = terms;
  const [error, setError] = useState<string | null>(null);

  const inputs = rows.flatMap((r) => {
    const quantity = quantityOf(r.quantity);
    return r.productId && quantity ? [{ productId: r.productId, quantity }] : [];
  });
  const computed = useMemo(
    () =>
      inputs.length
        ? quote(inputs, products, {
            currency,
            period,
            now: new Date(),
            ...(promo.trim() ? { promoCode: promo.trim() } : {}),
            ...(taxes ? { taxes } : {}),
          })
        : undefined,
    // The inputs as text: a new array each render, the same quote.
    [JSON.stringify(inputs), products, currency, period, promo, taxes],
  );
  const problemText = (p: QuoteProblem) =>
    t(`quote.problem.${p.reason}` as MessageKey, {
      product:
        ((x) => (x ? nameOf(x) : undefined))(products.find((x) => x.id === p.productId)) ??
        p.sku ??
        p.productId ??
        '',
      code: p.code ?? '',
      currency,
    });
  const set = (i: number, patch: Partial<Row>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const save = async () => {
    if (!computed?.lines.length) return;
    setError(null);
    try {
      const by = { kind: 'rep' as const, id: ws.session.userId ?? '', name: ws.session.email ?? '' };
      await updateDoc(ws, 'leads', lead.id, { quote: dealQuote(computed, by) });
      onDone();
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  if (products.length === 0)
    return (
      <p className="muted small" data-testid="quote-no-catalog">
        {t('quote.noCatalog')}
      </p>
    );
  return (
    <div className="quote-builder" data-testid="quote-builder">
      {rows.map((r, i) => (
        <QuoteLineRow
          key={i}
          row={r}
          products={products}
          nameOf={nameOf}
          onChange={(patch) => set(i, patch)}
          {...(rows.length > 1 ? { onRemove: () => setRows(rows.filter((_, j) => j !== i)) } : {})}
        />
      ))}
      <div className="row">
        <button
          type="button"
          className="link"
          onClick={() => setRows([...rows, { productId: '', quantity: '1' }])}
          data-testid="quote-add-line"
        >
          {t('quote.addLine')}
        </button>
      </div>
      <QuoteTerms
        terms={terms}
        currencies={currencies}
        set={(patch) => setTerms((x) => ({ ...x, ...patch }))}
      />
      {computed && <QuotePreview computed={computed} problemText={problemText} />}
      <DialogActions
        problem={error}
        smallProblem
        onCancel={onDone}
        saveLabel={t('quote.save')}
        saveTestId="quote-save"
        disabled={!computed?.lines.length}
        onSave={() => void save()}
      />
    </div>
  );
}

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

type Row = { productId: string; quantity: string };

const periods: BillingPeriod[] = ['month', 'year', 'once'];

/** The quantity typed ("12", "1,5"), or undefined when it is not a positive number. */
export function quantityOf(text: string): number | undefined {
  const n = Number(text.trim().replace(',', '.'));
  return Number.isFinite(n) && n > 0 && n <= 1e9 ? n : undefined;
}

export function QuoteBuilder({ lead, onDone }: { lead: LeadDoc; onDone(): void }) {
  const { t, locale } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const { docs: all } = useLiveQuery('products', { limit: 5000 });
  const { docs: profiles } = useLiveQuery('agent_settings', {});
  // Listed and named in the app's language; what is saved is the product's id (the quote shows its
  // name in the language it is read in).
  const products = useMemo(
    () =>
      all
        .filter(offered)
        .sort((a, b) => (a.names?.[locale] ?? a.name).localeCompare(b.names?.[locale] ?? b.name, locale)),
    [all, locale],
  );
  const taxes = (profiles.find((p) => p.isDefault) ?? profiles[0])?.taxes;
  const [rows, setRows] = useState<Row[]>(() =>
    lead.quote?.lines.length
      ? lead.quote.lines.map((l) => ({ productId: l.productId, quantity: String(l.quantity) }))
      : [{ productId: '', quantity: '1' }],
  );
  const [period, setPeriod] = useState<BillingPeriod>(lead.quote?.lines[0]?.period ?? 'month');
  const currencies = useMemo(
    () => [...new Set(products.flatMap((p) => p.prices.map((x) => x.currency)))].sort(),
    [products],
  );
  const [currency, setCurrency] = useState(
    lead.quote?.currency ?? lead.value?.currency ?? currencies[0] ?? 'RUB',
  );
  const [promo, setPromo] = useState(lead.quote?.promoCode ?? '');
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
  const nameOf = (p: (typeof products)[number]) => p.names?.[locale] ?? p.name;
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
        <div className="row" key={i}>
          <label>
            {t('quote.product')}
            <select
              value={r.productId}
              onChange={(e) => set(i, { productId: e.target.value })}
              data-testid="quote-product"
            >
              <option value="">{t('quote.pickProduct')}</option>
              {products.map((p) => (
                <option key={p.id} value={p.id}>
                  {nameOf(p)} ({p.sku})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('quote.quantity')}
            <input
              inputMode="decimal"
              value={r.quantity}
              onChange={(e) => set(i, { quantity: e.target.value })}
              aria-invalid={r.quantity !== '' && quantityOf(r.quantity) === undefined}
              data-testid="quote-quantity"
            />
          </label>
          {rows.length > 1 && (
            <button type="button" className="link" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              {t('catalog.form.remove')}
            </button>
          )}
        </div>
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
      <div className="row">
        <label>
          {t('catalog.form.period')}
          <select
            value={period}
            onChange={(e) => setPeriod(e.target.value as BillingPeriod)}
            data-testid="quote-period"
          >
            {periods.map((p) => (
              <option key={p} value={p}>
                {t(`catalog.form.period.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('deal.currency')}
          <select value={currency} onChange={(e) => setCurrency(e.target.value)} data-testid="quote-currency">
            {[...new Set([...currencies, currency])].map((c) => (
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
            onChange={(e) => setPromo(e.target.value)}
            data-testid="quote-promo"
          />
        </label>
      </div>
      {computed && (
        <>
          {computed.problems.length > 0 && (
            <ul className="error small" data-testid="quote-problems">
              {computed.problems.map((p, i) => (
                <li key={i}>{problemText(p)}</li>
              ))}
            </ul>
          )}
          {computed.lines.length > 0 && (
            <p data-testid="quote-preview">
              {t('quote.preview', { total: fmt.money(computed.total, computed.currency) })}
            </p>
          )}
        </>
      )}
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
      <div className="reply-actions">
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!computed?.lines.length}
          onClick={() => void save()}
          data-testid="quote-save"
        >
          {t('quote.save')}
        </button>
      </div>
    </div>
  );
}

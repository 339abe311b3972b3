// The product editor's prices and volume tiers (ProductDialog.tsx), on the forms kit: a row per price
// (currency, amount, billing period) and per tier (from what quantity, what percent off), each
// removable, and a button to add one more.
import type { ReactNode } from 'react';
import { FieldRow, FormField } from '../../components/ui/FormField';
import { useI18n } from '../../i18n/i18n';
import { periods, type ProductForm } from '../../lib/product-view';

type Props = { form: ProductForm; setForm: (f: ProductForm) => void };

/** A titled list of rows, each with its Remove button, and the Add button under them. */
function RowList(props: {
  legend: string;
  testId: string;
  rows: ReactNode[];
  onRemove: (i: number) => void;
  addLabel: string;
  addTestId: string;
  onAdd: () => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset data-testid={props.testId}>
      <legend>{props.legend}</legend>
      {props.rows.map((row, i) => (
        <FieldRow key={i} className="product-row">
          {row}
          <button type="button" onClick={() => props.onRemove(i)}>
            {t('catalog.form.remove')}
          </button>
        </FieldRow>
      ))}
      <button type="button" onClick={props.onAdd} data-testid={props.addTestId}>
        {props.addLabel}
      </button>
    </fieldset>
  );
}

export function PriceFields({ form, setForm }: Props) {
  const { t } = useI18n();
  const setPrice = (i: number, patch: Partial<ProductForm['prices'][number]>) =>
    setForm({ ...form, prices: form.prices.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const rows = form.prices.map((p, i) => (
    <>
      <FormField label={t('catalog.form.currency')}>
        <input
          value={p.currency}
          maxLength={3}
          onChange={(e) => setPrice(i, { currency: e.target.value.toUpperCase() })}
          data-testid={`product-price-currency-${i}`}
        />
      </FormField>
      <FormField label={t('catalog.form.amount')}>
        <input
          inputMode="decimal"
          value={p.amount}
          onChange={(e) => setPrice(i, { amount: e.target.value })}
          data-testid={`product-price-amount-${i}`}
        />
      </FormField>
      <FormField label={t('catalog.form.period')}>
        <select
          value={p.period || 'once'}
          onChange={(e) =>
            setPrice(i, {
              period: e.target.value === 'once' ? '' : (e.target.value as (typeof periods)[number]),
            })
          }
          data-testid={`product-price-period-${i}`}
        >
          {periods.map((x) => (
            <option key={x} value={x}>
              {t(`catalog.form.period.${x}`)}
            </option>
          ))}
        </select>
      </FormField>
    </>
  ));
  return (
    <RowList
      legend={t('catalog.form.prices')}
      testId="product-form-prices"
      rows={rows}
      onRemove={(i) => setForm({ ...form, prices: form.prices.filter((_, j) => j !== i) })}
      addLabel={t('catalog.form.addPrice')}
      addTestId="product-add-price"
      onAdd={() =>
        setForm({ ...form, prices: [...form.prices, { currency: 'USD', amount: '', period: '' }] })
      }
    />
  );
}

export function TierFields({ form, setForm }: Props) {
  const { t } = useI18n();
  const setTier = (i: number, patch: Partial<ProductForm['tiers'][number]>) =>
    setForm({ ...form, tiers: form.tiers.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const rows = form.tiers.map((tier, i) => (
    <>
      <FormField label={t('catalog.form.minQuantity')}>
        <input
          inputMode="numeric"
          value={tier.minQuantity}
          onChange={(e) => setTier(i, { minQuantity: e.target.value })}
          data-testid={`product-tier-quantity-${i}`}
        />
      </FormField>
      <FormField label={t('catalog.form.percent')}>
        <input
          inputMode="decimal"
          value={tier.percent}
          onChange={(e) => setTier(i, { percent: e.target.value })}
          data-testid={`product-tier-percent-${i}`}
        />
      </FormField>
    </>
  ));
  return (
    <RowList
      legend={t('catalog.form.tiers')}
      testId="product-form-tiers"
      rows={rows}
      onRemove={(i) => setForm({ ...form, tiers: form.tiers.filter((_, j) => j !== i) })}
      addLabel={t('catalog.form.addTier')}
      addTestId="product-add-tier"
      onAdd={() => setForm({ ...form, tiers: [...form.tiers, { minQuantity: '', percent: '' }] })}
    />
  );
}

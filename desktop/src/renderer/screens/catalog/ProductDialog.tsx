// Add or edit a product (admins): SKU, names in both languages, description, unit, category, kind,
// availability, delivery, whether it is offered, its prices (currency, amount, billing period) and
// volume tiers. What is wrong is said in the UI's language before anything is written; period and
// promo discounts set elsewhere (the API, a CSV) are kept as they are.
import { useState } from 'react';
import type { ProductDoc } from '@app/shared/schemas';
import { productSchema } from '@app/shared/schemas';
import { Dialog } from '../../components/ui/Dialog';
import { useToast } from '../../components/ui/Toast';
import { useWorkspace } from '../../data/hooks';
import { addProduct, editProduct, takenSkus } from '../../data/products';
import { useI18n } from '../../i18n/i18n';
import { checkForm, formOf, periods, type ProductForm } from '../../lib/product-view';

const availabilities = productSchema.properties.availability.enum;
const kinds = productSchema.properties.kind.enum;

export function ProductDialog({ product, onClose }: { product?: ProductDoc; onClose(): void }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const toast = useToast();
  const [form, setForm] = useState<ProductForm>(() => formOf(product));
  const [problems, setProblems] = useState<string[]>([]);
  const text =
    (k: 'sku' | 'name' | 'nameRu' | 'nameEn' | 'description' | 'unit' | 'category' | 'delivery') =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setForm({ ...form, [k]: e.target.value });
  const setPrice = (i: number, patch: Partial<ProductForm['prices'][number]>) =>
    setForm({ ...form, prices: form.prices.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const setTier = (i: number, patch: Partial<ProductForm['tiers'][number]>) =>
    setForm({ ...form, tiers: form.tiers.map((p, j) => (j === i ? { ...p, ...patch } : p)) });

  const save = async () => {
    const checked = checkForm(form, product, await takenSkus(ws, product?.id));
    if (!checked.ok) return setProblems(checked.problems.map((p) => t(p.key, p.vars)));
    if (product) await editProduct(ws, product, checked.fields);
    else await addProduct(ws, checked.fields);
    toast({ text: product ? t('catalog.savedToast') : t('catalog.addedToast') });
    onClose();
  };

  return (
    <Dialog
      onClose={onClose}
      title={product ? t('catalog.form.edit', { sku: product.sku }) : t('catalog.form.new')}
      onSubmit={() => void save()}
      testId="product-dialog"
      className="dialog product-dialog"
    >
      <div className="row">
        <label>
          {t('catalog.form.sku')}
          <input value={form.sku} onChange={text('sku')} maxLength={64} data-testid="product-form-sku" />
        </label>
        <label>
          {t('catalog.form.name')}
          <input value={form.name} onChange={text('name')} maxLength={300} data-testid="product-form-name" />
        </label>
      </div>
      <div className="row">
        <label>
          {t('catalog.form.nameRu')}
          <input
            value={form.nameRu}
            onChange={text('nameRu')}
            maxLength={300}
            data-testid="product-form-name-ru"
          />
        </label>
        <label>
          {t('catalog.form.nameEn')}
          <input
            value={form.nameEn}
            onChange={text('nameEn')}
            maxLength={300}
            data-testid="product-form-name-en"
          />
        </label>
      </div>
      <label>
        {t('catalog.form.description')}
        <textarea rows={2} maxLength={10_000} value={form.description} onChange={text('description')} />
      </label>
      <div className="row">
        <label>
          {t('catalog.form.unit')}
          <input
            value={form.unit}
            onChange={text('unit')}
            maxLength={40}
            placeholder={t('catalog.form.unitPlaceholder')}
            data-testid="product-form-unit"
          />
        </label>
        <label>
          {t('catalog.form.category')}
          <input value={form.category} onChange={text('category')} maxLength={200} />
        </label>
        <label>
          {t('catalog.form.kind')}
          <select
            value={form.kind}
            onChange={(e) => setForm({ ...form, kind: e.target.value as ProductForm['kind'] })}
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`catalog.form.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="row">
        <label>
          {t('catalog.form.availability')}
          <select
            value={form.availability}
            onChange={(e) =>
              setForm({ ...form, availability: e.target.value as ProductForm['availability'] })
            }
          >
            {availabilities.map((a) => (
              <option key={a} value={a}>
                {t(`catalog.availability.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('catalog.form.delivery')}
          <input value={form.delivery} onChange={text('delivery')} maxLength={2000} />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={form.active}
            onChange={(e) => setForm({ ...form, active: e.target.checked })}
          />
          {t('catalog.form.active')}
        </label>
      </div>
      <fieldset data-testid="product-form-prices">
        <legend>{t('catalog.form.prices')}</legend>
        {form.prices.map((p, i) => (
          <div className="row" key={i}>
            <label>
              {t('catalog.form.currency')}
              <input
                value={p.currency}
                maxLength={3}
                onChange={(e) => setPrice(i, { currency: e.target.value.toUpperCase() })}
                data-testid={`product-price-currency-${i}`}
              />
            </label>
            <label>
              {t('catalog.form.amount')}
              <input
                inputMode="decimal"
                value={p.amount}
                onChange={(e) => setPrice(i, { amount: e.target.value })}
                data-testid={`product-price-amount-${i}`}
              />
            </label>
            <label>
              {t('catalog.form.period')}
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
            </label>
            <button
              type="button"
              onClick={() => setForm({ ...form, prices: form.prices.filter((_, j) => j !== i) })}
            >
              {t('catalog.form.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            setForm({ ...form, prices: [...form.prices, { currency: 'USD', amount: '', period: '' }] })
          }
          data-testid="product-add-price"
        >
          {t('catalog.form.addPrice')}
        </button>
      </fieldset>
      <fieldset data-testid="product-form-tiers">
        <legend>{t('catalog.form.tiers')}</legend>
        {form.tiers.map((tier, i) => (
          <div className="row" key={i}>
            <label>
              {t('catalog.form.minQuantity')}
              <input
                inputMode="numeric"
                value={tier.minQuantity}
                onChange={(e) => setTier(i, { minQuantity: e.target.value })}
                data-testid={`product-tier-quantity-${i}`}
              />
            </label>
            <label>
              {t('catalog.form.percent')}
              <input
                inputMode="decimal"
                value={tier.percent}
                onChange={(e) => setTier(i, { percent: e.target.value })}
                data-testid={`product-tier-percent-${i}`}
              />
            </label>
            <button
              type="button"
              onClick={() => setForm({ ...form, tiers: form.tiers.filter((_, j) => j !== i) })}
            >
              {t('catalog.form.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => setForm({ ...form, tiers: [...form.tiers, { minQuantity: '', percent: '' }] })}
          data-testid="product-add-tier"
        >
          {t('catalog.form.addTier')}
        </button>
      </fieldset>
      {problems.length > 0 && (
        <ul className="error" role="alert" data-testid="product-form-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="reply-actions">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="product-form-save">
          {t('common.save')}
        </button>
      </div>
    </Dialog>
  );
}

// Add or edit a product (admins): SKU, names in both languages, description, unit, category, kind,
// availability, delivery, whether it is offered (ProductFields), its prices (currency, amount, billing
// period) and volume tiers (PriceFields). What is wrong is said in the UI's language before anything
// is written; period and promo discounts set elsewhere (the API, a CSV) are kept as they are.
import { useState } from 'react';
import type { ProductDoc } from '@app/shared/schemas';
import { Dialog } from '../../components/ui/Dialog';
import { useToast } from '../../components/ui/Toast';
import { useWorkspace } from '../../data/hooks';
import { addProduct, editProduct, takenSkus } from '../../data/products';
import { useI18n } from '../../i18n/i18n';
import { checkForm, formOf, type ProductForm } from '../../lib/product-view';
import { PriceFields, TierFields } from './PriceFields';
import { ProductFields } from './ProductFields';

export function ProductDialog({
  product,
  categories = [],
  onClose,
}: {
  product?: ProductDoc;
  /** The categories the catalog uses, offered in the category field. */
  categories?: string[];
  onClose(): void;
}) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const toast = useToast();
  const [form, setForm] = useState<ProductForm>(() => formOf(product));
  const [problems, setProblems] = useState<string[]>([]);

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
      <ProductFields form={form} setForm={setForm} categories={categories} />
      <PriceFields form={form} setForm={setForm} />
      <TierFields form={form} setForm={setForm} />
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

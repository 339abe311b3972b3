// The product editor's own fields (ProductDialog.tsx), on the forms kit: SKU and names in both
// languages, description, unit, category (the catalog's categories offered as one types), kind,
// availability, delivery and whether it is offered.
import { productSchema } from '@app/shared/schemas';
import { CheckField, FieldRow, FormField, FormFields } from '../../components/ui/FormField';
import { useI18n } from '../../i18n/i18n';
import type { ProductForm } from '../../lib/product-view';
import { categoryLabel } from './categories';

const availabilities = productSchema.properties.availability.enum;
const kinds = productSchema.properties.kind.enum;
type TextKey = 'sku' | 'name' | 'nameRu' | 'nameEn' | 'description' | 'unit' | 'category' | 'delivery';

export function ProductFields({
  form,
  setForm,
  categories,
}: {
  form: ProductForm;
  setForm: (f: ProductForm) => void;
  /** The categories the catalog uses, offered in the category field. */
  categories: string[];
}) {
  const { t } = useI18n();
  const text = (k: TextKey) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setForm({ ...form, [k]: e.target.value });
  const input = (k: TextKey, maxLength: number, testId?: string) => (
    <input value={form[k]} onChange={text(k)} maxLength={maxLength} data-testid={testId} />
  );
  return (
    <FormFields>
      <FieldRow>
        <FormField label={t('catalog.form.sku')}>{input('sku', 64, 'product-form-sku')}</FormField>
        <FormField label={t('catalog.form.name')}>{input('name', 300, 'product-form-name')}</FormField>
      </FieldRow>
      <FieldRow>
        <FormField label={t('catalog.form.nameRu')}>{input('nameRu', 300, 'product-form-name-ru')}</FormField>
        <FormField label={t('catalog.form.nameEn')}>{input('nameEn', 300, 'product-form-name-en')}</FormField>
      </FieldRow>
      <FormField label={t('catalog.form.description')}>
        <textarea rows={2} maxLength={10_000} value={form.description} onChange={text('description')} />
      </FormField>
      <FieldRow>
        <FormField label={t('catalog.form.unit')}>
          <input
            value={form.unit}
            onChange={text('unit')}
            maxLength={40}
            placeholder={t('catalog.form.unitPlaceholder')}
            data-testid="product-form-unit"
          />
        </FormField>
        <FormField label={t('catalog.form.category')} hint={t('catalog.form.categoryHint')}>
          <input
            value={form.category}
            onChange={text('category')}
            maxLength={200}
            list="product-categories"
            data-testid="product-form-category"
          />
        </FormField>
        <datalist id="product-categories">
          {categories.map((c) => (
            <option key={c} value={c} label={categoryLabel(t, c)} />
          ))}
        </datalist>
        <FormField label={t('catalog.form.kind')}>
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
        </FormField>
      </FieldRow>
      <FieldRow>
        <FormField label={t('catalog.form.availability')}>
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
        </FormField>
        <FormField label={t('catalog.form.delivery')}>{input('delivery', 2000)}</FormField>
      </FieldRow>
      <CheckField
        label={t('catalog.form.active')}
        checked={form.active}
        onChange={(active) => setForm({ ...form, active })}
      />
    </FormFields>
  );
}

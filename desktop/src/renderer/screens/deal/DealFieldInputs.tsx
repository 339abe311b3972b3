// Typed inputs of the deal's fields: an amount shown with the language's separators while it is not
// being edited (`190,000` / `190 000`; the raw number while typing), and the pipeline's custom fields
// by their type (text, number, a date with its calendar, money as an amount and a currency), named in
// the app's language, a value that cannot be stored marked with why. The deal's page saves them in
// place, the quick-edit dialog with its one Save (the same inputs in both).
import { useState, type InputHTMLAttributes } from 'react';
import { findPipeline } from '@app/shared/crm';
import type { CustomFieldDef, PipelineDoc } from '@app/shared/schemas';
import { DateField } from '../../components/ui/DateField';
import { FormField } from '../../components/ui/FormField';
import { useFormat, useI18n } from '../../i18n/i18n';
import { numberOf } from '../../lib/typed-number';
import { moneyOf, moneyText, numberText } from './custom-field-values';
import type { CustomFieldsState } from './useCustomFields';

type AmountProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  value: string;
  onChange(value: string): void;
  testId?: string;
};

/**
 * A number the rep types as they like, shown in the language's format once they leave the field. While
 * typing the field shows the text as typed (the parent may keep it read as a number).
 */
export function AmountInput({ value, onChange, testId, ...input }: AmountProps) {
  const fmt = useFormat();
  const [text, setText] = useState<string | null>(null);
  const n = numberOf(value);
  const shown = text ?? (n !== undefined ? fmt.number(n) : value);
  const raw = text ?? value;
  return (
    <input
      inputMode="decimal"
      autoComplete="off"
      {...input}
      value={shown}
      aria-invalid={raw.trim() !== '' && numberOf(raw) === undefined ? true : undefined}
      onFocus={(e) => {
        // The raw number at once (not after React's render), all of it selected, as Tab selects a field's
        // text: what is typed next replaces the amount instead of being added to it ("190000250 000").
        // A click then puts the caret where it points.
        const box = e.currentTarget;
        if (box.value !== value) {
          box.value = value;
          box.select();
        }
        setText(value);
      }}
      onBlur={() => setText(null)}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value);
      }}
      data-testid={testId}
    />
  );
}

function CustomInput(props: {
  def: CustomFieldDef;
  value: string;
  set(v: string): void;
  currencies: readonly string[];
  label: string;
  /** The (first) control's id, which the FormField's label names, and its hint's or error's. */
  id?: string;
  'aria-describedby'?: string;
}) {
  const { def, value, set, currencies, label, id } = props;
  const described = props['aria-describedby'];
  const testId = `deal-field-${def.id}`;
  if (def.type === 'date')
    return <DateField id={id} value={value} onChange={set} label={label} testId={testId} />;
  if (def.type === 'number')
    return (
      <AmountInput
        id={id}
        value={value}
        aria-label={label}
        aria-describedby={described}
        onChange={(v) => set(numberText(v))}
        testId={testId}
      />
    );
  if (def.type === 'money') {
    const money = moneyOf(value, currencies[0] ?? 'USD');
    const write = (amount: string, currency: string) => set(moneyText(amount, currency));
    // (An amount that reads as no number is kept as typed, so the field shows it as invalid.)
    return (
      <span className="money-field">
        <AmountInput
          id={id}
          value={money.amount}
          aria-label={label}
          aria-describedby={described}
          onChange={(v) => write(v, money.currency)}
          testId={testId}
        />
        <select
          value={money.currency}
          aria-label={label}
          onChange={(e) => write(money.amount, e.target.value)}
          data-testid={`${testId}-currency`}
        >
          {[...new Set([...currencies, money.currency])].map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </span>
    );
  }
  return (
    <input
      id={id}
      maxLength={2000}
      value={value}
      aria-label={label}
      aria-describedby={described}
      onChange={(e) => set(e.target.value)}
      data-testid={testId}
    />
  );
}

/** The custom fields of the deal's pipeline (`pipelineId`: the form's), each by its type. */
export function CustomFieldInputs(props: {
  pipelineId: string;
  pipelines: readonly PipelineDoc[];
  custom: CustomFieldsState;
  /** The fields (by id) whose typed value cannot be stored, marked once a save was tried. */
  invalid?: readonly string[];
}) {
  const { t, locale } = useI18n();
  const pipeline = findPipeline(props.pipelines, props.pipelineId);
  const defs = pipeline?.fields ?? [];
  if (defs.length === 0) return null;
  const { values, set } = props.custom;
  return (
    <section className="deal-custom-fields" data-testid="deal-custom-fields-edit">
      <h3>{t('packs.kind.custom-fields')}</h3>
      <div className="deal-field-grid">
        {defs.map((def) => {
          const label = locale === 'ru' ? def.labels.ru : def.labels.en;
          return (
            <FormField
              key={def.id}
              label={label}
              error={props.invalid?.includes(def.id) ? t('dealPage.numberInvalid') : undefined}
              className={def.type === 'text' || def.type === 'money' ? 'wide-field' : undefined}
            >
              <CustomInput
                def={def}
                value={values[def.id] ?? ''}
                set={(v) => set(def.id, v)}
                currencies={pipeline?.currencies ?? []}
                label={label}
              />
            </FormField>
          );
        })}
      </div>
    </section>
  );
}

// Every phone or every e-mail of a contact on its record (issue 64 review), each edited in place
// (InlineField), removable, and another one added: the primary first (the one the app, CSV and the
// channels use), then the others the customer gave. Written together as the contact's `phone`/`email`
// and its `phones`/`emails` list (lib/contact-points-edit.ts).
import type { ContactDoc, ContactPointField } from '@app/shared/schemas';
import { contactPointValues } from '@app/shared/schemas';
import { Plus, X } from 'lucide-react';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { editedValues, pointsPatch, type PointEdit } from '../../lib/contact-points-edit';
import { InlineField, type Checked } from './InlineField';

/** The schema's bound on a contact's list. */
const maxPoints = 20;

export function ContactPoints(p: {
  contact: ContactDoc;
  field: ContactPointField;
  label: string;
  check(typed: string): Checked;
  /** A value as people read it (a phone in national form). */
  show(value: string): string;
  write(patch: Partial<ContactDoc>): Promise<void>;
}) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const { contact, field, label } = p;
  const values = contactPointValues(contact, field);
  const apply = (edit: PointEdit) =>
    p.write(pointsPatch(contact, field, editedValues(contact, field, edit), new Date().toISOString()));
  const testId = (i: number) => (i === 0 ? `prop-${field}` : `prop-${field}-${i}`);
  const input = {
    check: p.check,
    type: field === 'phone' ? 'tel' : 'email',
    maxLength: field === 'phone' ? 40 : 254,
  } as const;
  return (
    <div className="prop-points" data-testid={`prop-${field}-list`}>
      {values.length === 0 && (
        <InlineField
          {...input}
          label={label}
          value=""
          addText={t(`contactRecord.add.${field}`)}
          onSave={(value) => apply({ kind: 'add', value })}
          testId={testId(0)}
        />
      )}
      {values.map((value, i) => (
        <div className="prop-point" key={`${i}:${value}`}>
          <InlineField
            {...input}
            label={i === 0 ? label : `${label} ${i + 1}`}
            value={value}
            shown={p.show(value)}
            editText={p.show(value)}
            onSave={(typed) => apply({ kind: 'change', index: i, value: typed })}
            testId={testId(i)}
          />
          <button
            type="button"
            className="link prop-point-remove"
            aria-label={t('contactRecord.remove', { value: p.show(value) })}
            onClick={() => void apply({ kind: 'remove', index: i })}
            data-testid={`${testId(i)}-remove`}
          >
            <X size={14} aria-hidden="true" />
          </button>
        </div>
      ))}
      {adding && (
        <InlineField
          {...input}
          label={t('contactRecord.another', { field: label.toLocaleLowerCase() })}
          value=""
          autoEdit
          onClose={() => setAdding(false)}
          onSave={(value) => apply({ kind: 'add', value })}
          testId={`prop-${field}-new`}
        />
      )}
      {values.length > 0 && values.length < maxPoints && !adding && (
        <button
          type="button"
          className="link prop-point-add"
          onClick={() => setAdding(true)}
          data-testid={`prop-${field}-add`}
        >
          <Plus size={14} aria-hidden="true" /> {t(`contactRecord.addAnother.${field}`)}
        </button>
      )}
    </div>
  );
}

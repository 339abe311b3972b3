// The contact record's properties (issue 64), each edited in place (InlineField): name, company, role,
// every phone and e-mail (ContactPoints: each changed or removed, another added), owner and tags.
// Checked before they are written (a name is required, an e-mail reads as one, a phone is valid by
// libphonenumber-js and stored in E.164) and written to the local database, which replicates them; a rep's name, company or role is then the agents' no longer to replace (twin-facts.ts).
import { checkContactInput, regionOfTag } from '@app/shared/crm';
import type { ContactDoc } from '@app/shared/schemas';
import { MemberPicker } from '../../components/MemberPicker';
import { useToast } from '../../components/ui/Toast';
import { useWorkspace } from '../../data/hooks';
import { useMembers } from '../../data/members';
import { updateDoc } from '../../data/workspace';
import { useFormat, useI18n, type Translate } from '../../i18n/i18n';
import { positionLabel } from '../../i18n/labels';
import { ContactPoints } from './ContactPoints';
import { InlineField, type Checked } from './InlineField';

type Editable = 'name' | 'company' | 'position' | 'phone' | 'email' | 'tags';

/** A free text of at most `max` characters; `required`: not empty. */
const text =
  (t: Translate, max: number, required = false) =>
  (typed: string): Checked => {
    const value = typed.trim().replace(/\s+/g, ' ');
    if (required && !value) return { problem: t('contactRecord.nameRequired') };
    return value.length > max ? { problem: t('contactRecord.tooLong', { max }) } : { value };
  };

function checkEmail(t: Translate, typed: string): Checked {
  const value = typed.trim().toLowerCase();
  const { problems } = checkContactInput({ name: '-', email: value, phone: '' });
  return problems.includes('email-invalid') ? { problem: t('contacts.form.emailInvalid') } : { value };
}

function checkPhone(t: Translate, typed: string): Checked {
  const { problems, phone } = checkContactInput(
    { name: '-', email: '', phone: typed },
    regionOfTag(navigator.language),
  );
  return problems.includes('phone-invalid')
    ? { problem: t('contacts.form.phoneInvalid') }
    : { value: phone ?? '' };
}

/** Tags typed with commas: trimmed, without repeats. */
function checkTags(t: Translate, typed: string): Checked {
  const tags = [
    ...new Set(
      typed
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (tags.some((tag) => tag.length > 100)) return { problem: t('contactRecord.tooLong', { max: 100 }) };
  return { value: tags.join(', ') };
}

export function ContactProperties({ contact }: { contact: ContactDoc }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const toast = useToast();
  const members = useMembers();
  const label = (field: Editable) => t(`contactRecord.${field}`);
  const save = (field: Editable, value: string) =>
    write(
      field,
      field === 'tags'
        ? { tags: value ? value.split(', ') : [] }
        : { [field]: field === 'name' || value ? value : undefined },
    );
  const write = async (field: Editable, patch: Partial<ContactDoc>) => {
    await updateDoc(ws, 'contacts', contact.id, patch);
    ws.sync.syncNow();
    toast({
      text: t('contactRecord.saved', { field: label(field) }),
      kind: 'success',
      source: 'contact-edit',
    });
  };
  const row = (field: Editable, control: React.ReactNode, more?: React.ReactNode) => (
    <div className="prop" key={field}>
      <dt>{label(field)}</dt>
      <dd>
        {control}
        {more}
      </dd>
    </div>
  );
  const plain = (field: 'name' | 'company' | 'position', max: number) =>
    row(
      field,
      <InlineField
        label={label(field)}
        value={contact[field] ?? ''}
        shown={field === 'position' && contact.position ? positionLabel(t, contact.position) : undefined}
        editText={field === 'position' && contact.position ? positionLabel(t, contact.position) : undefined}
        check={text(t, max, field === 'name')}
        addText={t(`contactRecord.add.${field}`)}
        onSave={(v) => save(field, v)}
        maxLength={max}
        testId={`prop-${field}`}
      />,
    );
  // A row of phones or emails: each checked as typed and shown in its own format.
  const points = (
    field: 'phone' | 'email',
    check: (t: Translate, typed: string) => Checked,
    show: (value: string) => string,
  ) =>
    row(
      field,
      <ContactPoints
        contact={contact}
        field={field}
        label={label(field)}
        check={(v) => check(t, v)}
        show={show}
        write={(patch) => write(field, patch)}
      />,
    );
  return (
    <section className="panel record-props" data-testid="contact-properties">
      <h3>{t('contactRecord.properties')}</h3>
      <dl>
        {plain('name', 200)}
        {plain('company', 200)}
        {plain('position', 200)}
        {points('phone', checkPhone, (v) => fmt.phone(v))}
        {points('email', checkEmail, (v) => v)}
        <div className="prop">
          <dt>{t('contactRecord.owner')}</dt>
          <dd>
            <MemberPicker
              members={members}
              value={contact.ownerId ?? ''}
              onChange={(id) => void updateDoc(ws, 'contacts', contact.id, { ownerId: id || undefined })}
              label={t('contactRecord.owner')}
              noneLabel={t('contactRecord.noOwner')}
              me={ws.session.userId}
              testId="prop-owner"
            />
          </dd>
        </div>
        {row(
          'tags',
          <InlineField
            label={label('tags')}
            value={(contact.tags ?? []).join(', ')}
            check={(v) => checkTags(t, v)}
            onSave={(v) => save('tags', v)}
            hint={t('contactRecord.tagsHint')}
            addText={t('contactRecord.add.tags')}
            maxLength={2000}
            testId="prop-tags"
          />,
        )}
      </dl>
    </section>
  );
}

// The Contacts screen's "New contact": name (required), company, e-mail, phone (validated by
// libphonenumber-js through shared's checkContactInput and stored in E.164; a national number is read
// in the region of the browser's language) and owner (the team's members, the rep by default). The
// contact is written to the local database (RxDB) like every other edit and replicates to the server.
import { useRef, useState } from 'react';
import { checkContactInput, regionOfTag, type ContactInputProblem } from '@app/shared/crm';
import { newId } from '@app/shared/ids';
import type { ContactDoc } from '@app/shared/schemas';
import { Dialog } from '../components/ui/Dialog';
import { DialogActions } from '../components/ui/DialogActions';
import { MemberPicker } from '../components/MemberPicker';
import { useToast } from '../components/ui/Toast';
import { useWorkspace } from '../data/hooks';
import { useMembers } from '../data/members';
import { insertDocs } from '../data/workspace';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { errorText } from '../i18n/error-text';
import { navigate } from '../lib/router';
import { FormField } from '../components/ui/FormField';

const problemKey: Record<ContactInputProblem, MessageKey> = {
  'name-required': 'contacts.form.nameRequired',
  'email-invalid': 'contacts.form.emailInvalid',
  'phone-invalid': 'contacts.form.phoneInvalid',
};

/** What a contact the rep makes starts with: no channel identity, not opted out, no facts yet. */
const freshContact = {
  identities: [],
  optOut: false,
  agentAccess: 'default',
  twin: { facts: [] },
} satisfies Partial<ContactDoc>;

type NewContactForm = { name: string; company: string; email: string; phone: string; ownerId: string };

/** The contact the form makes: trimmed, the e-mail lower-cased, the phone as checked (E.164), empty fields left out. */
function newContactDoc(form: NewContactForm, phone: string | undefined): ContactDoc {
  const now = new Date().toISOString();
  const email = form.email.trim().toLowerCase();
  return {
    id: newId('contact'),
    name: form.name.trim(),
    ...(form.company.trim() ? { company: form.company.trim() } : {}),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(form.ownerId ? { ownerId: form.ownerId } : {}),
    ...freshContact,
    createdAt: now,
    updatedAt: now,
  };
}

export function NewContactDialog({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const members = useMembers();
  const toast = useToast();
  const nameRef = useRef<HTMLInputElement>(null);
  const [form, setForm] = useState<NewContactForm>({
    name: '',
    company: '',
    email: '',
    phone: '',
    ownerId: ws.session.userId ?? '',
  });
  const [shown, setShown] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const region = regionOfTag(navigator.language);
  const checked = checkContactInput(form, region);
  const problem = (p: ContactInputProblem) =>
    shown && checked.problems.includes(p) ? (
      <span data-testid={`contact-form-${p}`}>{t(problemKey[p])}</span>
    ) : null;
  const field = (k: keyof typeof form) => ({
    value: form[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setForm({ ...form, [k]: e.target.value }),
  });

  const save = async () => {
    setShown(true);
    if (checked.problems.length || saving) return;
    setSaving(true);
    const contact = newContactDoc(form, checked.phone);
    try {
      const result = await insertDocs(ws, 'contacts', [contact]);
      if (!result.ok) throw new Error(result.failed[0]?.error ?? 'not saved');
      ws.sync.syncNow();
      toast({ text: t('contacts.created', { name: contact.name }), kind: 'success', source: 'contact-new' });
      onClose();
      navigate('contacts', contact.id);
    } catch (e) {
      setFailure(t('settings.failed', { message: errorText(t, e) }));
      setSaving(false);
    }
  };

  return (
    <Dialog
      title={t('contacts.new')}
      onClose={onClose}
      onSubmit={() => void save()}
      initialFocus={nameRef}
      testId="contact-new-dialog"
    >
      <FormField label={t('contacts.form.name')} error={problem('name-required')}>
        <input
          ref={nameRef}
          maxLength={200}
          autoComplete="off"
          aria-invalid={shown && checked.problems.includes('name-required')}
          data-testid="contact-form-name"
          {...field('name')}
        />
      </FormField>
      <FormField label={t('contacts.form.company')}>
        <input maxLength={200} autoComplete="off" data-testid="contact-form-company" {...field('company')} />
      </FormField>
      <FormField label={t('contacts.form.email')} error={problem('email-invalid')}>
        <input
          type="email"
          maxLength={254}
          autoComplete="off"
          aria-invalid={shown && checked.problems.includes('email-invalid')}
          data-testid="contact-form-email"
          {...field('email')}
        />
      </FormField>
      <FormField label={t('contacts.form.phone')} error={problem('phone-invalid')}>
        <input
          type="tel"
          maxLength={40}
          autoComplete="off"
          placeholder={t('contacts.form.phoneHint')}
          aria-invalid={shown && checked.problems.includes('phone-invalid')}
          data-testid="contact-form-phone"
          {...field('phone')}
        />
      </FormField>
      <MemberPicker
        members={members}
        value={form.ownerId}
        onChange={(id) => setForm((f) => ({ ...f, ownerId: id }))}
        label={t('contacts.form.owner')}
        noneLabel={t('contacts.noOwner')}
        me={ws.session.userId}
        testId="contact-form-owner"
      />
      <DialogActions
        problem={failure}
        onCancel={onClose}
        saveLabel={t('contacts.form.create')}
        saveTestId="contact-form-save"
        disabled={saving}
      />
    </Dialog>
  );
}

// Edit one lead (or create one with its contact): title, stage, value, tags; shows values that lost a
// merge, so nobody's edit disappears silently, and changes agents proposed for a rep to decide.
import { useEffect, useState } from 'react';
import { newId } from '@app/shared/ids';
import { leadStages, type LeadStage } from '@app/shared/schemas';
import { useLiveDoc, useWorkspace } from '../data/hooks';
import { insertDocs, updateDoc } from '../data/workspace';
import { useFormat, useI18n } from '../i18n/i18n';
import { navigate } from '../lib/router';
import { LeadProposals } from './LeadProposals';

type Form = {
  title: string;
  stage: LeadStage;
  amount: string;
  currency: string;
  tags: string;
  contactName: string;
};

export function LeadEditor({ id }: { id: string }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const isNew = id === 'new';
  const lead = useLiveDoc('leads', isNew ? undefined : id);
  const [form, setForm] = useState<Form>({
    title: '',
    stage: 'new',
    amount: '',
    currency: 'RUB',
    tags: '',
    contactName: '',
  });
  // The form as first loaded: only fields the rep changed since are written, so a change that another
  // rep made meanwhile (replicated into `lead`) is never overwritten by a stale form value.
  const [initial, setInitial] = useState<Form | null>(null);

  useEffect(() => {
    if (!lead || initial) return;
    const loaded: Form = {
      title: lead.title,
      stage: lead.stage,
      amount: lead.value ? String(lead.value.amount) : '',
      currency: lead.value?.currency ?? 'RUB',
      tags: (lead.tags ?? []).join(', '),
      contactName: '',
    };
    setInitial(loaded);
    setForm(loaded);
  }, [lead, initial]);

  const close = () => navigate('leads');
  const save = async () => {
    const amount = form.amount.trim() ? Number(form.amount.replace(',', '.')) : undefined;
    const value =
      amount !== undefined && Number.isFinite(amount) && amount >= 0
        ? { amount, currency: form.currency.toUpperCase() }
        : undefined;
    const tags = form.tags
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (isNew) {
      const now = new Date().toISOString();
      const contactId = newId('contact');
      await insertDocs(ws, 'contacts', [
        {
          id: contactId,
          name: form.contactName || form.title,
          identities: [],
          optOut: false,
          agentAccess: 'default',
          twin: { facts: [] },
          createdAt: now,
          updatedAt: now,
        },
      ]);
      await insertDocs(ws, 'leads', [
        {
          id: newId('lead'),
          contactId,
          title: form.title || '—',
          stage: form.stage,
          source: { channel: 'manual' },
          tags,
          ...(value ? { value } : {}),
          stageChangedAt: now,
          createdAt: now,
          updatedAt: now,
        },
      ]);
    } else if (lead && initial) {
      const patch: Record<string, unknown> = {};
      if (form.title !== initial.title) patch.title = form.title;
      if (form.stage !== initial.stage)
        Object.assign(patch, { stage: form.stage, stageChangedAt: new Date().toISOString() });
      if (form.amount !== initial.amount || form.currency !== initial.currency) patch.value = value;
      if (form.tags !== initial.tags) patch.tags = tags;
      if (Object.keys(patch).length) await updateDoc(ws, 'leads', lead.id, patch);
    }
    close();
  };
  const field = (k: keyof Form) => ({
    value: form[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setForm({ ...form, [k]: e.target.value }),
  });

  return (
    <div className="overlay" onMouseDown={close}>
      <form
        className="dialog form"
        onMouseDown={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        data-testid="lead-editor"
      >
        <h2>{isNew ? t('leads.new') : lead?.title}</h2>
        {!isNew && <LeadProposals lead={lead} />}
        {isNew && (
          <label>
            {t('contact.title')}
            <input name="contactName" {...field('contactName')} />
          </label>
        )}
        <label>
          {t('leads.col.title')}
          <input name="title" required {...field('title')} />
        </label>
        <label>
          {t('leads.col.stage')}
          <select name="stage" {...field('stage')}>
            {leadStages.map((s) => (
              <option key={s} value={s}>
                {t(`stage.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="row">
          <label>
            {t('leads.col.value')}
            <input name="amount" inputMode="decimal" {...field('amount')} />
          </label>
          <label>
            {t('leads.col.currency')}
            <input name="currency" maxLength={3} {...field('currency')} />
          </label>
        </div>
        <label>
          {t('leads.col.tags')}
          <input name="tags" {...field('tags')} />
        </label>
        {lead?.history && lead.history.length > 0 && (
          <div data-testid="lead-history">
            <h3>{t('contact.history')}</h3>
            <ul className="muted small">
              {lead.history.map((h, i) => (
                <li key={i}>
                  {h.field}: {h.value} ({fmt.dateTime(h.replacedAt)})
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="reply-actions">
          <button type="button" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" data-testid="lead-save">
            {t('common.save')}
          </button>
        </div>
      </form>
    </div>
  );
}

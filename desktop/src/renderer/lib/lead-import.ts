// CSV import of leads with their contacts, written to the local database (so it works offline and
// replicates like any edit). Each row is checked on its own; bad rows are reported with their line
// number and reason and the good ones are imported. Columns: name, company, email, phone, telegram,
// title, stage, amount, currency, tags (`;`-separated); Russian headers are accepted too. Leads go to
// the given pipeline; a stage is one of its ids or shown names, the currency by default its first.
import { contactIdFor, newId } from '@app/shared/ids';
import { defaultPipeline, type ContactDoc, type LeadDoc, type PipelineDoc } from '@app/shared/schemas';
import { csvRecords, parseCsv } from './csv';

export type ImportRowError = { row: number; error: string };
export type ImportPlan = {
  contacts: ContactDoc[];
  leads: LeadDoc[];
  errors: ImportRowError[];
  total: number;
};

const aliases: Record<string, string> = {
  имя: 'name',
  компания: 'company',
  почта: 'email',
  email: 'email',
  'e-mail': 'email',
  телефон: 'phone',
  телеграм: 'telegram',
  название: 'title',
  этап: 'stage',
  сумма: 'amount',
  валюта: 'currency',
  теги: 'tags',
};

const emailRe = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phoneRe = /^\+?[0-9 ()-]{5,20}$/;

export const leadCsvHeader = [
  'name',
  'company',
  'email',
  'phone',
  'telegram',
  'title',
  'stage',
  'amount',
  'currency',
  'tags',
];

export function planLeadImport(
  text: string,
  now = new Date().toISOString(),
  existingEmails: ReadonlySet<string> = new Set(),
  pipeline: PipelineDoc = defaultPipeline(),
): ImportPlan {
  const stageFor = (raw: string | undefined) => {
    if (!raw) return (pipeline.stages.find((s) => s.kind === 'open') ?? pipeline.stages[0])!.id;
    const key = raw.trim().toLowerCase();
    return pipeline.stages.find((s) => s.id === key || s.name?.toLowerCase() === key)?.id;
  };
  const { records } = csvRecords(parseCsv(text));
  const contacts: ContactDoc[] = [];
  const leads: LeadDoc[] = [];
  const errors: ImportRowError[] = [];
  const seen = new Set(existingEmails);
  records.forEach((raw, i) => {
    const row = i + 2; // line 1 is the header
    const r: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) r[aliases[k] ?? k] = v;
    const problems: string[] = [];
    const name = r.name ?? '';
    if (!name) problems.push('name is required');
    if (name.length > 200) problems.push('name is longer than 200 characters');
    const email = (r.email ?? '').toLowerCase();
    if (email && !emailRe.test(email)) problems.push(`invalid e-mail "${email}"`);
    if (email && seen.has(email)) problems.push(`duplicate e-mail "${email}"`);
    const phone = r.phone ?? '';
    if (phone && !phoneRe.test(phone)) problems.push(`invalid phone "${phone}"`);
    const stage = stageFor(r.stage);
    if (!stage)
      problems.push(`unknown stage "${r.stage}" (${pipeline.stages.map((s) => s.name ?? s.id).join(', ')})`);
    const amount = r.amount ? Number(r.amount.replace(/\s/g, '').replace(',', '.')) : undefined;
    if (amount !== undefined && (!Number.isFinite(amount) || amount < 0))
      problems.push(`invalid amount "${r.amount}"`);
    const currency = (r.currency || pipeline.currencies[0] || 'USD').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) problems.push(`invalid currency "${r.currency}"`);
    if (problems.length || !stage) {
      errors.push({ row, error: problems.join('; ') });
      return;
    }
    if (email) seen.add(email);
    const telegram = r.telegram?.replace(/^@/, '');
    const contactId =
      telegram && /^\d+$/.test(telegram) ? contactIdFor('telegram', telegram) : newId('contact');
    const tags = (r.tags ?? '')
      .split(';')
      .map((t) => t.trim())
      .filter(Boolean)
      .slice(0, 50);
    contacts.push({
      id: contactId,
      name,
      ...(r.company ? { company: r.company.slice(0, 200) } : {}),
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
      identities: telegram
        ? [
            {
              channel: 'telegram',
              externalId: telegram,
              ...(/^\d+$/.test(telegram) ? {} : { username: telegram }),
            },
          ]
        : [],
      tags,
      optOut: false,
      agentAccess: 'default',
      twin: { facts: [] },
      createdAt: now,
      updatedAt: now,
    });
    leads.push({
      id: newId('lead'),
      contactId,
      title: (r.title || (r.company ? `${r.company} — ${name}` : name)).slice(0, 300),
      pipelineId: pipeline.id,
      stage,
      source: { channel: 'manual', campaign: 'csv-import' },
      ...(amount !== undefined ? { value: { amount, currency } } : {}),
      tags,
      stageChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
  });
  return { contacts, leads, errors, total: records.length };
}

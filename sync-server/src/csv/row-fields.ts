// One import row's cells to clean contact and lead fields, or the reason the row cannot be imported.
// A lead's stage is one of the team's pipeline (by id or shown name, or a Russian name of a default
// stage); its currency is the row's, the amount's symbol, or the pipeline's first currency.
import { findStage, normalPhone } from '@app/shared/crm';
import { DEFAULT_PIPELINE_ID, defaultPipeline, type leadStages, type PipelineDoc } from '@app/shared/schemas';
import type { ImportRow } from './columns';

export type ContactFields = {
  id?: string;
  name: string;
  company?: string;
  position?: string;
  email?: string;
  phone?: string;
  telegramId?: string;
  telegramUsername?: string;
  tags?: string[];
  notes?: string;
  language?: 'ru' | 'en';
  ownerId?: string;
  optOut?: boolean;
};
export type LeadFields = {
  title: string;
  pipelineId: string;
  stage: string;
  amount?: number;
  currency?: string;
};
export type RowFields = { contact: ContactFields; lead?: LeadFields };

type DefaultStage = (typeof leadStages)[number];
const stageAliases: Record<string, DefaultStage> = {
  новый: 'new',
  новая: 'new',
  новое: 'new',
  квалифицирован: 'qualified',
  квалифицирована: 'qualified',
  квалификация: 'qualified',
  предложение: 'proposal',
  кп: 'proposal',
  переговоры: 'negotiation',
  выиграна: 'won',
  выигран: 'won',
  успешно: 'won',
  успех: 'won',
  проиграна: 'lost',
  проигран: 'lost',
  отказ: 'lost',
  закрытонеуспешно: 'lost',
};

const languageAliases: Record<string, 'ru' | 'en'> = {
  ru: 'ru',
  rus: 'ru',
  russian: 'ru',
  русский: 'ru',
  ру: 'ru',
  en: 'en',
  eng: 'en',
  english: 'en',
  английский: 'en',
};

const yes = new Set(['1', 'true', 'yes', 'y', 'да', 'д', '+']);
const no = new Set(['0', 'false', 'no', 'n', 'нет', 'н', '-']);

/**
 * The key phones are deduplicated by: the digits of the number's stored form (E.164 when it is valid,
 * a national number read in `region`, RU by default), else its digits with a Russian trunk 8 read as 7.
 */
export function phoneKey(phone: string, region?: string): string {
  const digits = normalPhone(phone, region).replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('8') ? `7${digits.slice(1)}` : digits;
}

export const emailKey = (email: string) => email.trim().toLowerCase();

function cleanPhone(raw: string, region?: string): string | null {
  if (!/^[\d\s()+.-]+$/.test(raw)) return null;
  // A valid number is stored as the API and the channels store it (E.164 in the team's region).
  const normal = normalPhone(raw, region);
  if (normal.startsWith('+')) return normal;
  const key = phoneKey(raw, region);
  if (key.length < 5 || key.length > 15) return null;
  return raw.trim().startsWith('+') || key !== raw.replace(/\D/g, '') ? `+${key}` : key;
}

const currencySymbols: [RegExp, string][] = [
  [/₽|руб|rub/i, 'RUB'],
  [/\$/, 'USD'],
  [/€/, 'EUR'],
];

/** The currency an amount's symbol names (`500 000 ₽`), if any. */
const symbolCurrency = (raw: string) => currencySymbols.find(([re]) => re.test(raw))?.[1];

const squash = (s: string) => s.toLocaleLowerCase().replace(/\s+/g, '');

/** The row's pipeline (by id or name; the default one when none) and stage, or why not. */
function stageOf(
  row: ImportRow,
  pipelines: readonly PipelineDoc[],
): { pipeline: PipelineDoc; stage: string } | string {
  const wanted = row.pipeline ? squash(row.pipeline) : DEFAULT_PIPELINE_ID;
  const pipeline = pipelines.find((p) => p.id === wanted || squash(p.name) === wanted);
  if (!pipeline) return `pipeline: '${(row.pipeline ?? '').slice(0, 60)}' is not one of the team's pipelines`;
  if (!row.stage)
    return { pipeline, stage: (pipeline.stages.find((s) => s.kind === 'open') ?? pipeline.stages[0])!.id };
  const key = squash(row.stage);
  const named = pipeline.stages.find((s) => s.id === key || (s.name && squash(s.name) === key));
  const alias = stageAliases[key];
  const stage = named?.id ?? (alias && findStage(pipeline, alias) ? alias : undefined);
  if (stage) return { pipeline, stage };
  const names = pipeline.stages.map((s) => s.name ?? s.id).join(', ');
  return `stage: '${row.stage.slice(0, 40)}' is not a stage of '${pipeline.name}' (${names})`;
}

function parseAmount(raw: string): number | null {
  const cleaned = raw
    .replace(/[\s\u00a0']/g, '')
    .replace(/[₽$€]|руб\.?|rub/gi, '')
    .replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isFinite(n) && n <= 1e12 ? n : null;
}

const splitTags = (raw: string) => [
  ...new Set(
    raw
      .split(/[,;|]/)
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

/**
 * An amount's currency in a pipeline when the row names none: the team's own when the pipeline takes
 * it, or when the pipeline is the built-in one (never edited: its 'USD' is no choice of the team's);
 * else the pipeline's first.
 */
function pipelineCurrency(pipeline: PipelineDoc, own: string | undefined): string | undefined {
  if (own && (pipeline.currencies.includes(own) || pipeline.createdAt === defaultPipeline().createdAt))
    return own;
  return pipeline.currencies[0] ?? own;
}

/** The row's fields, or a list of reasons it fails. `pipelines`: the team's (default pipeline first). */
export function rowFields(
  row: ImportRow,
  pipelines: readonly PipelineDoc[] = [defaultPipeline()],
  /** Where national phone numbers are read (the team's region; RU when none). */
  region?: string,
  /** The team's own currency (store/team-currency.ts): an amount's default when the row names none. */
  ownCurrency?: string,
): { ok: true; fields: RowFields } | { ok: false; reasons: string[] } {
  const reasons: string[] = [];
  const c: ContactFields = { name: '' };
  const name = [row.name ?? row.firstName, row.lastName].filter(Boolean).join(' ').trim();
  c.name = name;
  if (row.id) {
    if (/^[A-Za-z0-9][A-Za-z0-9_:.@-]{0,127}$/.test(row.id)) c.id = row.id;
    else reasons.push('id: not a valid document id');
  }
  if (row.company) c.company = row.company;
  if (row.position) c.position = row.position;
  if (row.email) {
    if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(row.email)) c.email = emailKey(row.email);
    else reasons.push(`email: '${row.email.slice(0, 80)}' is not an e-mail address`);
  }
  if (row.phone) {
    const phone = cleanPhone(row.phone, region);
    if (phone) c.phone = phone;
    else reasons.push(`phone: '${row.phone.slice(0, 40)}' is not a phone number`);
  }
  if (row.telegram) {
    const tg = row.telegram.replace(/^https?:\/\/t\.me\//i, '');
    if (/^\d{1,20}$/.test(tg)) c.telegramId = tg;
    else if (/^@?[A-Za-z][A-Za-z0-9_]{3,31}$/.test(tg)) c.telegramUsername = tg.replace(/^@/, '');
    else reasons.push(`telegram: '${row.telegram.slice(0, 40)}' is neither a Telegram id nor a @username`);
  }
  if (row.telegramUsername) {
    const u = row.telegramUsername.replace(/^@/, '');
    if (/^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(u)) c.telegramUsername = u;
    else reasons.push(`telegram username: '${row.telegramUsername.slice(0, 40)}' is not a username`);
  }
  if (row.tags) c.tags = splitTags(row.tags);
  if (row.notes) c.notes = row.notes;
  if (row.owner) c.ownerId = row.owner;
  if (row.language) {
    const lang = languageAliases[row.language.toLowerCase()];
    if (lang) c.language = lang;
    else reasons.push(`language: '${row.language.slice(0, 20)}' is not ru or en`);
  }
  if (row.optOut) {
    const v = row.optOut.toLowerCase();
    if (yes.has(v)) c.optOut = true;
    else if (no.has(v)) c.optOut = false;
    else reasons.push(`optOut: '${row.optOut.slice(0, 20)}' is not yes or no`);
  }
  if (!c.name && !c.email && !c.phone && !c.telegramId && !c.telegramUsername) {
    reasons.push('the row has no name, e-mail, phone or Telegram id');
  }
  let lead: LeadFields | undefined;
  if (row.leadTitle || row.stage || row.amount || row.pipeline) {
    const placed = stageOf(row, pipelines);
    if (typeof placed === 'string') reasons.push(placed);
    const amount = row.amount === undefined ? undefined : parseAmount(row.amount);
    if (amount === null) reasons.push(`amount: '${(row.amount ?? '').slice(0, 40)}' is not a number`);
    const fallback =
      (row.amount && symbolCurrency(row.amount)) ??
      (typeof placed === 'string' ? ownCurrency : pipelineCurrency(placed.pipeline, ownCurrency)) ??
      'USD';
    const currency = (row.currency ?? fallback).toUpperCase().replace('РУБ', 'RUB').replace('₽', 'RUB');
    if (!/^[A-Z]{3}$/.test(currency))
      reasons.push(`currency: '${(row.currency ?? '').slice(0, 10)}' is not a 3-letter code`);
    const title = row.leadTitle ?? (c.company || c.name || 'Imported lead');
    if (typeof placed !== 'string') {
      lead = {
        title,
        pipelineId: placed.pipeline.id,
        stage: placed.stage,
        ...(amount == null ? {} : { amount, currency }),
      };
    }
  }
  if (reasons.length) return { ok: false, reasons };
  return { ok: true, fields: { contact: c, ...(lead ? { lead } : {}) } };
}

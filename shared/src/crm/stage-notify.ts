// Customer notifications on stage changes: a stage may carry a message (an English and a Russian
// template) that the server sends the customer once when a deal enters it (sync-server
// channels/stage-notify.ts). Here the pure parts: which language, and the text.
// Templates are filled in one pass: values (a deal title, a customer's name: data, possibly typed by
// the customer) are inserted as plain text and never read as placeholders or instructions.
import { detectLanguage } from '../llm/offline/text-features';
import type { PipelineStage } from '../schemas/pipelines';

export type NotifyLanguage = 'en' | 'ru';
export const notifyLanguages: readonly NotifyLanguage[] = ['en', 'ru'];

/** The placeholders a template may use. */
export const notifyPlaceholders = ['name', 'deal', 'stage', 'company'] as const;
export type NotifyValues = Partial<Record<(typeof notifyPlaceholders)[number], string | undefined>>;

const defaultStageNames: Record<NotifyLanguage, Record<string, string>> = {
  en: {
    new: 'New',
    qualified: 'Qualified',
    proposal: 'Proposal',
    negotiation: 'Negotiation',
    won: 'Won',
    lost: 'Lost',
  },
  ru: {
    new: 'Новая',
    qualified: 'Квалифицирована',
    proposal: 'Предложение',
    negotiation: 'Переговоры',
    won: 'Выиграна',
    lost: 'Проиграна',
  },
};

/** A stage's name for the customer: its own name, else the default stages' name in the language. */
export const stageNameFor = (stage: Pick<PipelineStage, 'id' | 'name'>, lang: NotifyLanguage): string =>
  stage.name ?? defaultStageNames[lang][stage.id] ?? stage.id;

/**
 * Fills `{{name}}`-style placeholders (spaces inside the braces allowed) in one pass. An unknown
 * placeholder stays as written; a known one without a value becomes empty. Values are inserted as they
 * are: a value that itself looks like `{{deal}}` is not filled again.
 */
export function fillTemplate(template: string, values: NotifyValues): string {
  return template
    .replace(/\{\{\s*([a-z]+)\s*\}\}/g, (whole, key: string) =>
      (notifyPlaceholders as readonly string[]).includes(key)
        ? (values[key as keyof NotifyValues] ?? '').replace(/\s+/g, ' ').trim()
        : whole,
    )
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/**
 * The customer's language: the contact's (what the channel said, or a rep set), else what the
 * customer's own messages are written in, else the team's default.
 */
export function notificationLanguage(input: {
  contactLanguage?: string | undefined;
  /** The customer's latest messages (their texts). */
  customerTexts?: readonly string[];
  teamDefault: NotifyLanguage;
}): NotifyLanguage {
  if (input.contactLanguage === 'en' || input.contactLanguage === 'ru') return input.contactLanguage;
  const text = (input.customerTexts ?? []).filter((t) => !t.startsWith('/')).join(' ');
  if (/[a-zа-яё]/i.test(text)) return detectLanguage(text);
  return input.teamDefault;
}

/**
 * The message for a deal entering `stage` in `lang`: the template of that language, else the other
 * one (a stage with only an English text still notifies a Russian customer); undefined when the stage
 * does not notify or has no text.
 */
export function stageNotification(
  stage: PipelineStage,
  lang: NotifyLanguage,
  values: Omit<NotifyValues, 'stage'>,
): { text: string; language: NotifyLanguage } | undefined {
  const notify = stage.notify;
  if (!notify?.enabled) return undefined;
  const order: NotifyLanguage[] = [lang, ...notifyLanguages.filter((l) => l !== lang)];
  for (const l of order) {
    const template = notify.templates?.[l]?.trim();
    if (!template) continue;
    const text = fillTemplate(template, { ...values, stage: stageNameFor(stage, l) });
    if (text) return { text, language: l };
  }
  return undefined;
}

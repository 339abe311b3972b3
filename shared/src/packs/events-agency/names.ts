// The events pack's names in English and Russian: its pipeline, stages and agent profile. Kept apart
// from the pack (index.ts, which brings the intents' examples) so the app can name a pack's stored
// docs in the UI's language without loading the pack (packs/pack-names.ts).
import type { Localized } from '../types';

export const eventsPipelineName: Localized = { en: 'Events', ru: 'Мероприятия' };

export const eventsStageNames = {
  inquiry: { en: 'Inquiry', ru: 'Запрос' },
  brief: { en: 'Brief', ru: 'Бриф' },
  estimate: { en: 'Estimate sent', ru: 'Смета отправлена' },
  contract: { en: 'Contract', ru: 'Договор' },
  preparation: { en: 'Preparation', ru: 'Подготовка' },
  held: { en: 'Event held', ru: 'Проведено' },
  lost: { en: 'Lost', ru: 'Отказ' },
} as const satisfies Record<string, Localized>;

export const maestroName: Localized = { en: 'Maestro (events)', ru: 'Маэстро (мероприятия)' };

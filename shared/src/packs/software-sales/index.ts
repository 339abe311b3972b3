// The "software sales" pack: what every team has worked with from the start. Its pipeline is the
// built-in default one (the six stages), its profile the built-in sales assistant, its intents the
// offline classifier's sales intents. It is built in: applying it stores nothing, so no existing
// team's setup changes.
import { defaultProfile, builtinToolNames } from '../../agents/profiles';
import { intentExamples } from '../../agents/intents/examples';
import { salesIntents } from '../../agents/intents/sales-intents';
import { DEFAULT_PIPELINE_ID, defaultStages } from '../../schemas/pipelines';
import type { DomainPack, Localized } from '../types';

const stageNames: Record<string, Localized> = {
  new: { en: 'New', ru: 'Новый' },
  qualified: { en: 'Qualified', ru: 'Квалифицирован' },
  proposal: { en: 'Proposal', ru: 'Предложение' },
  negotiation: { en: 'Negotiation', ru: 'Переговоры' },
  won: { en: 'Won', ru: 'Выигран' },
  lost: { en: 'Lost', ru: 'Проигран' },
};

export const softwareSalesPack: DomainPack = {
  id: 'software-sales',
  builtin: true,
  name: { en: 'Software sales', ru: 'Продажи ПО' },
  description: {
    en: 'The built-in setup: the six-stage sales pipeline, the sales assistant and its sales intents.',
    ru: 'Встроенная настройка: воронка продаж из шести этапов, ассистент продаж и его намерения.',
  },
  pipelines: [
    {
      id: DEFAULT_PIPELINE_ID,
      name: { en: 'Sales', ru: 'Продажи' },
      description: { en: 'The default sales pipeline', ru: 'Воронка продаж по умолчанию' },
      stages: defaultStages.map((s) => ({ ...s, name: stageNames[s.id]! })),
      currencies: ['USD'],
      fields: [],
    },
  ],
  profiles: [
    {
      id: defaultProfile.id,
      name: { en: defaultProfile.name, ru: 'Ассистент продаж' },
      persona: { en: defaultProfile.persona, ru: 'Вы — дружелюбный и лаконичный ассистент продаж компании.' },
      instructions: {
        en: defaultProfile.instructions,
        ru: 'Отвечайте по базе знаний, квалифицируйте лида и передавайте разговор человеку, если не уверены.',
      },
      allowedTools: [...builtinToolNames],
      roles: [],
    },
  ],
  intents: salesIntents.map((label) => ({ label, description: { en: label, ru: label } })),
  examples: intentExamples,
  knowledge: [],
};

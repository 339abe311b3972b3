// Русские тексты колонок и карточек доски сделок и шапки карточки сделки (issue 37; часть ru.ts).
import type { dealsEn } from './deals-en';

export const dealsRu: Record<keyof typeof dealsEn, string> = {
  'board.otherCurrencies':
    '{n, plural, one {+ # в другой валюте} few {+ # в других валютах} many {+ # в других валютах} other {+ # в других валютах}}',
  'board.otherCurrenciesTitle': 'Без пересчёта (курсов валют нет):',
  'board.otherCurrencyLine': '{amount} · прогноз {weighted}',
  'board.score': 'Оценка {n}',
  'board.scoreLegend':
    'Оценка 0–100: насколько клиент готов купить, по мнению ИИ из переписки. Горячий — от 70, тёплый — 40–69, холодный — ниже 40.',
  'board.scoreLegendButton': 'Что значит оценка',
  'board.noOwner': 'Без ответственного',
  'board.owner': 'Ответственный: {name}',
  'board.nextTask': 'Следующая задача:',
  'board.noTask': 'Нет открытых задач',
  'board.ageInStage': '{age} на этапе',
  'board.addDeal': 'Добавить сделку',
  'board.addDealIn': 'Добавить сделку в «{stage}»',
  'board.quickTitle': 'Название сделки',
  'board.quickAmount': 'Сумма, {currency}',
  'board.quickAdd': 'Добавить',
  'board.quickTitleRequired': 'Дайте сделке название.',
  'deal.stages': 'Этапы воронки',
  'deal.noAmount': 'Сумма не указана',
  'deal.openContact': 'Открыть контакт {name}',
  'deal.openConversation': 'Открыть переписку',
  'deal.noConversation': 'Переписки пока нет',
  'deal.contactSearch': 'Поиск контакта',
  'deal.contactNone': 'Нет контакта по запросу «{q}».',
  'deal.clearContact': 'Убрать контакт',
  'deal.discardTitle': 'Не сохранять изменения сделки?',
  'deal.discardText': 'Ваши изменения ещё не сохранены.',
  'deal.discard': 'Не сохранять',
} as const;

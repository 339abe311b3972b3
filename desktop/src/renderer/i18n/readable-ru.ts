// Russian texts that stand where a screen showed machine data (issue 37): a contact's summary in
// sentences, a fact whose message is not on the device, a provider picked from the team's, a
// first-response figure without its unit in the header (part of ru.ts).
import type { readableEn } from './readable-en';

export const readableRu: Record<keyof typeof readableEn, string> = {
  'summary.roleAt': '{position} в компании {company}.',
  'summary.role': 'Должность: {position}.',
  'summary.company': 'Работает в компании {company}.',
  'summary.budget': 'Бюджет: {budget}.',
  'summary.need': 'Нужно: {need}.',
  'summary.teamSize': 'Размер команды: {size}.',
  'summary.timeline': 'Сроки: {timeline}.',
  'summary.meeting': 'Встреча назначена на {when}.',
  'summary.interest': 'Интересуется: {interest}.',
  'summary.reach': 'Связаться: {points}.',
  'summary.more': 'Ниже ещё {n, plural, one {# факт} few {# факта} many {# фактов} other {# факта}}.',
  'contact.messageNotHere': 'сообщение, которого ещё нет на этом устройстве',
  'models.provider.first': 'Первый провайдер команды',
  'models.provider.missing': '{id} (нет в настройках)',
  'models.fallbacks.pick':
    'Запасные провайдеры: к ним по очереди обращаются, если основной не ответил (ни один не отмечен — все)',
  'analytics.col.firstResponseShown': 'Первый ответ (медиана)',
};

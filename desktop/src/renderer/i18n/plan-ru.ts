// Русский для карточки «Тариф и использование» (screens/settings/PlanCard.tsx) и ошибок лимитов тарифа.
import type { planEn } from './plan-en';

export const planRu: Record<keyof typeof planEn, string> = {
  'plan.title': 'Тариф и использование',
  'plan.current': 'Тариф: {plan}',
  'plan.name.free': 'Бесплатный',
  'plan.name.pro': 'Pro',
  'plan.name.business': 'Business',
  'plan.name.unlimited': 'Без ограничений',
  'plan.limit.seats': 'Места (участники и приглашения)',
  'plan.limit.channels': 'Подключения каналов',
  'plan.limit.aiReplies': 'Ответы ИИ в этом месяце',
  'plan.limit.knowledgeBytes': 'Знания',
  'plan.limit.storageBytes': 'Хранимые файлы (знания, страницы, вложения)',
  'plan.limit.historyDays': 'Видимая история (старая хранится, но скрыта)',
  'plan.limit.websitePages': 'Страниц с одного сайта',
  'plan.pages':
    'не больше {pages, plural, one {# страницы} few {# страниц} many {# страниц} other {# страницы}}',
  'plan.of': '{used} из {limit}',
  'plan.noLimit': '{used} · без ограничений',
  'plan.days': '{days, plural, one {# день} few {# дня} many {# дней} other {# дня}}',
  'plan.forever': 'без ограничений',
  'plan.warning': 'Использовано {percent}: лимит близко',
  'plan.reached': 'Лимит исчерпан',
  'plan.aiPaused':
    'Ответы ИИ на этот месяц закончились: ИИ не отвечает клиентам, их сообщения сохраняются и передаются менеджерам.',
  'plan.grace':
    'Оплата не прошла: тариф действует до {date}, потом команда перейдёт на бесплатный (ничего не удаляется).',
  'plan.lapsed':
    'Оплата не продлена: команда на бесплатном тарифе. Ничего не удалено; оплатите, чтобы вернуть тариф.',
  'plan.selfHosted': 'Лимиты задаёт администратор сервера.',
  'plan.pay': '{plan} через {provider}',
  'plan.provider.stripe': 'Stripe',
  'plan.provider.yookassa': 'ЮKassa',
  'plan.loading': 'Читаем тариф…',
  'plan.needsServer': 'Тариф хранится на сервере: подключитесь, чтобы его увидеть.',
};

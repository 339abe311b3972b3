// Russian names and descriptions of a domain pack's agent roles (issue 39), whose models the Agents
// screen sets per role beside the sales roles, and the offline provider as a role's choice (spread
// into ru.ts).
import type { packRolesEn } from './pack-roles-en';

export const packRolesRu = {
  'role.maestro': 'Маэстро',
  'role.planning': 'Планирование',
  'role.finance': 'Финансы',
  'role.vendors': 'Подрядчики',
  'role.communication': 'Коммуникации',
  'role.analytics': 'Аналитика',
  'role.social': 'Соцсети',
  'agents.roleDesc.maestro': 'Читает заявку на мероприятие, раздаёт её ролям ниже и пишет один ответ.',
  'agents.roleDesc.planning': 'Составляет план: вехи и задачи со сроками от даты события.',
  'agents.roleDesc.finance': 'Считает смету по прайс-листу и сверяет её с бюджетом клиента.',
  'agents.roleDesc.vendors': 'Подбирает площадки, кейтеринг, технику и ведущих и запрашивает у них КП.',
  'agents.roleDesc.communication': 'Пишет предложения, подтверждения и напоминания перед мероприятием.',
  'agents.roleDesc.analytics': 'Отчёты по мероприятиям: типы и источники, конверсия, бюджеты и маржа.',
  'agents.roleDesc.social': 'Следит за упоминаниями мероприятия клиента и оценивает их тональность.',
  'agents.packRoles': 'Роли отраслевого пакета',
  'models.provider.offline': 'Офлайн (без модели)',
} satisfies Record<keyof typeof packRolesEn, string>;

// Russian strings of the deal timeline and the stage notifications (spread into ru.ts).
import type { timelineEn } from './timeline-en';

export const timelineRu: Record<keyof typeof timelineEn, string> = {
  'timeline.title': 'Хронология',
  'timeline.empty': 'По этой сделке пока ничего не происходило.',
  'timeline.more': 'Показать ещё {n, number}',
  'timeline.created': 'Создана на этапе «{to}»',
  'timeline.moved': 'Перемещена с этапа «{from}» на «{to}»',
  'timeline.by.rep': '— {name}',
  'timeline.by.you': '— вы',
  'timeline.by.someone': '— менеджер',
  'timeline.by.agent': '— ИИ-агент',
  'timeline.by.system': '— система',
  'timeline.message.in': 'Клиент написал',
  'timeline.message.out': 'Отправлен ответ',
  'timeline.message.notification': 'Клиент уведомлён об этапе',
  'timeline.task': 'Задача: {title}',
  'timeline.task.done': 'Задача выполнена: {title}',
  'timeline.event': 'Встреча: {title}',
  'timeline.agent': 'Агент {role}: {name}',
  'notify.enabled': 'Написать клиенту, когда сделка переходит на этот этап',
  'notify.en': 'Текст на английском',
  'notify.ru': 'Текст на русском',
  'notify.hint':
    "Отправляется один раз за переход в переписку сделки на языке клиента (если этот текст пуст — другой). Подстановки: '{{name}}, {{deal}}, {{stage}}, {{company}}'.",
  'notify.noText': 'Напишите текст хотя бы на одном языке, иначе ничего не отправится.',
};

// Russian strings of the Agents screen's A/B tests of instructions (issue 38; part of ru.ts).
import type { experimentsEn } from './experiments-en';

export const experimentsRu: Record<keyof typeof experimentsEn, string> = {
  'experiments.title': 'Сплит-тесты инструкций',
  'experiments.hint':
    'Новые диалоги делятся между вариантами по весам; у каждого диалога остаётся его вариант. Конверсия — выигранные сделки на диалог, с 95-процентным интервалом.',
  'experiments.none': 'Тестов этого профиля пока нет.',
  'experiments.status.running': 'идёт',
  'experiments.status.stopped': 'остановлен',
  'experiments.status.promoted': 'победитель применён',
  'experiments.since': 'С {date}',
  'experiments.winner': 'победитель: {name}',
  'experiments.col.variant': 'Вариант',
  'experiments.col.conversations': 'Диалоги',
  'experiments.col.handoff': 'Передано менеджеру',
  'experiments.col.firstReply': 'Медиана первого ответа',
  'experiments.col.won': 'Выиграно сделок',
  'experiments.col.conversion': 'Конверсия',
  'experiments.col.difference': 'Разница',
  'experiments.interval': '(95%: от {low} до {high})',
  'experiments.differenceValue': '{value} (95%: от {low} до {high})',
  'experiments.control': 'базовый',
  'experiments.chart': 'Конверсия, 95-процентный интервал',
  'experiments.chartAxis': 'Конверсия, %',
  'experiments.name': 'Название теста',
  'experiments.variant': 'Вариант {n}',
  'experiments.variantName': 'Название варианта',
  'experiments.greeting': 'Первая фраза первого ответа (необязательно)',
  'experiments.weight': 'Вес',
  'experiments.start': 'Запустить тест',
  'experiments.stop': 'Остановить тест',
  'experiments.promote': 'Сделать «{name}» инструкциями профиля',
};

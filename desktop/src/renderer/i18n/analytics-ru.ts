// Russian strings of the Analytics screen's breakdowns, trends, stage conversion, time in stage and
// CSV exports (spread into ru.ts).
import type { analyticsEn } from './analytics-en';

export const analyticsRu: Record<keyof typeof analyticsEn, string> = {
  'analytics.exportCsv': 'Экспорт в CSV',
  'analytics.exported': 'Сохранено: {file}',
  'analytics.showData': 'Показать числа',
  'analytics.none': '(не указано)',
  'analytics.trend': 'Динамика',
  'analytics.trendNote':
    'По периодам ({bucket}, часовой пояс {timeZone}): созданные лиды, выигранные из них на сегодня, выручка по выигранным и доля начатых тогда диалогов, решённых ИИ.',
  'analytics.bucket.day': 'день',
  'analytics.bucket.week': 'неделя с понедельника',
  'analytics.bucket.month': 'месяц',
  'analytics.col.start': 'Начало периода',
  'analytics.col.created': 'Создано лидов',
  'analytics.col.won': 'Выиграно',
  'analytics.col.lost': 'Проиграно',
  'analytics.col.revenue': 'Выручка по выигранным',
  'analytics.col.currency': 'Валюта',
  'analytics.col.conversations': 'Диалоги',
  'analytics.col.resolvedByAi': 'Решено ИИ',
  'analytics.col.aiShare': 'Доля решённых ИИ',
  'analytics.col.conversion': 'Конверсия в успех',
  'analytics.col.winRate': 'Доля выигранных',
  'analytics.col.firstResponse': 'Первый ответ (медиана), с',
  'analytics.col.from': 'С этапа',
  'analytics.col.to': 'На этап',
  'analytics.col.reachedFrom': 'Дошли до первого',
  'analytics.col.reachedTo': 'Дошли до следующего',
  'analytics.col.rate': 'Конверсия',
  'analytics.col.stage': 'Этап',
  'analytics.col.reached': 'Дошли (накопительно)',
  'analytics.col.deals': 'Сделки',
  'analytics.col.median': 'Медиана, дней',
  'analytics.col.average': 'В среднем, дней',
  'analytics.col.bucket': 'Время ответа',
  'analytics.stageSteps': 'Конверсия между этапами',
  'analytics.stageStepsNote':
    'Из лидов, созданных за период и дошедших до этапа, доля дошедших до следующего (не накопительно). Этапы проигрыша не считаются шагами.',
  'analytics.breakdown': 'Разбивка',
  'analytics.groupBy': 'Группировать по',
  'analytics.groupBy.channel': 'Каналу',
  'analytics.groupBy.owner': 'Менеджеру',
  'analytics.groupBy.pipeline': 'Воронке',
  'analytics.groupBy.campaign': 'Кампании-источнику',
  'analytics.breakdownNote':
    'Те же определения по группам, для лидов, созданных за период. Диалоги считаются в своём канале, иначе — вместе с лидом, созданным из них.',
  'analytics.timeInStage': 'Время на этапе',
  'analytics.timeInStageNote':
    'У этих сделок ещё нет записанной истории этапов, поэтому это время, которое каждая открытая сделка провела на текущем этапе (с последней смены этапа), для сделок, созданных за период.',
  'analytics.timeInStageHistoryNote':
    'Каждое пребывание сделок, созданных за период, на каждом открытом этапе по истории этапов; сделка, которая всё ещё там, считается до текущего момента.',
  'analytics.aiDefinition':
    'Решено ИИ — решено без человека: клиент не просил позвать сотрудника, передачи сотруднику не было, менеджер не писал в диалог и не забирал его себе.',
  'analytics.chart.created': 'Создано лидов',
  'analytics.chart.won': 'Выиграно',
  'analytics.chart.aiShare': 'Доля решённых ИИ, %',
  'analytics.rollup.building':
    'Аналитика готовится на этом устройстве впервые: прочитано {done, number} из {total, number} записей. В следующий раз она откроется сразу.',
  'analytics.rollup.reading': 'Читаем аналитику…',
  'analytics.rollup.failed': 'Не удалось подготовить аналитику: {error}',
};

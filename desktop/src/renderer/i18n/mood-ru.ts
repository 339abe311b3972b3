// Русские строки настроения клиента (issue 62): значок раздражённого или грубящего клиента, настройка
// передачи человеку и доля негативных разговоров в аналитике (часть ru.ts).
import type { moodEn } from './mood-en';

export const moodRu: Record<keyof typeof moodEn, string> = {
  'mood.angry': 'Раздражён',
  'mood.abusive': 'Грубит',
  'mood.angry.title':
    'Клиент раздражён ({count, plural, one {# сердитое сообщение} few {# сердитых сообщения} other {# сердитых сообщений}}): {reasons}',
  'mood.abusive.title': 'Клиент грубит ({severity})',
  'mood.severity.none': 'нет',
  'mood.severity.mild': 'грубость',
  'mood.severity.severe': 'брань, оскорбления или угрозы',
  'mood.setting.title': 'Недовольные клиенты',
  'mood.setting.onAbuse': 'Передавать человеку грубящего клиента',
  'mood.setting.onAngry': 'Передавать человеку раздражённого клиента',
  'mood.setting.angryMessages': 'после стольких сердитых сообщений (1–5)',
  'mood.analytics.title': 'Негативные разговоры',
  'mood.analytics.share': 'В {share, number, percent} разговоров клиент был раздражён или грубил',
  'mood.analytics.channel': 'Канал',
  'mood.analytics.negative': 'Негативных',
  'mood.analytics.total': 'Разговоров',
};

// Russian names of a twin's fact keys and of the values the rules write (spread into ru.ts); with them, merging contacts (merge-ru.ts).
import { mergeRu } from './merge-ru';

export const twinRu = {
  ...mergeRu,
  'fact.name': 'Имя',
  'fact.phone': 'Телефон',
  'fact.email': 'Почта',
  'fact.telegram': 'Телеграм',
  'fact.company': 'Компания',
  'fact.position': 'Должность',
  'fact.budget': 'Бюджет',
  'fact.team_size': 'Размер команды',
  'fact.timeline': 'Сроки',
  'fact.meeting_at': 'Встреча',
  'fact.need': 'Потребность',
  'fact.interest': 'Интерес',
  'fact.timeline.asap': 'как можно скорее',
  'fact.timeline.this month': 'в этом месяце',
  'fact.timeline.this quarter': 'в этом квартале',
  'fact.timeline.next month': 'в следующем месяце',
  'fact.timeline.this year': 'в этом году',
  'fact.timeline.no rush': 'не спешат',
  'fact.position.owner': 'владелец или генеральный директор',
  'fact.position.head': 'руководитель',
  'fact.position.purchasing': 'закупки',
  'fact.position.manager': 'менеджер',
};

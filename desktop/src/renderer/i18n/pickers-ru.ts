// Русские строки последних частей задачи 37: поиск участника (ответственный за сделку, исполнитель
// задачи, ответственный нового контакта), сортировка на узком экране, фирменный цвет и заголовок
// веб-чата, подсказки экрана агентов (входят в ru.ts).
import type { pickersEn } from './pickers-en';

export const pickersRu = {
  'members.noMatch': 'Нет участника «{q}».',
  'members.clear': 'Очистить: {field}',
  'members.former': 'Бывший участник',
  'webchat.color': 'Фирменный цвет (кнопка, заголовок и «Отправить»)',
  'webchat.titleAuto': 'Пусто: слова самого виджета, на его языке',
  'contacts.sort': 'Порядок контактов',
  'contacts.sort.name-asc': 'Сортировка: имя, от А до Я',
  'contacts.sort.name-desc': 'Сортировка: имя, от Я до А',
  'contacts.sort.activity-desc': 'Сортировка: сначала недавние',
  'contacts.sort.activity-asc': 'Сортировка: сначала давние',
  'agents.modelOf': 'Модель: {role}',
} satisfies Record<keyof typeof pickersEn, string>;

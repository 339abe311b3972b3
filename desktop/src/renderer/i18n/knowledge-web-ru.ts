// Russian strings of knowledge sources' actions and of websites as knowledge (screens/knowledge/Websites.tsx; spread into ru.ts).
import type { knowledgeWebEn } from './knowledge-web-en';

export const knowledgeWebRu: Record<keyof typeof knowledgeWebEn, string> = {
  'knowledge.passages':
    '{n, plural, =0 {нет фрагментов} one {# фрагмент} few {# фрагмента} many {# фрагментов} other {# фрагмента}}',
  'knowledge.filter': 'Найти источник',
  'knowledge.filterEmpty': 'Нет источников по запросу «{filter}».',
  'knowledge.group.files': 'Файлы',
  'knowledge.group.websites': 'Сайты',
  'knowledge.group.faq': 'Вопросы и ответы',
  'knowledge.reindex': 'Проиндексировать заново',
  'knowledge.removeConfirm': 'Удалить «{title}» и его фрагменты из базы знаний?',
  'knowledge.kind.website': 'Сайт',
  'website.add': 'Добавить сайт',
  'website.hint':
    'Его страницы попадут в базу знаний (по карте сайта или по ссылкам с этой страницы) и будут перечитываться по расписанию: изменённые обновятся, удалённые исчезнут. Правила robots.txt сайта соблюдаются.',
  'website.url': 'Адрес сайта, раздела или карты сайта',
  'website.maxPages': 'Не больше страниц',
  'website.refresh': 'Перечитывать',
  'website.refresh.24': 'каждый день',
  'website.refresh.168': 'каждую неделю',
  'website.refresh.0': 'только по запросу',
  'website.addButton': 'Добавить сайт',
  'website.added': 'Сайт добавлен: страницы читаются.',
  'website.duplicate': 'Этот сайт уже есть в базе знаний.',
  'website.crawling': 'читаем страницы: {done, number} из {found, number}',
  'website.pages':
    '{n, plural, =0 {страниц пока нет} one {# страница} few {# страницы} many {# страниц} other {# страницы}}',
  'website.lastRun':
    'прочитан {at}: новых или изменённых {changed, number}, без изменений {unchanged, number}, удалено {removed, number}, с ошибкой {failed, number}',
  'website.nextRun': 'следующий раз {at}',
  'website.manual': 'перечитывается только по запросу',
  'website.crawlNow': 'Перечитать сейчас',
  'website.remove': 'Удалить',
  'website.removeConfirm':
    'Удалить сайт «{title}» и {n, plural, one {# его страницу} few {# его страницы} other {# его страниц}} из базы знаний?',
  'website.showPages':
    '{n, plural, one {Показать # страницу} few {Показать # страницы} many {Показать # страниц} other {Показать # страницы}}',
  'knowledge.phrasings':
    '{n, plural, one {# вопрос, выученный у клиентов} few {# вопроса, выученных у клиентов} many {# вопросов, выученных у клиентов} other {# вопроса, выученного у клиентов}}',
  'knowledge.phrasingsHint': 'Клиенты выбрали эту статью в ответ на эти вопросы; поиск находит её и по ним.',
  'knowledge.phrasingRemove': 'Удалить выученный вопрос «{text}»',
};

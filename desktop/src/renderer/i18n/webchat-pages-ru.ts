// Russian text of the web chat card's "pages viewed" setting (webchat-pages-en.ts).
import type { webchatPagesEn } from './webchat-pages-en';

export const webchatPagesRu: Record<keyof typeof webchatPagesEn, string> = {
  'webchat.pages': 'Учитывать страницы сайта, которые смотрел посетитель (виджет сначала спросит его)',
  'webchat.pagesHint':
    'По умолчанию выключено. Если включить, виджет спросит каждого посетителя, можно ли учитывать страницы этого сайта, которые он смотрит (путь адреса и заголовок, последние 20, хранятся в его браузере). С его согласия список уходит с первым сообщением и виден в контакте как страницы, просмотренные на сайте.',
};

// Russian strings of a team's first day (issue 64 item 3): what each empty screen says to do next
// (the inbox with no conversation, the catalog with no product, a board column with no deal), the
// packs card's way to the board it set up and the choice of the team's board pipeline (spread into ru.ts).
import type { firstDayEn } from './first-day-en';

export const firstDayRu = {
  'inbox.none.title': 'Диалогов пока нет',
  'inbox.none.next':
    'Сообщения клиентов появятся здесь, когда вы подключите канал. А пока попробуйте агента в тестовом чате.',
  'inbox.none.connect': 'Подключить канал',
  'inbox.none.testChat': 'Открыть тестовый чат',
  'catalog.none.title': 'Товаров пока нет',
  'catalog.none.next': 'Добавьте товар или загрузите прайс-лист (CSV): по нему ИИ называет цены.',
  'catalog.none.add': 'Добавить товар',
  'catalog.none.import': 'Загрузить прайс-лист',
  'catalog.none.readOnly': 'Товары добавляет или загружает прайс-листом администратор.',
  'board.emptyColumn': 'Здесь пока нет сделок. Добавьте сделку выше или перетащите сюда карточку.',
  'packs.openBoard': 'Открыть воронку «{name}»',
  'pipelines.primary': 'Доска команды открывается на этой воронке',
  'pipelines.primarySaved': 'Теперь доска команды открывается на воронке «{name}».',
} as const satisfies Record<keyof typeof firstDayEn, string>;

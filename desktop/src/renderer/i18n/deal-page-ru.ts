// Russian texts of the deal's page (`#/deals/<id>`, issue 64): the way back, the save bar with its one
// Save, a deal that is not here, and the quote's total as the deal's amount (spread into ru.ts).
import type { dealPageEn } from './deal-page-en';

export const dealPageRu = {
  'dealPage.back': 'Сделки',
  'dealPage.backLabel': 'Назад к сделкам',
  'dealPage.details': 'Данные сделки',
  'dealPage.work': 'Расчёт, задачи и история',
  'dealPage.notFound': 'Этой сделки здесь нет: её удалили, или она ещё не дошла до этого устройства.',
  'dealPage.unsaved': 'Есть несохранённые изменения',
  'dealPage.discard': 'Отменить',
  'dealPage.saved': 'Сохранено',
  'dealPage.open': 'Открыть страницу сделки',
  'dealPage.useQuote': 'Сделать {total} суммой сделки',
  'dealPage.quoteIsAmount': 'Сумма сделки равна итогу расчёта.',
} satisfies Record<keyof typeof dealPageEn, string>;

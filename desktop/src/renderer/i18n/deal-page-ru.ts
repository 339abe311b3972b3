// Russian texts of the deal's page (`#/deals/<id>`, issue 64): the way back, the properties saved in
// place (saving, saved, why not), a deal that is not here, and the quote's total as the deal's amount
// (spread into ru.ts).
import type { dealPageEn } from './deal-page-en';

export const dealPageRu = {
  'dealPage.back': 'Сделки',
  'dealPage.backLabel': 'Назад к сделкам',
  'dealPage.details': 'Данные сделки',
  'dealPage.work': 'Расчёт, задачи и история',
  'dealPage.notFound': 'Этой сделки здесь нет: её удалили, или она ещё не дошла до этого устройства.',
  'dealPage.saving': 'Сохраняем…',
  'dealPage.saved': 'Сохранено',
  'dealPage.notSaved': 'Не сохранено: исправьте отмеченное поле ниже.',
  'dealPage.saveFailed': 'Не сохранено: {message}',
  'dealPage.editHint': 'Каждое поле сохраняется, когда вы уходите из него или нажимаете «Ввод».',
  'dealPage.numberInvalid': 'Введите число, например 150.',
  'deal.titleRequired': 'У сделки должно быть название.',
  'dealPage.open': 'Открыть страницу сделки',
  'dealPage.useQuote': 'Сделать {total} суммой сделки',
  'dealPage.quoteIsAmount': 'Сумма сделки равна итогу расчёта.',
} satisfies Record<keyof typeof dealPageEn, string>;

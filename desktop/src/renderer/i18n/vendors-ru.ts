// Russian strings of a deal's requests for quotes to vendors (spread into ru.ts).
import type { vendorsEn } from './vendors-en';

export const vendorsRu: Record<keyof typeof vendorsEn, string> = {
  'vendors.onDeal': 'Подрядчики',
  'vendors.kind.venue': 'площадка',
  'vendors.kind.catering': 'кейтеринг',
  'vendors.kind.av': 'техника',
  'vendors.kind.host': 'ведущий',
  'vendors.kind.decor': 'декор',
  'vendors.kind.photo': 'фото',
  'vendors.channel.email': 'по почте',
  'vendors.channel.telegram': 'в Telegram',
  'vendors.status.requested': 'КП запрошено',
  'vendors.status.quoted': 'КП получено',
  'vendors.status.contracted': 'Договор',
  'vendors.status.declined': 'Отказ',
  'vendors.asked': 'Запрос {channel} · {at}',
  'vendors.quote': 'Предложение: {amount}',
  'vendors.quoteNoAmount': 'Ответ без суммы',
  'vendors.contract': 'Заключить договор',
  'vendors.decline': 'Отказаться',
  'vendors.reopen': 'Отменить',
};

// Russian strings of an outgoing message's delivery (lib/delivery-reason.ts; part of inbox-ru.ts).
import type { deliveryEn } from './delivery-en';

export const deliveryRu: Record<keyof typeof deliveryEn, string> = {
  'delivery.offline': 'ждёт отправки',
  'delivery.retry': 'Повторить',
  'delivery.retryLabel': 'Отправить это сообщение ещё раз',
  'delivery.retried': 'Поставлено в очередь на повторную отправку',
  'delivery.gaveUp': '{why} (отправка прекращена после {n, plural, one {# попытки} other {# попыток}})',
  'delivery.willRetry': '{why} — попробуем ещё раз',
  'delivery.why.offline': 'Нет связи с сервером — отправим, когда связь появится',
  'delivery.why.demo': 'Пример переписки из демо: ничего не отправляется',
  'delivery.why.blocked': '{channel} отказал: клиент заблокировал бота',
  'delivery.why.deactivated': '{channel} отказал: аккаунт клиента удалён',
  'delivery.why.chat-not-found': '{channel} отказал: чата больше нет',
  'delivery.why.bad-token': '{channel} отказал: токен бота недействителен — проверьте его в настройках',
  'delivery.why.no-rights': '{channel} отказал: боту нельзя писать в этот чат',
  'delivery.why.refused': '{channel} отклонил сообщение (ошибка {code})',
  'delivery.why.rate-limited': '{channel} попросил отправлять реже',
  'delivery.why.channel-error': 'Ошибка на стороне {channel}',
  'delivery.why.network': 'Нет связи с {channel}',
  'delivery.why.unknown': '{channel} не смог доставить сообщение',
};

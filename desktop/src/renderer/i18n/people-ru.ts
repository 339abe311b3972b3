// Русские строки: отображаемое имя сотрудника, сделки без контакта, ответ, ждущий неподключённый
// канал, импорт CSV через сервер (входят в ru.ts).
import type { peopleEn } from './people-en';

export const peopleRu: Record<keyof typeof peopleEn, string> = {
  'deal.noContact': 'Без контакта',
  'deal.contactNameRequired': 'Введите имя нового контакта или выберите «Без контакта».',
  'profile.title': 'Ваш профиль',
  'profile.displayName': 'Отображаемое имя (подпись в сообщениях клиентам)',
  'profile.displayNameHint': 'Клиенты видят это имя, а не почту для входа.',
  'members.displayName': 'Отображаемое имя',
  'delivery.waitsForChannel': 'не отправлено: канал «{channel}» не подключён',
  'webchat.language': 'Язык виджета',
  'webchat.language.auto': 'Автоматически (язык разговора, иначе браузера)',
  'delivery.notConnected':
    'Канал «{channel}» не подключён — подключите его в Настройках. До тех пор ответ ждёт.',
};

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
  'webchat.preview': 'Предпросмотр чата на вашем сайте',
  'webchat.previewHint':
    'Так чат будет выглядеть на сайте с настройками выше, даже несохранёнными. Написанное в предпросмотре никому не отправляется.',
  'csv.needsConnection': 'Для импорта нужно подключение к серверу: подключитесь и попробуйте снова.',
  'csv.previewTitle': 'Предпросмотр импорта (пока ничего не записано)',
  'csv.previewCounts':
    'Строк: {rows, number}; новых контактов: {created, number}, обновлённых: {updated, number}, без изменений: {skipped, number}, новых сделок: {leadsCreated, number}, с ошибками: {failed, number}',
  'csv.importAll': 'Импортировать',
  'csv.importValid':
    '{n, plural, one {Импортировать # верную строку} few {Импортировать # верные строки} many {Импортировать # верных строк} other {Импортировать # верной строки}}',
  'csv.col.id': 'Идентификатор',
  'csv.col.name': 'Имя',
  'csv.col.company': 'Компания',
  'csv.col.email': 'Почта',
  'csv.col.phone': 'Телефон',
  'csv.col.telegram': 'Телеграм',
  'csv.col.deal': 'Сделка',
  'csv.col.pipeline': 'Воронка',
  'csv.col.stage': 'Этап',
  'csv.col.amount': 'Сумма',
  'csv.col.currency': 'Валюта',
  'csv.col.tags': 'Теги',
  'delivery.stalled':
    'Ответы в канале «{channel}» сейчас не уходят: сервер давно их не отправлял (бота никто не запустил или отправка застряла). Они уйдут, как только отправка снова пойдёт; администратор видит это в состоянии сервера.',
  'delivery.notConnected':
    'Канал «{channel}» не подключён — подключите его в Настройках. До тех пор ответ ждёт.',
};

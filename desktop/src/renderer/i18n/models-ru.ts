// Russian strings of the model providers card (Settings) (part of ru.ts).
import type { modelsEn } from './models-en';

export const modelsRu: Record<keyof typeof modelsEn, string> = {
  'models.hint':
    'Модели команды хранятся на сервере: ключи шифруются и больше не показываются. Профили агентов выбирают их по идентификатору.',
  'models.usingServer': 'Пока нет: агенты используют модель сервера по умолчанию.',
  'models.usingOffline': 'Пока нет: агенты используют встроенный офлайн-провайдер.',
  'models.usage': 'В этом месяце: {cost}, вызовов: {calls}, токенов: {tokens}',
  'models.keySet': 'ключ сохранён',
  'models.noKey': 'без ключа',
  'models.test': 'Проверить подключение',
  'models.testOk': 'Подключено: моделей — {models}, ответ за {ms} мс',
  'models.testFailed': 'Не работает: {reason}',
  'models.remove': 'Удалить',
  'models.add': 'Добавить провайдера',
  'models.addButton': 'Добавить',
  'models.added': 'Провайдер {id} добавлен',
  'models.removed': 'Провайдер {id} удалён',
  'models.kind': 'Сервис',
  'models.kind.compatible': 'Любой адрес, совместимый с OpenAI',
  'models.id': 'Идентификатор (для профилей агентов)',
  'models.apiKey': 'API-ключ',
  'models.authKey': 'Ключ авторизации',
  'models.folderId': 'Идентификатор каталога',
  'models.keyType': 'Тип ключа',
  'models.keyType.apiKey': 'API-ключ',
  'models.keyType.iam': 'IAM-токен',
  'models.scope': 'Область доступа (scope)',
  'models.caCert': 'Сертификат УЦ (PEM), например НУЦ Минцифры',
};

// Русские строки карточки отраслевых пакетов в Настройках (входят в ru.ts).
import type { packsEn } from './packs-en';

export const packsRu: Record<keyof typeof packsEn, string> = {
  'packs.title': 'Отраслевые пакеты',
  'packs.intro':
    'Пакет настраивает команду под отрасль: воронки с полями сделок, прайс-лист, профили агентов и намерения, которые они понимают. Всё, что у команды уже есть, сохраняется; повторное применение ничего не добавляет.',
  'packs.builtin': 'встроенный',
  'packs.preview': 'Что добавится',
  'packs.apply': 'Применить',
  'packs.wouldAdd': 'Добавится:',
  'packs.added': 'Добавлено:',
  'packs.kept': 'Останется как есть у команды:',
  'packs.none': 'ничего',
  'packs.applied': '{name}: добавлено элементов — {count}.',
  'packs.nothingToAdd': '{name}: добавлять нечего, у команды всё уже есть.',
  'packs.adminOnly': 'Применять пакеты могут только администраторы.',
  'packs.offline': 'Подключитесь к серверу, чтобы увидеть пакеты.',
  'packs.kind.pipeline': 'Воронка',
  'packs.kind.custom-fields': 'Поля сделки',
  'packs.kind.rate-cards': 'Прайс-листы',
  'packs.kind.vendors': 'Подрядчики',
  'packs.kind.profile': 'Профиль агента',
  'packs.kind.intents': 'Намерения',
  'packs.kind.knowledge': 'Знания',
};

// Русские строки объединения двух контактов одного человека (задача 14): диалог «Объединить с…» на
// странице контакта и баннер предложенного сервером объединения (входят в ru.ts через twin-ru.ts).
import type { mergeEn } from './merge-en';

export const mergeRu: Record<keyof typeof mergeEn, string> = {
  'merge.open': 'Объединить с…',
  'merge.title': 'Объединить другой контакт с контактом {name}',
  'merge.search': 'Найдите контакт по имени, почте или телефону',
  'merge.noMatches': 'Других подходящих контактов нет.',
  'merge.pick': 'Выбрать',
  'merge.preview':
    'Контакт {name} будет объединён с этим. Сюда перейдут: {conversations, plural, one {# разговор} few {# разговора} many {# разговоров} other {# разговора}}, {leads, plural, one {# сделка} few {# сделки} many {# сделок} other {# сделки}}, {tasks, plural, one {# задача} few {# задачи} many {# задач} other {# задачи}}, {events, plural, one {# встреча} few {# встречи} many {# встреч} other {# встречи}}, {facts, plural, one {# факт} few {# факта} many {# фактов} other {# факта}}. Его почта, телефоны и каналы добавятся; имя останется у этого контакта. {name} останется только ссылкой на этот контакт.',
  'merge.previewLoading': 'Считаем, что перейдёт…',
  'merge.confirm': 'Объединить',
  'merge.back': 'Назад',
  'merge.done': 'Контакт {name} объединён с этим.',
  'merge.needsServer':
    'Для объединения нужен сервер: оно переносит разговоры и сделки всей команды. Подключитесь и попробуйте снова.',
  'merge.banner': 'Возможно, это тот же человек, что и {name} ({address}).',
  'merge.bannerMerge': 'Объединить',
  'merge.notSame': 'Это разные люди',
  'merge.unnamed': 'контакт без имени',
  'fact.mergedFrom': 'Объединён с',
};

// Russian texts moved out of components and modules (part of ru.ts; the keys of ui-en.ts).
import type { uiEn } from './ui-en';

export const uiRu: Record<keyof typeof uiEn, string> = {
  'knowledge.engineName.orama': 'полнотекстовый поиск Orama (общий)',
  'knowledge.engineName.placeholder': 'простой BM25 (Orama не загрузилась)',
  // The UI kit (components/ui): the toast region, the keyboard shortcut sheet, confirmations.
  'ui.toast.region': 'Уведомления',
  'ui.shortcuts.title': 'Сочетания клавиш',
  'ui.shortcuts.palette': 'Команды и поиск',
  'ui.shortcuts.search': 'Поиск',
  'ui.shortcuts.goTo': 'Перейти: {screen}',
  'ui.shortcuts.help': 'Этот список сочетаний',
  'ui.shortcuts.close': 'Закрыть диалог, меню или уведомление',
  'ui.shortcuts.toasts': 'Перейти к уведомлениям',
  'ui.shortcuts.then': 'затем',
  'ui.shortcuts.note': 'Буквенные сочетания работают, когда фокус не в текстовом поле.',
  'pipelines.deleteConfirm': 'Удалить воронку «{name}»?',
  'pipelines.deleteConfirm.body':
    'Её этапы и настройки удаляются; сделкам в ней понадобится другая воронка. Это нельзя отменить.',
  'pipelines.deleted': 'Воронка «{name}» удалена',
  'tasks.savedToast': 'Задача сохранена',
  'tasks.addedToast': 'Задача добавлена',
  'ui.undo': 'Отменить',
  'tasks.completedToast': 'Выполнено: {title}',
  // Поля даты и времени (components/ui/DateField.tsx).
  'ui.date.label': 'Дата',
  'ui.date.open': 'Выбрать дату в календаре',
  'ui.date.invalid': 'Введите дату в виде {example}',
  'ui.time.label': 'Время',
  'ui.time.zone': 'Время в вашем часовом поясе ({zone})',
  'ui.time.invalid': 'Введите время в виде {example}',
};

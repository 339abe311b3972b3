// Russian strings of the knowledge embeddings card (Settings) (part of ru.ts).
import type { embeddingsEn } from './embeddings-en';

export const embeddingsRu: Record<keyof typeof embeddingsEn, string> = {
  'embeddings.title': 'Векторы базы знаний',
  'embeddings.hint':
    'Модель, которая превращает базу знаний команды в векторы, чтобы агенты находили фрагменты по смыслу. Выберите провайдера команды, у которого задана модель эмбеддингов, или встроенную. При смене заново обрабатывается только то, что новая модель ещё не обработала.',
  'embeddings.provider': 'Провайдер эмбеддингов',
  'embeddings.builtIn': 'Встроенная (на сервере, без загрузки)',
  'embeddings.serverModel': 'Встроенная смысловая модель (на этом сервере) · {model}',
  'embeddings.option': '{name} · {model}',
  'embeddings.installedModel': 'Смысловая модель, установленная на этом сервере · {name}',
  'embeddings.indexing':
    'База знаний обрабатывается новой моделью в фоне: {current, number} из {chunks, number}. Пока поиск работает по прежнему индексу.',
  'embeddings.indexingSettings': 'Настройки векторов',
  'embeddings.noChoices':
    'Ни у одного провайдера команды ещё нет модели эмбеддингов: добавьте провайдера с ней в разделе моделей.',
  'embeddings.save': 'Использовать этого провайдера',
  'embeddings.saved': 'Провайдер эмбеддингов базы знаний изменён',
  'embeddings.refresh': 'Обновить',
  'embeddings.progress':
    'Обработано моделью {model}: {current, number} из {chunks, plural, one {# фрагмента} few {# фрагментов} many {# фрагментов} other {# фрагмента}}',
  'embeddings.progressLocal':
    'Обработано встроенной моделью: {current, number} из {chunks, plural, one {# фрагмента} few {# фрагментов} many {# фрагментов} other {# фрагмента}}',
  'embeddings.state.starting': 'Запуск',
  'embeddings.state.ready': 'Готово',
  'embeddings.state.switching': 'Обработка новой моделью: {current, number} из {chunks, number}',
  'embeddings.state.unavailable': 'Выбранный провайдер не отвечает: на вопросы отвечает полнотекстовый поиск',
  'embeddings.byModel': 'Сохранённые векторы: {list}',
  'embeddings.byModelItem': '{model} ({provider}): {chunks, number}',
  'embeddings.byModelOnly': '{model}: {chunks, number}',
  'embeddings.byModelLocal': 'встроенная модель: {chunks, number}',
  'embeddings.pending':
    '{count, plural, one {# фрагмент ждёт} few {# фрагмента ждут} many {# фрагментов ждут} other {# фрагмента ждут}} провайдера (пока ищутся по тексту)',
  'embeddings.fallbacks':
    '{count, plural, one {На # вопрос ответил} few {На # вопроса ответил} many {На # вопросов ответил} other {На # вопроса ответил}} полнотекстовый поиск: провайдер не справился',
  'embeddings.lastError': 'Последний сбой ({when}): {message}',
  'embeddings.notRunning': 'Индекс базы знаний на этом сервере ещё не запущен.',
};

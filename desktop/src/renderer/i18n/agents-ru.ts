// Russian strings of the Agents screen written for people: its three sections, persona and
// instructions per language, the knowledge it answers from, when it hands over (automatic or a bar of its own), the hand-over wait, what each tool does and what each model role is for (part of ru.ts).
import type { agentsEn } from './agents-en';

export const agentsRu: Record<keyof typeof agentsEn, string> = {
  'agents.section.who': 'Кто этот агент',
  'agents.section.who.hint': 'Как агент представляется и как ведёт себя с клиентами.',
  'agents.section.can': 'Что ему можно',
  'agents.section.can.hint': 'Действия, которые агент выполняет сам, и те, что ждут менеджера.',
  'agents.section.models': 'Какие модели',
  'agents.section.models.hint':
    'Работа агента состоит из нескольких частей; для каждой можно выбрать свою модель. Пустое поле — модель сервера по умолчанию.',
  'agents.personaTone': 'Образ и тон',
  'agents.persona.hint': 'Кто агент и как он говорит, например «Дружелюбный консультант, кратко и вежливо».',
  'agents.instructions.hint': 'Что ему можно и нельзя: темы, обещания, когда передавать разговор менеджеру.',
  'agents.textFor': 'Текст для',
  'agents.text.any': 'Любой язык',
  'agents.text.any.hint': 'Используется для всех языков, у которых нет своего текста.',
  'agents.text.en.hint':
    'Используется, когда агент отвечает по-английски; пустые поля берут текст для любого языка.',
  'agents.text.ru.hint':
    'Используется, когда агент отвечает по-русски; пустые поля берут текст для любого языка.',
  'agents.text.own': 'есть свой текст',
  'agents.handoffThreshold': 'Передавать менеджеру, когда агент не уверен',
  'agents.handoffThreshold.auto': 'Автоматически',
  'agents.handoffThreshold.manual': 'Вручную',
  'agents.handoffThreshold.auto.hint':
    'Рекомендуется. Агент сам выбирает порог по примерам вопросов каждой знакомой ему темы: сообщение, которое не подходит ни к одной из них, уходит менеджеру, на остальные он отвечает.',
  'agents.handoffThreshold.manual.hint':
    'Порог задаёте вы: если агент уверен меньше, разговор переходит к менеджеру, кроме случаев, когда ответ есть в базе знаний. Чем выше порог, тем чаще передача; чем ниже, тем чаще агент отвечает сам.',
  'agents.handoffThreshold.when':
    'Передавать менеджеру, когда уверенность агента ниже {value, number, percent}',
  'agents.answerThreshold': 'Отвечать из базы знаний, когда агент достаточно уверен',
  'agents.answerThreshold.auto': 'Автоматически',
  'agents.answerThreshold.manual': 'Вручную',
  'agents.answerThreshold.auto.hint':
    'Рекомендуется. Агент отвечает, когда уверен не меньше чем на {value, number, percent}, что фрагмент базы знаний отвечает на вопрос: порог подобран на открытых наборах вопросов так, чтобы около 85% ответов были верными. Остальные вопросы уходят менеджеру.',
  'agents.answerThreshold.manual.hint':
    'Баланс выбираете вы: чем выше порог, тем меньше ответов, но они точнее, и тем больше вопросов у менеджеров; чем ниже, тем чаще агент отвечает сам и тем чаще ошибается.',
  'agents.answerThreshold.when': 'Отвечать из базы знаний при уверенности не ниже {value, number, percent}',
  'agents.knowledge': 'Из каких знаний отвечает',
  'agents.knowledge.hint':
    'Документы базы знаний, в которых агент ищет ответы. Отметьте документы, чтобы он отвечал только по ним.',
  'agents.knowledge.all': 'Все знания',
  'agents.knowledge.all.hint':
    '{count, plural, =0 {Все документы, которые добавит команда} one {# документ команды и все, что добавят позже} few {Все # документа команды и все, что добавят позже} other {Все # документов команды и все, что добавят позже}}',
  'agents.knowledge.none': 'В базе знаний пока нет документов.',
  'agents.knowledge.removed': 'Удалённый документ',
  'agents.knowledge.only':
    '{count, plural, one {Агент отвечает только по # документу.} other {Агент отвечает только по # документам.}}',
  'agents.handoffWait': 'Сколько минут клиент ждёт менеджера после передачи',
  'agents.handoffWait.hint':
    'Если за это время менеджер не написал, клиенту сообщат статус, и агент снова будет отвечать, пока менеджер не ответит.',
  'agents.handoffWait.invalid': 'Введите число минут от {min, number} до {max, number}.',
  'agents.tools.hint': 'Отметьте, чем агент может пользоваться, отвечая клиенту.',
  'tool.desc.save_client_info':
    'Сохраняет в карточку телефон, почту, компанию и другие данные, которые сообщил клиент.',
  'tool.desc.update_lead': 'Меняет сделку клиента: этап, сумму, следующий шаг.',
  'tool.desc.create_task': 'Ставит задачу менеджеру, например перезвонить клиенту.',
  'tool.desc.schedule_event': 'Назначает звонок или встречу в календаре команды.',
  'tool.desc.call_human': 'Передаёт разговор менеджеру и сообщает клиенту, что менеджер скоро ответит.',
  'tool.desc.search_knowledge': 'Ищет ответы в базе знаний команды.',
  'tool.desc.find_products': 'Находит в каталоге команды товары и услуги, которые назвал клиент.',
  'tool.desc.quote': 'Считает цену по ценам и скидкам каталога; агент никогда не угадывает цену.',
  'tool.desc.send_proposal':
    'Делает PDF коммерческого предложения по расчёту сделки и отправляет клиенту, если профиль это разрешает.',
  'tool.desc.webhook': 'Веб-запрос, который администратор настроил в «Настройки → Веб-хуки и MCP-серверы».',
  'tool.desc.mcp': 'Инструмент подключённого сервера MCP.',
  'tool.desc.other': 'Инструмент команды.',
  'agents.roleDesc.supervisor':
    'Читает каждое новое сообщение и решает, ответит ИИ или разговор возьмёт менеджер.',
  'agents.roleDesc.answer': 'Пишет ответ клиенту по базе знаний и пользуется инструментами.',
  'agents.roleDesc.twin': 'Находит в сообщениях данные клиента для его карточки.',
  'agents.roleDesc.scoring': 'Оценивает, насколько вероятна сделка, и объясняет почему.',
  'agents.roleDesc.nurturing': 'Пишет напоминания клиентам, которые замолчали.',
};

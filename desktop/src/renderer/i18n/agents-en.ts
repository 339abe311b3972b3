// English strings of the Agents screen written for people: its three sections, persona and
// instructions per language, the knowledge it answers from, when it hands over (automatic or a bar of its own), the hand-over wait, what each tool does and what each model role is for (part of en.ts).
export const agentsEn = {
  'agents.section.who': 'Who the agent is',
  'agents.section.who.hint': 'How the agent introduces itself and behaves with customers.',
  'agents.section.can': 'What it may do',
  'agents.section.can.hint': 'The actions the agent takes on its own, and which wait for a rep.',
  'agents.section.models': 'Which models',
  'agents.section.models.hint':
    'The agent’s work has several parts; each can use its own model. Leave a field empty to use the server’s default.',
  'agents.personaTone': 'Persona and tone',
  'agents.persona.hint':
    'Who the agent is and how it speaks, e.g. “A friendly consultant of Daisy CRM, brief and polite”.',
  'agents.instructions.hint': 'What it must and must not do: topics, promises, when to hand over to a rep.',
  'agents.textFor': 'Text for',
  'agents.text.any': 'Any language',
  'agents.text.any.hint': 'Used for every language that has no text of its own.',
  'agents.text.en.hint':
    'Used when the agent answers in English; empty fields use the text for any language.',
  'agents.text.ru.hint':
    'Used when the agent answers in Russian; empty fields use the text for any language.',
  'agents.text.own': 'has its own text',
  'agents.handoffThreshold': 'Hand over to a rep when the agent is unsure',
  'agents.handoffThreshold.auto': 'Automatic',
  'agents.handoffThreshold.manual': 'Manual',
  'agents.handoffThreshold.auto.hint':
    'Recommended. The agent sets the bar itself, measured on the example questions of each topic it knows: a message that fits none of them goes to a rep, the rest it answers.',
  'agents.handoffThreshold.manual.hint':
    'You set the bar: when the agent is less sure than this, a rep takes the conversation, unless the knowledge base has the answer. Higher means more hand-overs, lower means the agent answers more on its own.',
  'agents.handoffThreshold.when':
    'Hand over to a rep when the agent is less sure than {value, number, percent}',
  'agents.answerThreshold': 'Answer from the knowledge base when the agent is sure enough',
  'agents.answerThreshold.auto': 'Automatic',
  'agents.answerThreshold.manual': 'Manual',
  'agents.answerThreshold.auto.hint':
    'Recommended. The agent answers when it is at least {value, number, percent} sure that a passage of the knowledge base answers the question: a bar measured on public question sets so that about 85% of its answers are right. Other questions go to a rep.',
  'agents.answerThreshold.manual.hint':
    'You move the trade-off: a higher bar gives fewer but surer answers and more questions for reps; a lower bar answers more on its own, and more often wrongly.',
  'agents.answerThreshold.when': 'Answer from the knowledge base when at least {value, number, percent} sure',
  'agents.knowledge': 'Knowledge it answers from',
  'agents.knowledge.hint':
    'The documents of the knowledge base the agent looks answers up in. Tick documents to keep it to them.',
  'agents.knowledge.all': 'All knowledge',
  'agents.knowledge.all.hint':
    '{count, plural, =0 {Every document the team adds} one {The team’s # document and any added later} other {All # of the team’s documents and any added later}}',
  'agents.knowledge.none': 'The knowledge base has no documents yet.',
  'agents.knowledge.removed': 'A document that was removed',
  'agents.knowledge.only':
    '{count, plural, one {The agent answers from # document only.} other {The agent answers from # documents only.}}',
  'agents.handoffWait': 'Minutes a customer waits for a rep after a hand-over',
  'agents.handoffWait.hint':
    'If no rep has written by then, the customer is told the status and the agent answers again until a rep does.',
  'agents.handoffWait.invalid': 'Enter minutes from {min, number} to {max, number}.',
  'agents.tools.hint': 'Tick what the agent may use while it answers a customer.',
  'tool.desc.save_client_info':
    'Keeps the phone, e-mail, company and other details a customer shares on their card.',
  'tool.desc.update_lead': 'Changes the customer’s deal: stage, value, next step.',
  'tool.desc.create_task': 'Creates a task for a rep, e.g. to call the customer back.',
  'tool.desc.schedule_event': 'Books a call or meeting in the team’s calendar.',
  'tool.desc.call_human': 'Hands the conversation over to a rep and tells the customer one is coming.',
  'tool.desc.search_knowledge': 'Looks up answers in the team’s knowledge base.',
  'tool.desc.find_products': 'Finds the products and services of the team’s catalog that a customer names.',
  'tool.desc.quote':
    'Computes a quote from the catalog’s prices and discounts; the agent never guesses a price.',
  'tool.desc.send_proposal':
    'Makes a PDF proposal of the deal’s quote and sends it to the customer, where the profile allows.',
  'tool.desc.webhook': 'A web request the admin set up in Settings → Webhook tools and MCP servers.',
  'tool.desc.mcp': 'A tool of a connected MCP server.',
  'tool.desc.other': 'A tool of the team.',
  'agents.roleDesc.supervisor':
    'Reads each new message and decides whether the AI answers or a rep takes over.',
  'agents.roleDesc.answer': 'Writes the reply to the customer from the knowledge base and uses the tools.',
  'agents.roleDesc.twin': 'Picks the customer’s details out of their messages for the contact card.',
  'agents.roleDesc.scoring': 'Rates how likely the deal is to close, with reasons.',
  'agents.roleDesc.nurturing': 'Writes follow-ups to customers who went quiet.',
} as const;

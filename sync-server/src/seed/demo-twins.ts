// The demo's twins, built by the agents' own pipeline: every customer message of the sample
// conversations goes through `engine.handleInbound` (intake, twin, scoring: the same engine the
// server's runtime runs, with the offline provider), in the order it was written and at the time it
// was written. The messages carry `handledByBot` (sample history), so the engine answers none of them
// and writes no reply; what it writes (the twin's facts, each with the message it came from, the
// contact fields those facts set, the lead's score with its reasons, the conversation's intents and
// the run's activity) is what the demo team gets. Nothing is written by hand.
import { createAgentEngine, salesClassifier, type Clock } from '@app/shared/agents';
import { agentPlugins } from '@app/shared/packs';
import { createLlmClient, createOfflineProvider } from '@app/shared/llm';
import type {
  ActivityDoc,
  CalendarEventDoc,
  ContactDoc,
  ConversationDoc,
  LeadDoc,
  MessageDoc,
} from '@app/shared/schemas';
import type { DemoCrm } from './demo-data';
import { createDemoStore } from './demo-store';

export type DemoTwins = {
  contacts: ContactDoc[];
  leads: LeadDoc[];
  conversations: ConversationDoc[];
  messages: MessageDoc[];
  activity: ActivityDoc[];
  /** Meetings the customers agreed to in the conversations (a `meeting_at` fact), booked by the agent. */
  events: CalendarEventDoc[];
};

export async function runDemoPipeline(crm: DemoCrm, now: Date): Promise<DemoTwins> {
  // Every doc is checked against the schema when seeding (demo-seed.ts), not twice.
  const store = createDemoStore('demo');
  for (const doc of crm.agent_settings) await store.put('agent_settings', doc);
  for (const doc of crm.pipelines) await store.put('pipelines', doc);
  for (const doc of crm.contacts) await store.put('contacts', doc);
  for (const doc of crm.leads) await store.put('leads', doc);
  let at = now;
  const clock: Clock = { now: () => at };
  const engine = createAgentEngine({
    store,
    llm: createLlmClient({
      providers: [],
      offline: createOfflineProvider({ classifier: salesClassifier() }),
    }),
    clock,
    plugins: agentPlugins,
  });
  for (const { conversation, messages } of crm.conversations) {
    // The conversation as the channel's intake had it before its first message.
    await store.put('conversations', {
      ...conversation,
      status: 'open',
      mode: 'ai',
      unreadCount: 0,
      createdAt: messages[0]!.createdAt,
      updatedAt: messages[0]!.createdAt,
    });
    for (const message of messages) {
      at = new Date(message.createdAt);
      if (message.direction === 'outbound') await store.put('messages', message);
      else await engine.handleInbound(message);
    }
    // What the conversation looks like now (mode, status, counters), with the intents the runs found.
    const ran = (await store.get('conversations', conversation.id))!;
    await store.put('conversations', {
      ...conversation,
      ...(ran.tags ? { tags: ran.tags } : {}),
      // The A/B test's variant the first run gave it (demo-data.ts: the profile's experiment).
      ...(ran.experiment ? { experiment: ran.experiment } : {}),
    });
  }

  const contacts = store.all('contacts');
  const events: CalendarEventDoc[] = [];
  for (const { conversation, messages } of crm.conversations) {
    const contact = contacts.find((c) => c.id === conversation.contactId)!;
    const lead = crm.leads.find((l) => l.id === conversation.leadId)!;
    const fact = contact.twin.facts.find((f) => f.key === 'meeting_at' && f.status === 'active');
    const start = fact ? Date.parse(fact.value) : NaN;
    if (!fact || !Number.isFinite(start)) continue;
    const source = messages.find((m) => m.id === fact.sourceMessageId)!;
    const ru = contact.language === 'ru';
    events.push({
      id: `event-demo-${conversation.id}`,
      title: `${ru ? 'Демо' : 'Demo'}: ${contact.company ?? contact.name}`,
      description: source.text,
      startAt: new Date(start).toISOString(),
      endAt: new Date(start + 30 * 60_000).toISOString(),
      timezone: ru ? 'Europe/Moscow' : 'UTC',
      attendees: [
        { name: contact.name, ...(contact.email ? { email: contact.email } : {}), contactId: contact.id },
      ],
      status: start < now.getTime() ? 'done' : 'scheduled',
      contactId: contact.id,
      leadId: lead.id,
      conversationId: conversation.id,
      createdBy: { kind: 'agent', name: 'schedule_event' },
      createdAt: source.createdAt,
      updatedAt: source.createdAt,
    });
  }
  return {
    contacts,
    leads: store.all('leads'),
    conversations: store.all('conversations'),
    messages: store.all('messages'),
    activity: store.all('activity'),
    events,
  };
}

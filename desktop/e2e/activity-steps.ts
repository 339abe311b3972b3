// Real agent steps for the screens walk's Activity (issue 64): two website visitors write through the web
// chat, one in English and one in Russian, and the server's real agents take each message in, answer,
// save what the customer said and hand over when asked for a person; their step records are what the
// Activity screen shows. The widget is removed afterwards, so Settings > Channels looks as before.
import { apiClient, waitFor, type TestServer } from './harness';

/** A visitor's messages, each sent once the agents are done with the one before. */
const visitors = [
  {
    visitorId: 'walk-visitor-olivia-0001',
    name: 'Olivia',
    texts: ['Hi! How long does onboarding take after payment? You can reach me at olivia@walk.example'],
  },
  {
    visitorId: 'walk-visitor-dmitry-0001',
    name: 'Дмитрий',
    texts: [
      'Здравствуйте! Есть ли у вас пробный период? Мой телефон +7 912 345-67-89',
      'Можно поговорить с менеджером?',
    ],
  },
];

type Doc = Record<string, unknown>;

/**
 * Sends the visitors' messages and waits until the agents have finished with each: its run logged and
 * its reply written or a hand-off among its steps. Returns the texts the visitors typed (data, not UI words).
 */
export async function customersWriteOnTheWebChat(server: TestServer): Promise<string[]> {
  const api = await apiClient(server);
  const widget = (await api.call('POST', '/api/v1/channels/webchat', {})) as { key: string };
  const stepsOf = async (messageId: string) => {
    const r = (await api.call('POST', '/sync/activity/_all_docs', { include_docs: true })) as {
      rows: { doc?: Doc }[];
    };
    return r.rows.flatMap((row) => (row.doc?.messageId === messageId ? [row.doc] : []));
  };
  try {
    for (const v of visitors)
      for (const [i, text] of v.texts.entries()) {
        const clientMessageId = `walk-${i + 1}`;
        const res = await fetch(`${server.url}/webchat/v1/${widget.key}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ visitorId: v.visitorId, clientMessageId, name: v.name, text }),
        });
        if (res.status !== 202) throw new Error(`web chat message: ${res.status} ${await res.text()}`);
        const messageId = `msg:webchat:${v.visitorId}:${clientMessageId}`;
        await waitFor(async () => {
          if (await api.getDoc('messages', `${messageId}:reply`)) return true;
          return (await stepsOf(messageId)).some((d) => d.kind === 'handoff');
        }, 90_000).catch(async (e: unknown) => {
          const steps = (await stepsOf(messageId)).map(
            (d) => `${String(d.kind)}/${String(d.name)}/${String(d.role)}/${String(d.status)}`,
          );
          throw new Error(
            `no answer or hand-off for "${text}": steps ${steps.join(', ')}; ${server.logTail(20)}`,
            { cause: e },
          );
        });
      }
  } finally {
    await api.call('DELETE', `/api/v1/channels/webchat/${widget.key}`);
  }
  return visitors.flatMap((v) => [v.name, ...v.texts]);
}

// Test data for the data-care tests: a contact with everything that can belong to it (leads,
// conversation, messages, tasks, events, activity, a stored file, an edited revision), one unrelated
// contact, and a dump of every team database to compare.
import type { Store } from '../src/context';
import { teamCollections } from '../src/store/db-names';
import { conversationDoc, messageDoc } from './api-kit';

const at = '2026-03-02T10:15:00.000Z';
export const NAME = 'Зинаида Уникальная';
export const PHONE = '+79995550011';
export const EMAIL = 'zina.unique@example.com';

export async function seed(store: Store, teamId: string) {
  const db = (c: Parameters<Store['teamDb']>[1]) => store.teamDb(teamId, c);
  const contact = {
    name: NAME,
    phone: PHONE,
    email: EMAIL,
    identities: [{ channel: 'telegram', externalId: '9090' }],
    optOut: false,
    agentAccess: 'default',
    twin: {
      facts: [{ id: 'f1', key: 'budget', value: `${NAME} has 1M`, observedAt: at, status: 'active' }],
      summary: `${NAME}, ${PHONE}`,
    },
    createdAt: at,
    updatedAt: at,
  };
  await db('contacts').insert({ _id: 'zina', ...contact });
  await db('contacts').insert({
    _id: 'other',
    ...contact,
    name: 'Someone Else',
    phone: '+70000000000',
    email: 'else@example.com',
    twin: { facts: [] },
    identities: [],
  });
  await db('leads').insert({
    _id: 'zina-lead',
    contactId: 'zina',
    title: `Deal with ${NAME}`,
    stage: 'new',
    source: { channel: 'telegram' },
    createdAt: at,
    updatedAt: at,
  });
  await db('leads').insert({
    _id: 'other-lead',
    contactId: 'other',
    title: 'Other deal',
    stage: 'new',
    source: { channel: 'manual' },
    createdAt: at,
    updatedAt: at,
  });
  await db('conversations').insert(
    conversationDoc('conv-zina', 'zina', { lastMessagePreview: `call me ${PHONE}` }),
  );
  await db('conversations').insert(conversationDoc('conv-other', 'other'));
  await db('messages').insert(
    messageDoc('msg-zina-1', 'conv-zina', {
      contactId: 'zina',
      text: `Меня зовут ${NAME}, мой телефон ${PHONE}`,
      attachments: [{ kind: 'document', fileName: 'card.txt', fileDocId: 'file-zina' }],
    }),
  );
  await db('messages').insert(messageDoc('msg-zina-2', 'conv-zina', { text: `Пишите на ${EMAIL}` }));
  await db('messages').insert(messageDoc('msg-other', 'conv-other', { text: 'Hello' }));
  await db('tasks').insert({
    _id: 'task-zina',
    title: `Call ${NAME}`,
    status: 'open',
    leadId: 'zina-lead',
    createdBy: { kind: 'agent' },
    createdAt: at,
    updatedAt: at,
  });
  await db('events').insert({
    _id: 'event-zina',
    title: 'Demo',
    startAt: at,
    endAt: at,
    status: 'scheduled',
    attendees: [{ name: NAME, contactId: 'zina' }],
    createdBy: { kind: 'rep' },
    createdAt: at,
    updatedAt: at,
  });
  await db('activity').insert({
    _id: 'act-zina',
    runId: 'r1',
    messageId: 'msg-zina-1',
    role: 'intake',
    kind: 'tool-call',
    name: 'save_client_info',
    status: 'ok',
    input: `{"phone":"${PHONE}"}`,
    startedAt: at,
  });
  await db('files').insert({
    _id: 'file-zina',
    kind: 'attachment',
    fileName: 'card.txt',
    messageId: 'msg-zina-1',
    _attachments: {
      'card.txt': { content_type: 'text/plain', data: Buffer.from(`${NAME} ${PHONE}`).toString('base64') },
    },
  });
  await db('files').insert({
    _id: 'file-kb',
    kind: 'knowledge',
    fileName: 'prices.pdf',
    _attachments: {
      original: {
        content_type: 'application/pdf',
        data: Buffer.from('%PDF-1.4 price list').toString('base64'),
      },
    },
  });
  // A second revision, so old bodies exist to be compacted away.
  const z = await db('contacts').get('zina');
  await db('contacts').insert({ ...z, notes: `VIP ${PHONE}` });
}

/** Every doc of every team db, with attachments inline, by collection. */
export async function dump(store: Store, teamId: string) {
  const out: Record<string, unknown[]> = {};
  for (const c of teamCollections) {
    const res = await store.teamDb(teamId, c).list({ include_docs: true, attachments: true } as never);
    out[c] = res.rows
      .filter((r) => !r.id.startsWith('_'))
      .map((r) => {
        const { _attachments, ...doc } = r.doc as Record<string, unknown> & {
          _attachments?: Record<string, { data: string; content_type: string }>;
        };
        return {
          ...doc,
          files: Object.fromEntries(
            Object.entries(_attachments ?? {}).map(([k, a]) => [k, `${a.content_type}:${a.data}`]),
          ),
        };
      });
  }
  return out;
}

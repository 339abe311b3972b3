// The two teams of the fuzz benchmark, set up through the real routes. Team A (admin, rep, viewer) is
// the one the fuzz calls as; team B holds a doc in every collection whose text carries a unique marker
// (contacts, leads, conversations, messages, tasks, events, activity, agent settings, knowledge, files,
// web chat, its bot token and its members' e-mails). `snapshot` hashes all of B's data, read as B.
import { createHash } from 'node:crypto';
import { teamCollections } from '../src/store/db-names';
import { conversationDoc, messageDoc } from '../test/api-kit';

export type Ids = Record<string, string[]>;
export type TeamSetup = {
  teamId: string;
  userId: string;
  admin: string;
  rep: string;
  viewer: string;
  refreshToken: string;
  email: string;
  /** Each member's e-mail (all sign in with FUZZ_PASSWORD): the fuzz signs in again when a case ends their sessions. */
  emails: Record<'admin' | 'rep' | 'viewer', string>;
  /** Ids by collection, plus `members` (user ids) and `widgets` (web chat keys). */
  ids: Ids;
  /** What went wrong in setup without stopping it. */
  notes: string[];
};

type Answer = { status: number; body: ReturnType<typeof JSON.parse>; bytes: Buffer };

export async function call(
  base: string,
  method: string,
  path: string,
  o: { token?: string; body?: unknown; raw?: string | Buffer; type?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.body !== undefined || o.raw !== undefined) headers['content-type'] = o.type ?? 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body)),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    body = undefined;
  }
  return { status: res.status, body, bytes };
}

async function must(p: Promise<Answer>, what: string): Promise<Answer> {
  const res = await p;
  if (res.status >= 300)
    throw new Error(`fuzz setup: ${what}: ${res.status} ${res.bytes.toString().slice(0, 300)}`);
  return res;
}

const at = '2026-03-02T10:15:00.000Z';
export const FUZZ_PASSWORD = 'fuzz password 1';
const password = FUZZ_PASSWORD;

/** Registers a team with an admin, a rep and a viewer, and fills it: `text(what)` is every free text. */
export async function setUpTeam(
  base: string,
  tag: 'a' | 'b',
  text: (what: string) => string,
): Promise<TeamSetup> {
  const email = (role: string) =>
    `${text('mail')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')}-${role}@example.com`;
  const notes: string[] = [];
  let reg = await call(base, 'POST', '/api/v1/auth/register', {
    body: { teamName: `Fuzz ${tag.toUpperCase()}`, email: email('admin'), password },
  });
  if (reg.status === 400) {
    // Register can fail after creating the account when the runtime sets the new team's databases
    // up at the same time (409 on _security, answered as 400): sign in instead, and say so.
    notes.push(
      `register of team ${tag.toUpperCase()} answered 400 ${reg.bytes.toString().slice(0, 100)}; signed in instead`,
    );
    await new Promise((r) => setTimeout(r, 1000));
  } else {
    await must(Promise.resolve(reg), 'register');
  }
  // Registering answers 202 without a session (the same whatever the e-mail): the admin signs in.
  reg = await must(
    call(base, 'POST', '/api/v1/auth/login', { body: { email: email('admin'), password } }),
    'sign in',
  );
  const admin = reg.body.accessToken as string;
  const member = async (role: 'rep' | 'viewer') => {
    const invite = await must(
      call(base, 'POST', '/api/v1/members/invite', { token: admin, body: { email: email(role), role } }),
      'invite',
    );
    await must(
      call(base, 'POST', '/api/v1/auth/accept-invite', {
        body: { token: invite.body.inviteToken, password },
      }),
      'accept invite',
    );
    const accepted = await must(
      call(base, 'POST', '/api/v1/auth/login', { body: { email: email(role), password } }),
      'sign in',
    );
    return accepted.body.accessToken as string;
  };
  const team: TeamSetup = {
    teamId: reg.body.team.id,
    userId: reg.body.user.id,
    admin,
    rep: await member('rep'),
    viewer: await member('viewer'),
    refreshToken: reg.body.refreshToken,
    email: reg.body.user.email,
    emails: { admin: email('admin'), rep: email('rep'), viewer: email('viewer') },
    ids: {},
    notes,
  };
  const api = (method: string, path: string, body: unknown, token = admin) =>
    must(call(base, method, `/api/v1${path}`, { token, body }), `${method} ${path}`);
  const push = (collection: string, docs: object[]) =>
    must(
      call(base, 'POST', `/sync/${collection}/_bulk_docs`, { token: admin, body: { docs } }),
      `push ${collection}`,
    );
  const id = (kind: string, n = 1) => `${tag}-${kind}-${n}`;

  for (const n of [1, 2]) {
    await api('POST', '/contacts', {
      id: id('contact', n),
      name: text(`contact ${n}`),
      email: `${tag}${n}@example.org`,
      phone: `+7999000${tag === 'a' ? 1 : 2}00${n}`,
    });
    await api('POST', '/leads', { id: id('lead', n), contactId: id('contact', n), title: text(`lead ${n}`) });
  }
  // The same id in both teams, each with its own content.
  await api('POST', '/contacts', { id: 'contact-shared', name: text('shared contact') });
  await push('conversations', [
    conversationDoc(id('conv'), id('contact'), { mode: 'human', lastMessagePreview: text('conversation') }),
  ]);
  await push('messages', [
    messageDoc(id('msg'), id('conv'), {
      contactId: id('contact'),
      text: text('message'),
      direction: 'outbound',
      author: { kind: 'rep' },
      delivery: { status: 'sent' },
    }),
  ]);
  await push('tasks', [
    {
      _id: id('task'),
      title: text('task'),
      status: 'open',
      createdBy: { kind: 'rep' },
      createdAt: at,
      updatedAt: at,
    },
  ]);
  await push('events', [
    {
      _id: id('event'),
      title: text('event'),
      startAt: at,
      endAt: at,
      status: 'scheduled',
      createdBy: { kind: 'rep' },
      createdAt: at,
      updatedAt: at,
    },
  ]);
  // Activity is written by the server only (@app/shared/access): the agents' run of the web chat
  // message below writes the team's.
  await api('POST', '/agent-settings', {
    id: id('agent'),
    name: text('agent profile'),
    instructions: text('instructions'),
  });
  const file = Buffer.from(`${text('file')} attachment body`);
  await push('files', [
    {
      _id: id('file'),
      fileName: 'notes.txt',
      kind: 'attachment',
      mimeType: 'text/plain',
      createdAt: at,
      _attachments: { original: { content_type: 'text/plain', data: file.toString('base64') } },
    },
  ]);
  const source = await must(
    call(base, 'POST', `/api/v1/knowledge/sources?fileName=${tag}-notes.txt`, {
      token: team.rep,
      raw: `${text('knowledge')}. Delivery to Moscow takes three days.`,
      type: 'text/plain',
    }),
    'knowledge upload',
  );
  const widget = await api('POST', '/channels/webchat', { title: 'Chat with us' });
  await must(
    call(base, 'POST', `/webchat/v1/${widget.body.key}/messages`, {
      body: { visitorId: `${tag}-visitor-0123456789`, clientMessageId: 'm1', text: text('web chat message') },
    }),
    'web chat message',
  );
  await waitForActivity(base, admin);
  const botSecret = text('bot')
    .replace(/[^A-Za-z0-9_-]/g, '')
    .padEnd(35, 'x')
    .slice(0, 40);
  await api('PUT', '/channels/telegram', {
    token: `7000000${tag === 'a' ? 1 : 2}:${botSecret}`,
    enabled: false,
  });
  await waitForIngestion(base, team.rep, source.body.id);

  for (const c of teamCollections) {
    const all = await must(call(base, 'GET', `/sync/${c}/_all_docs`, { token: admin }), `list ${c}`);
    team.ids[c] = (all.body.rows as { id: string }[]).map((r) => r.id).filter((i) => !i.startsWith('_'));
  }
  const members = await api('GET', '/members', undefined);
  team.ids.members = (members.body.items as { id: string }[]).map((m) => m.id);
  team.ids.widgets = [widget.body.key];
  return team;
}

/** Waits (up to 30 s) for the agents' first activity doc, written by the run of a customer message. */
async function waitForActivity(base: string, token: string): Promise<void> {
  for (let t0 = Date.now(); Date.now() - t0 < 30_000;) {
    const all = await call(base, 'GET', '/sync/activity/_all_docs', { token });
    const rows = all.status === 200 ? (all.body.rows as { id: string }[]) : [];
    if (rows.some((r) => !r.id.startsWith('_'))) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('fuzz setup: no agent activity 30 s after the web chat message');
}

async function waitForIngestion(base: string, token: string, sourceId: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const res = await call(base, 'GET', `/api/v1/knowledge/sources/${sourceId}`, { token });
    if (res.body?.status === 'ready' || res.body?.status === 'failed') return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type Snapshot = {
  docs: number;
  hash: string;
  parts: Record<string, { docs: number; hash: string; revs: Record<string, string> }>;
};

/** Which docs differ between two snapshots: `collection/id: rev -> rev` (absent: `-`). */
export function diffSnapshots(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [part, b] of Object.entries(before.parts)) {
    const a = after.parts[part];
    if (a?.hash === b.hash) continue;
    const ids = new Set([...Object.keys(b.revs), ...Object.keys(a?.revs ?? {})]);
    const changed = [...ids].filter((id) => b.revs[id] !== a?.revs[id]);
    out.push(
      ...(changed.length
        ? changed.map((id) => `${part}/${id}: ${b.revs[id] ?? '-'} -> ${a?.revs[id] ?? '-'}`)
        : [`${part}: changed`]),
    );
  }
  return out;
}

/** Every doc of every collection of the team (with revisions and attachment digests), its members and channels. */
export async function snapshot(base: string, token: string): Promise<Snapshot> {
  const parts: Snapshot['parts'] = {};
  const hashOf = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex');
  for (const c of teamCollections) {
    const res = await must(
      call(base, 'GET', `/sync/${c}/_all_docs?include_docs=true&conflicts=true`, { token }),
      `read ${c}`,
    );
    const rows = (res.body.rows as { id: string }[]).filter((r) => !r.id.startsWith('_design/'));
    const revs = Object.fromEntries(
      rows.map((r) => [r.id, (r as { value?: { rev?: string } }).value?.rev ?? '?']),
    );
    parts[c] = { docs: rows.length, hash: hashOf(rows), revs };
  }
  for (const path of ['/members', '/channels', '/channels/webchat']) {
    const res = await must(call(base, 'GET', `/api/v1${path}`, { token }), path);
    // A widget's snippet carries the server's address, which changes when a crashed server restarts.
    const body = JSON.stringify(res.body).replace(/http:\/\/127\.0\.0\.1:\d+/g, '');
    parts[path] = { docs: 1, hash: hashOf(body), revs: {} };
  }
  const docs = Object.values(parts).reduce((n, p) => n + p.docs, 0);
  return { docs, hash: hashOf(parts), parts };
}

/** Waits until the team's data stops changing (ingestion, agents), then gives its snapshot. */
export async function settledSnapshot(base: string, token: string, maxMs = 60_000): Promise<Snapshot> {
  const until = Date.now() + maxMs;
  let last = await snapshot(base, token);
  for (;;) {
    await new Promise((r) => setTimeout(r, 1500));
    const next = await snapshot(base, token);
    if (next.hash === last.hash || Date.now() > until) return next;
    last = next;
  }
}

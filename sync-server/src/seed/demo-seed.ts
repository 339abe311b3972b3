// The demo team, created on first start when no team exists (SEED_DEMO=false: never): an admin with a
// random password, two reps, sample CRM data (demo-data.ts) whose twins the agents' pipeline builds
// (demo-twins.ts), knowledge, a product catalog (demo-catalog.ts) and an objection library
// (demo-objections.ts). A lock doc in app_runtime makes sure only one of N servers seeds,
// once. The login is printed once (to stdout, not to the logs); it is never stored in plain text.
import { randomBytes } from 'node:crypto';
import type { CollectionName, SocialMention } from '@app/shared/schemas';
import { collections } from '@app/shared/schemas';
import { validateDoc } from '@app/shared/validation';
import type { AuthService } from '../auth/auth-service';
import type { Store } from '../context';
import { demoCatalog } from './demo-catalog';
import { demoCrmDocs, type DemoRep } from './demo-data';
import { runDemoPipeline } from './demo-twins';
import { demoKnowledgeDocs } from './demo-knowledge';
import { demoObjectionDocs } from './demo-objections';
import { eventsDemoDocs } from './demo-events';
import { apiDocs, systemDocs } from '../store/data';
import { fromCouchRaw, type CouchRaw } from '../store/raw-docs';
import { DEMO_SEED_DOC_ID } from './seed-doc';

export const DEMO_EMAIL = 'demo@example.com';
export const EVENTS_DEMO_EMAIL = 'events-demo@example.com';
const LOCK_ID = DEMO_SEED_DOC_ID;

export type SeedResult =
  | {
      teamId: string;
      email: string;
      password: string;
      /** How long seeding took (accounts, the agents' pipeline over the conversations, the writes). */
      ms: number;
      /** Of which: the admin's team and account, the reps' accounts, the pipeline run, the writes. */
      phases: { admin: number; reps: number; pipeline: number; writes: number };
      /** The second demo team, on the events pack (issue 39): its admin's login. */
      events: { teamId: string; email: string; password: string };
    }
  | undefined;

/** The demo team's reps besides the admin (owners of deals, assignees of tasks). */
export const DEMO_REPS = [
  { email: 'olga.rep@demo.example', name: 'Ольга Смирнова' },
  { email: 'mark.rep@demo.example', name: 'Mark Evans' },
] as const;

/**
 * The demo docs by collection, in CouchDB's shape (`_id` carries the primary key): the generated CRM
 * data with what the agents' pipeline made of its conversations.
 */
export async function demoDocs(
  now: Date,
  reps: readonly DemoRep[] = [
    { id: 'rep-admin', name: 'Demo admin' },
    ...DEMO_REPS.map((r, i) => ({ id: `rep-${i + 1}`, name: r.name })),
  ],
): Promise<Partial<Record<CollectionName, Record<string, unknown>[]>>> {
  const crm = demoCrmDocs(now, reps);
  const ran = await runDemoPipeline(crm, now);
  const knowledge = demoKnowledgeDocs(now.toISOString());
  const byCollection: Partial<Record<CollectionName, object[]>> = {
    pipelines: crm.pipelines,
    agent_settings: crm.agent_settings,
    contacts: ran.contacts,
    leads: ran.leads,
    conversations: ran.conversations,
    messages: ran.messages,
    // The runs' activity stays out: it is the record of building the demo, not of customers' chats.
    tasks: crm.tasks,
    stage_changes: crm.stage_changes,
    events: [...crm.events, ...ran.events],
    knowledge_sources: knowledge.sources,
    knowledge_chunks: knowledge.chunks,
    objections: demoObjectionDocs(now.toISOString()),
    products: demoCatalog(now),
  };
  return couchDocs(byCollection);
}

/** Stores the events demo's social mentions (kept by the server, not synced; social/mentions.ts). */
export type SaveMentions = (mentions: readonly SocialMention[]) => Promise<void>;

/** Docs by collection in CouchDB's shape (`_id` carries the primary key), each checked first. */
function couchDocs(
  byCollection: Partial<Record<CollectionName, object[]>>,
): Partial<Record<CollectionName, Record<string, unknown>[]>> {
  const out: Partial<Record<CollectionName, Record<string, unknown>[]>> = {};
  for (const [name, docs] of Object.entries(byCollection) as [CollectionName, object[]][]) {
    const key = collections[name].schema.primaryKey;
    out[name] = docs.map((doc) => {
      const checked = validateDoc(name, doc);
      if (!checked.ok) throw new Error(`demo ${name} doc is invalid: ${checked.message}`);
      const { [key]: id, ...rest } = doc as Record<string, unknown>;
      return { _id: String(id), ...rest };
    });
  }
  return out;
}

/** The seed's lock in `app_runtime`: taken by the one start that seeds, then naming the demo team. */
type SeedLock = { _id: string; _rev?: string; at: string; teamId?: string };
const locks = (store: Store) => systemDocs<SeedLock>(store, 'app_runtime');

async function writeDocs(store: Store, teamId: string, docs: Partial<Record<CollectionName, object[]>>) {
  await Promise.all(
    (Object.entries(docs) as [CollectionName, object[]][]).map(([name, list]) =>
      apiDocs(store, teamId, name).bulk(list.map((d) => ({ doc: fromCouchRaw(d as CouchRaw).doc }))),
    ),
  );
}

/** The second demo team, on the events pack: its admin, the pack's setup and events in every stage. */
async function seedEventsDemo(deps: {
  store: Store;
  auth: AuthService;
  now: () => Date;
  saveMentions?: SaveMentions;
}): Promise<{ teamId: string; email: string; password: string }> {
  const password = randomBytes(9).toString('base64url');
  const session = await deps.auth.register({
    teamName: 'Events demo',
    email: EVENTS_DEMO_EMAIL,
    password,
  });
  const teamId = session.team.id;
  const { mentions, ...docs } = eventsDemoDocs(teamId, deps.now(), [
    { id: session.user.id, name: 'Events admin' },
  ]);
  await writeDocs(deps.store, teamId, couchDocs(docs));
  await deps.saveMentions?.(mentions);
  return { teamId, email: EVENTS_DEMO_EMAIL, password };
}

export async function seedDemo(deps: {
  store: Store;
  auth: AuthService;
  now: () => Date;
  /** Where the events demo's social mentions go (unset: none are stored). */
  saveMentions?: SaveMentions;
}): Promise<SeedResult> {
  const started = performance.now();
  if ((await deps.auth.teamCount()) > 0) return undefined;
  if ((await locks(deps.store).put({ _id: LOCK_ID, at: deps.now().toISOString() })) === null)
    return undefined;
  const password = randomBytes(9).toString('base64url');
  const session = await deps.auth.register({ teamName: 'Demo team', email: DEMO_EMAIL, password });
  const teamId = session.team.id;
  const accountsAt = performance.now();
  // Reps own deals and tasks; nobody knows their random passwords (an admin may reset them).
  const users = await Promise.all(
    DEMO_REPS.map((rep) =>
      deps.auth.createUser({
        teamId,
        email: rep.email,
        role: 'rep',
        password: randomBytes(18).toString('base64url'),
      }),
    ),
  );
  const reps: DemoRep[] = [
    { id: session.user.id, name: 'Demo admin' },
    ...users.map((user, i) => ({ id: user._id.slice('user:'.length), name: DEMO_REPS[i]!.name })),
  ];
  const pipelineAt = performance.now();
  const docs = await demoDocs(deps.now(), reps);
  const writesAt = performance.now();
  await writeDocs(deps.store, teamId, docs);
  const phases = {
    admin: Math.round(accountsAt - started),
    reps: Math.round(pipelineAt - accountsAt),
    pipeline: Math.round(writesAt - pipelineAt),
    writes: Math.round(performance.now() - writesAt),
  };
  // Remembered for later starts: TELEGRAM_BOT_TOKEN connects this team's bot.
  await locks(deps.store).update(LOCK_ID, (lock) => (lock ? { ...lock, teamId } : undefined));
  const events = await seedEventsDemo(deps);
  return {
    teamId,
    email: DEMO_EMAIL,
    password,
    ms: Math.round(performance.now() - started),
    phases,
    events,
  };
}

/** The demo team's id, if the demo was seeded (now or on an earlier start). */
export async function demoTeamId(store: Store): Promise<string | undefined> {
  return (await locks(store).get(LOCK_ID))?.teamId;
}

// The demo team, created on first start when no team exists: an admin with a random password,
// sample CRM data and knowledge. A lock doc in app_runtime makes sure only one of N servers seeds.
// The login is printed once (to stdout, not to the logs); it is never stored in plain text.
import { randomBytes } from 'node:crypto';
import type { CollectionName } from '@app/shared/schemas';
import { collections } from '@app/shared/schemas';
import { validateDoc } from '@app/shared/validation';
import type { AuthService } from '../auth/auth-service';
import type { Store } from '../context';
import { demoCrmDocs } from './demo-data';
import { demoKnowledgeDocs } from './demo-knowledge';
import { statusOf } from '../store/couch-errors';

export const DEMO_EMAIL = 'demo@example.com';
const LOCK_ID = 'seed:demo';

export type SeedResult = { teamId: string; email: string; password: string } | undefined;

/** The demo docs by collection, in CouchDB's shape (`_id` carries the primary key). */
export function demoDocs(now: Date): Partial<Record<CollectionName, Record<string, unknown>[]>> {
  const crm = demoCrmDocs(now);
  const knowledge = demoKnowledgeDocs(now.toISOString());
  const byCollection: Partial<Record<CollectionName, object[]>> = {
    ...crm,
    knowledge_sources: knowledge.sources,
    knowledge_chunks: knowledge.chunks,
  };
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

export async function seedDemo(deps: {
  store: Store;
  auth: AuthService;
  now: () => Date;
}): Promise<SeedResult> {
  if ((await deps.auth.teamCount()) > 0) return undefined;
  try {
    await deps.store.systemDb('app_runtime').insert({ _id: LOCK_ID, at: deps.now().toISOString() });
  } catch (e) {
    if (statusOf(e) === 409) return undefined;
    throw e;
  }
  const password = randomBytes(9).toString('base64url');
  const session = await deps.auth.register({ teamName: 'Demo team', email: DEMO_EMAIL, password });
  const teamId = session.team.id;
  for (const [name, docs] of Object.entries(demoDocs(deps.now())) as [CollectionName, object[]][]) {
    await deps.store.teamDb(teamId, name).bulk({ docs });
  }
  // Remembered for later starts: TELEGRAM_BOT_TOKEN connects this team's bot.
  const lock = await deps.store.systemDb('app_runtime').get(LOCK_ID);
  await deps.store.systemDb('app_runtime').insert({ ...lock, teamId });
  return { teamId, email: DEMO_EMAIL, password };
}

/** The demo team's id, if the demo was seeded (now or on an earlier start). */
export async function demoTeamId(store: Store): Promise<string | undefined> {
  try {
    const lock = (await store.systemDb('app_runtime').get(LOCK_ID)) as { teamId?: string };
    return lock.teamId;
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw e;
  }
}

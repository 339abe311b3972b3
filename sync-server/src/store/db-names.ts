// CouchDB database names for teams: `t_<team>_<collection>`. CouchDB allows `^[a-z][a-z0-9_$()+/-]*$`;
// team ids are escaped injectively into `[a-z0-9-]`, so no team id can name another team's database
// or a system database. An optional prefix (COUCHDB_DB_PREFIX) goes before every name, system
// databases included, so that several deployments (or test servers) can share one CouchDB.
import { collectionNames } from '@app/shared/schemas';
import type { SystemDb, TeamCollection } from '../context';

export const teamCollections: readonly TeamCollection[] = [...collectionNames, 'files'];

export const systemDbs: readonly SystemDb[] = [
  'app_users',
  'app_teams',
  'app_refresh_tokens',
  'app_channels',
  'app_runtime',
];

export function isTeamCollection(name: string): name is TeamCollection {
  return (teamCollections as readonly string[]).includes(name);
}

/** Lowercase letters and digits stay; every other character becomes `-<hex code>-`. */
export function escapeTeamId(teamId: string): string {
  if (teamId.length === 0 || teamId.length > 64) throw new RangeError('team id must be 1-64 characters');
  let out = '';
  for (const ch of teamId) {
    out += /[a-z0-9]/.test(ch) ? ch : `-${ch.codePointAt(0)!.toString(16)}-`;
  }
  return out;
}

export function teamDbName(teamId: string, collection: TeamCollection, prefix = ''): string {
  return `${prefix}t_${escapeTeamId(teamId)}_${collection}`;
}

/** A prefix starts with a letter and holds lowercase letters, digits and `_` only (CouchDB's rule). */
export const DB_PREFIX_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

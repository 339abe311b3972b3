// Query parameters the gateway forwards, per endpoint; anything else is dropped. Values are checked
// to be plain JSON scalars or short strings, so nothing odd reaches the store.
import { DomainError } from '@app/shared/errors';

export type Rule = 'bool' | 'int' | 'string' | 'json' | 'ids' | 'revs';

/** The parameters each endpoint forwards, by endpoint kind. */
export const paramRules: Record<string, Record<string, Rule>> = {
  changes: {
    since: 'string',
    limit: 'int',
    include_docs: 'bool',
    style: 'string',
    feed: 'string',
    heartbeat: 'int',
    timeout: 'int',
    seq_interval: 'int',
    descending: 'bool',
    conflicts: 'bool',
    attachments: 'bool',
    att_encoding_info: 'bool',
    filter: 'string',
    doc_ids: 'ids',
  },
  'all-docs': {
    keys: 'ids',
    key: 'json',
    startkey: 'json',
    endkey: 'json',
    start_key: 'json',
    end_key: 'json',
    include_docs: 'bool',
    conflicts: 'bool',
    limit: 'int',
    skip: 'int',
    descending: 'bool',
    inclusive_end: 'bool',
    update_seq: 'bool',
  },
  'bulk-get': { revs: 'bool', attachments: 'bool', latest: 'bool' },
  doc: {
    rev: 'string',
    revs: 'bool',
    revs_info: 'bool',
    open_revs: 'revs',
    attachments: 'bool',
    atts_since: 'ids',
    latest: 'bool',
    conflicts: 'bool',
    att_encoding_info: 'bool',
    new_edits: 'bool',
  },
  attachment: { rev: 'string' },
  local: { rev: 'string' },
  'bulk-docs': {},
  'revs-diff': {},
  'db-info': {},
};

/** A CouchDB revision: `<generation>-<hash>`. */
export const revPattern = /^[1-9]\d{0,8}-[0-9a-zA-Z]{1,64}$/;

const bad = (name: string, what: string) => new DomainError('bad-request', `Query parameter ${name} ${what}`);

export function forwardParams(kind: string, query: Record<string, unknown>): URLSearchParams {
  const allowed = paramRules[kind] ?? {};
  const out = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    const rule = allowed[name];
    if (!rule) continue;
    if (typeof value !== 'string') throw bad(name, 'must be given once');
    if (value.length > 64 * 1024) throw bad(name, 'is too long');
    if (rule === 'bool' && !['true', 'false'].includes(value)) throw bad(name, 'must be true or false');
    if (rule === 'int' && !/^\d{1,9}$/.test(value)) throw bad(name, 'must be a non-negative integer');
    if (rule === 'json' || rule === 'ids' || rule === 'revs') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        throw bad(name, 'must be JSON');
      }
      const list =
        Array.isArray(parsed) && parsed.length <= 10_000 && parsed.every((v) => typeof v === 'string');
      if (rule === 'ids' && !list) throw bad(name, 'must be a JSON array of strings');
      if (
        rule === 'revs' &&
        !(parsed === 'all' || (list && (parsed as string[]).every((r) => revPattern.test(r))))
      ) {
        throw bad(name, 'must be "all" or a JSON array of revisions');
      }
    }
    out.set(name, value);
  }
  return out;
}

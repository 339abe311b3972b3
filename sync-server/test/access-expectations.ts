// What each role may do with each collection, written out as the product means it, for the tests
// of the servers (access-policy.test.ts) and of the shared access table (access-table.test.ts).
import type { sampleDocs } from '@app/shared/fixtures';

export type Role = 'viewer' | 'rep' | 'admin';
export type Op = 'read' | 'create' | 'update' | 'delete';
export type Collection = keyof typeof sampleDocs | 'files';

/** r, c, u, d: what each role may do. Activity is the agents' audit log: only the server writes it. */
// prettier-ignore
export const expectedAccess: Record<Collection, Record<Role, string>> = {
  contacts:          { admin: 'rcud', rep: 'rcud', viewer: 'r' },
  leads:             { admin: 'rcud', rep: 'rcud', viewer: 'r' },
  conversations:     { admin: 'rcud', rep: 'rcu',  viewer: 'r' },
  messages:          { admin: 'rcu',  rep: 'rcu',  viewer: 'r' },
  knowledge_sources: { admin: 'rcud', rep: 'rcud', viewer: 'r' },
  knowledge_chunks:  { admin: 'rcd',  rep: 'rcd',  viewer: 'r' },
  tasks:             { admin: 'rcud', rep: 'rcud', viewer: 'r' },
  events:            { admin: 'rcud', rep: 'rcud', viewer: 'r' },
  activity:          { admin: 'r',    rep: 'r',    viewer: 'r' },
  agent_settings:    { admin: 'rcud', rep: 'r',    viewer: 'r' },
  pipelines:         { admin: 'rcud', rep: 'r',    viewer: 'r' },
  stage_changes:     { admin: 'rcd',  rep: 'rc',   viewer: 'r' },
  products:          { admin: 'rcud', rep: 'r',    viewer: 'r' },
  objections:        { admin: 'rcud', rep: 'r',    viewer: 'r' },
  files:             { admin: 'rcud', rep: 'rcud', viewer: 'r' },
};

/** Server-only resources with a route of their own: merging two contacts (POST /contacts/:id/merge). */
// prettier-ignore
export const expectedServerAccess = {
  contact_merges:    { admin: 'rc',   rep: 'rc',   viewer: 'r' },
} satisfies Record<string, Record<Role, string>>;

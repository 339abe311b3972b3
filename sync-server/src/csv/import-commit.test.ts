// All or nothing when CouchDB refuses part of an import's _bulk_docs (a contact changed between the
// plan and the write): what was written is undone and the import answers 409.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '@app/shared/errors';
import { allItems } from '../store/raw-docs';
import { startApiTestServer, type ApiTestServer, type TestTeam } from '../../test/api-kit';
import { commitWrites } from './import-commit';
import { planImport } from './import-plan';
import { rowFields } from './row-fields';

let t: ApiTestServer;
let team: TestTeam;
beforeAll(async () => {
  t = await startApiTestServer();
  team = await t.team('Commit');
});
afterAll(() => t?.close());

describe('commitWrites', () => {
  it('undoes the written part when a doc of the batch is refused', async () => {
    const rep = t.as(team.rep);
    await rep('POST', '/contacts', { id: 'c1', name: 'One', email: 'one@example.com' });
    await rep('POST', '/contacts', { id: 'c9', name: 'Nine', email: 'nine@example.com' });
    const db = t.server.store.teamDb(team.teamId, 'contacts');
    const existing = (await allItems(db)).map((i) => ({ ...i.doc, _rev: i.rev }));
    const rows = [
      { email: 'one@example.com', company: 'Import Co' },
      { email: 'nine@example.com', company: 'Import Co' },
      { name: 'Two', email: 'two@example.com', leadTitle: 'Deal two' },
      { name: 'Three', phone: '+79990000003' },
    ].map((row, i) => {
      const r = rowFields(row);
      if (!r.ok) throw new Error(r.reasons.join());
      return { row: i + 2, fields: r.fields };
    });
    const plan = planImport(rows, existing, [], new Date());
    expect(plan.rows.map((r) => r.status)).toEqual(['updated', 'updated', 'created', 'created']);

    // Someone edits c1 after the plan was made.
    expect((await rep('PATCH', '/contacts/c1', { notes: 'edited meanwhile' })).status).toBe(200);
    const before = await allItems(db);

    const error = await commitWrites(t.server.store, team.teamId, plan.writes).catch((e: unknown) => e);
    expect(isDomainError(error, 'conflict')).toBe(true);
    const after = await allItems(db);
    expect(after.map((i) => i.doc)).toEqual(before.map((i) => i.doc));
    expect((await rep('GET', '/contacts/c9')).body.company).toBeUndefined();
    expect((await rep('GET', '/contacts/c1')).body.notes).toBe('edited meanwhile');
    expect((await rep('GET', '/leads')).body.items).toEqual([]);
  });
});

// The shared access table (`@app/shared/access`) says for every collection what the servers' tests
// expect (access-expectations.ts), and every resource of it has a row.
import { describe, expect, it } from 'vitest';
import { accessTable, operations, resources, roles } from '@app/shared/access';
import { collectionNames } from '@app/shared/schemas';
import { expectedAccess, expectedServerAccess, type Collection } from './access-expectations';

const letters = { read: 'r', create: 'c', update: 'u', delete: 'd' } as const;

describe('the access table', () => {
  it('says what the servers are tested to do, collection by collection', () => {
    const table = Object.fromEntries(
      (Object.keys(expectedAccess) as Collection[]).map((c) => [
        c,
        Object.fromEntries(
          roles.map((role) => [
            role,
            operations
              .filter((op) => (accessTable[c][op] as readonly string[]).includes(role))
              .map((op) => letters[op])
              .join(''),
          ]),
        ),
      ]),
    );
    expect(table).toEqual(expectedAccess);
  });

  it('lets reps and admins merge contacts, and everyone preview a merge', () => {
    for (const [resource, row] of Object.entries(expectedServerAccess)) {
      for (const role of roles) {
        const letters_ = operations
          .filter((op) =>
            (accessTable[resource as keyof typeof accessTable][op] as readonly string[]).includes(role),
          )
          .map((op) => letters[op])
          .join('');
        expect(letters_, `${resource} ${role}`).toBe(row[role]);
      }
    }
  });

  it('has a row for every collection, the files store and the server-only resources', () => {
    expect(Object.keys(expectedAccess).sort()).toEqual([...collectionNames, 'files'].sort());
    expect(Object.keys(accessTable).sort()).toEqual([...resources].sort());
  });
});

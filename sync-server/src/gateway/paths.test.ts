import { describe, expect, it } from 'vitest';
import { parseGatewayPath } from './paths';

describe('gateway paths', () => {
  it('recognises the replication endpoints only', () => {
    expect(parseGatewayPath('/leads/')).toMatchObject({ ok: true, op: { kind: 'db-info' } });
    expect(parseGatewayPath('/leads/_changes')).toMatchObject({ ok: true, op: { kind: 'changes' } });
    expect(parseGatewayPath('/files/_bulk_docs')).toMatchObject({ ok: true, collection: 'files' });
    expect(parseGatewayPath('/leads/_local/abc.def_1')).toMatchObject({
      ok: true,
      op: { kind: 'local', id: 'abc.def_1' },
    });
    expect(parseGatewayPath('/leads/_local%2Fabc')).toMatchObject({
      ok: true,
      op: { kind: 'local', id: 'abc' },
    });
    expect(parseGatewayPath('/files/file-1/original')).toMatchObject({
      ok: true,
      op: { kind: 'attachment', name: 'original' },
    });
    expect(parseGatewayPath('/leads/lead-1')).toMatchObject({ ok: true, op: { kind: 'doc', id: 'lead-1' } });
  });

  it('refuses everything else', () => {
    for (const p of [
      '/',
      '/_all_dbs',
      '/users/x',
      '/leads/_design/x',
      '/leads/_design%2Fx',
      '/leads/_find',
      '/leads/_security',
      '/leads/..',
      '/leads/%2e%2e',
      '/leads/_local/../x',
      '/leads/_local/a/b',
      '/leads/a%2Fb',
      '/leads/%ZZ',
      '/files/f/..',
      '/files/f/_x',
    ]) {
      expect(parseGatewayPath(p).ok, p).toBe(false);
    }
  });
});

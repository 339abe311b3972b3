// The operator's stdio MCP servers: read from DATA_DIR/mcp-servers.json only; a bad file stops the
// start with the file and the field named.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMcpStdioServers, stdioServersOf } from './stdio-config';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const withFile = (text: string | undefined) => {
  dir = mkdtempSync(join(tmpdir(), 'mcp-config-'));
  if (text !== undefined) writeFileSync(join(dir, 'mcp-servers.json'), text);
  return dir;
};

describe('MCP stdio servers from the config file', () => {
  it('none without the file; the servers and their teams with it', () => {
    expect(loadMcpStdioServers(withFile(undefined))).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
    const servers = loadMcpStdioServers(
      withFile(
        JSON.stringify({
          servers: [
            { name: 'crm', command: 'node', args: ['crm.js'], teams: ['tm1'] },
            { name: 'all', command: 'mcp-all', teams: ['*'] },
          ],
        }),
      ),
    );
    expect(stdioServersOf(servers, 'tm1').map((s) => s.name)).toEqual(['crm', 'all']);
    expect(stdioServersOf(servers, 'tm2').map((s) => s.name)).toEqual(['all']);
  });

  it('a bad file is one line naming the file and the field', () => {
    expect(() => loadMcpStdioServers(withFile('{ nope'))).toThrow(/mcp-servers\.json: is not JSON/);
    rmSync(dir, { recursive: true, force: true });
    expect(() =>
      loadMcpStdioServers(
        withFile(JSON.stringify({ servers: [{ name: 'x y', command: 'sh', teams: ['*'] }] })),
      ),
    ).toThrow(/mcp-servers\.json: servers\.0\.name: holds 1-32 letters/);
    rmSync(dir, { recursive: true, force: true });
    expect(() =>
      loadMcpStdioServers(withFile(JSON.stringify({ servers: [{ name: 'x', command: 'sh' }] }))),
    ).toThrow(/servers\.0\.teams/);
  });
});

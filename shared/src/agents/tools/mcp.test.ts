// MCP tools through the official SDK client, over stdio (a child process) and streamable HTTP
// (a loopback server), used by the tool executor with argument validation first.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { createRunLog } from '../activity-log';
import { createCustomerScope } from '../customer-scope';
import { createMemoryStore } from '../../testing/memory-store';
import { fixedClock } from '../ports';
import { executeToolCall, toolSet } from './executor';
import { connectMcpHttp, mcpTools, type McpConnection } from './mcp-tools';
import type { ToolContext } from './types';
import { createDemoMcpServer } from '../../testing/mcp-demo-server';
import { connectMcpStdio } from '../../node/mcp-stdio';

function ctx(): ToolContext {
  const store = createMemoryStore('t');
  return {
    scope: createCustomerScope(store, { contactId: 'c', conversationId: 'v' }),
    now: new Date('2026-03-02T10:00:00.000Z'),
    runId: 'r',
    messageId: 'm',
    role: 'answer',
    log: createRunLog({ store, clock: fixedClock('2026-03-02T10:00:00.000Z'), runId: 'r' }),
    newId: (p) => p,
    requestHandoff() {},
  };
}

async function exercise(conn: McpConnection, server: string) {
  const tools = await mcpTools(conn.client, server);
  expect(tools.map((t) => t.name).sort()).toEqual([`${server}__check_stock`, `${server}__fail`]);
  const set = toolSet(tools);
  const allowed = new Set(tools.map((t) => t.name));
  const c = ctx();
  const ok = await executeToolCall(
    { id: '1', name: `${server}__check_stock`, arguments: '{"sku":"CRM-BIZ"}' },
    set,
    allowed,
    c,
  );
  expect(ok).toMatchObject({ ok: true, result: { text: '{"sku":"CRM-BIZ","inStock":7}' } });
  const invalid = await executeToolCall(
    { id: '2', name: `${server}__check_stock`, arguments: '{"sku":1}' },
    set,
    allowed,
    c,
  );
  expect(invalid).toMatchObject({ ok: false, code: 'tool-arguments-invalid' });
  const failed = await executeToolCall(
    { id: '3', name: `${server}__fail`, arguments: '{}' },
    set,
    allowed,
    c,
  );
  expect(failed).toMatchObject({ ok: false, message: 'warehouse offline' });
  expect(c.log.docs.map((d) => d.status)).toEqual(['ok', 'error', 'error']);
}

describe('MCP tools', () => {
  it('over stdio', async () => {
    const script = fileURLToPath(new URL('../../testing/mcp-demo-server.ts', import.meta.url));
    const conn = await connectMcpStdio({
      command: process.execPath,
      args: ['--import', 'tsx', script, '--stdio'],
    });
    try {
      await exercise(conn, 'inventory');
    } finally {
      await conn.close();
    }
  });

  it('over streamable HTTP', async () => {
    const http = createServer((req, res) => {
      const server = createDemoMcpServer();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      void server.connect(transport).then(() => transport.handleRequest(req, res));
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const conn = await connectMcpHttp(`http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`);
    try {
      await exercise(conn, 'inventory-http');
    } finally {
      await conn.close();
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    }
  });
});

// A tiny MCP server (official SDK) for tests and demos: `check_stock` and `fail`. Run over stdio with
// `node --import tsx src/testing/mcp-demo-server.ts --stdio`; tests also mount it on streamable HTTP
// (`demoMcpHttpHandler`, for a node:http server).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

const stock: Record<string, number> = { 'CRM-TEAM': 120, 'CRM-BIZ': 7 };

export function createDemoMcpServer(): McpServer {
  const server = new McpServer({ name: 'demo-inventory', version: '0.1.0' });
  server.registerTool(
    'check_stock',
    {
      description: 'How many units of a product (by SKU) are in stock',
      inputSchema: { sku: z.string().regex(/^[A-Z0-9-]+$/) },
    },
    async ({ sku }) => ({
      content: [{ type: 'text', text: JSON.stringify({ sku, inStock: stock[sku] ?? 0 }) }],
    }),
  );
  server.registerTool('fail', { description: 'Always fails', inputSchema: {} }, async () => ({
    content: [{ type: 'text', text: 'warehouse offline' }],
    isError: true,
  }));
  return server;
}

/**
 * Streamable HTTP, stateless: a server and a transport per request, as the SDK's examples do. A caller
 * that has read the request's body already (to record it) passes it parsed as `body`.
 */
export function demoMcpHttpHandler(): (req: IncomingMessage, res: ServerResponse, body?: unknown) => void {
  return (req, res, body) => {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    const server = createDemoMcpServer();
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    void server.connect(transport).then(() => transport.handleRequest(req, res, body));
  };
}

if (process.argv.includes('--stdio')) {
  await createDemoMcpServer().connect(new StdioServerTransport());
}

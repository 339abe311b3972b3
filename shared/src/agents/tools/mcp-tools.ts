// Tools from MCP servers through the official SDK client. Each remote tool becomes an AgentTool named
// `<server>__<tool>`, its input schema checked by ajv before the call. The streamable HTTP transport
// works everywhere; the stdio transport needs Node and lives in src/node/mcp-stdio.ts.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { jsonSchemaValidator } from './define-tool';
import type { AgentTool } from './types';

export type McpConnection = { client: Client; close(): Promise<void> };

export async function connectMcp(transport: Transport, name = 'sales-agents'): Promise<McpConnection> {
  const client = new Client({ name, version: '0.1.0' });
  await client.connect(transport);
  return { client, close: () => client.close() };
}

export function connectMcpHttp(
  url: string,
  options: { headers?: Record<string, string>; fetch?: typeof globalThis.fetch } = {},
) {
  return connectMcp(
    new StreamableHTTPClientTransport(new URL(url), {
      // Redirects are not followed: a server cannot bounce the client inward (SSRF).
      requestInit: { redirect: 'manual', ...(options.headers ? { headers: options.headers } : {}) },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
  );
}

const safeName = (s: string) => s.replace(/[^a-zA-Z0-9_-]/g, '_');

export async function mcpTools(client: Client, server: string): Promise<AgentTool[]> {
  const { tools } = await client.listTools();
  return tools.map((tool): AgentTool => {
    const parameters = (tool.inputSchema ?? { type: 'object' }) as Record<string, unknown>;
    return {
      name: `${safeName(server)}__${safeName(tool.name)}`.slice(0, 64),
      description: (tool.description ?? tool.name).slice(0, 1000),
      parameters,
      validate: jsonSchemaValidator(parameters),
      async execute(args) {
        const result = await client.callTool({
          name: tool.name,
          arguments: (args ?? {}) as Record<string, unknown>,
        });
        const content = Array.isArray(result.content) ? result.content : [];
        const text = content
          .map((c: { type: string; text?: string }) => (c.type === 'text' ? (c.text ?? '') : `[${c.type}]`))
          .join('\n');
        if (result.isError) throw new Error(text || `MCP tool ${tool.name} failed`);
        return result.structuredContent ?? { text };
      },
    };
  });
}

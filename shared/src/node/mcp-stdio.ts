// MCP servers started as a child process and spoken to over stdio (Node only).
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { connectMcp, type McpConnection } from '../agents/tools/mcp-tools';

export type McpStdioConfig = { command: string; args?: string[]; env?: Record<string, string>; cwd?: string };

export function connectMcpStdio(config: McpStdioConfig): Promise<McpConnection> {
  return connectMcp(
    new StdioClientTransport({
      command: config.command,
      args: config.args ?? [],
      ...(config.env ? { env: config.env } : {}),
      ...(config.cwd ? { cwd: config.cwd } : {}),
      stderr: 'ignore',
    }),
  );
}

// MCP servers over stdio come only from the server's own config file, `DATA_DIR/mcp-servers.json`,
// never from the API (running a command is the server operator's decision, not a team admin's):
//   { "servers": [{ "name": "inventory", "command": "node", "args": ["inventory.js"],
//                   "env": { "KEY": "..." }, "cwd": "/opt/mcp", "teams": ["*"] }] }
// `teams` names the team ids that get the server's tools ("*": every team). A bad file stops the
// start with one line naming it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '@app/shared/config';

const serverSchema = z.strictObject({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,32}$/, { message: 'holds 1-32 letters, digits, _ or -' }),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).optional(),
  cwd: z.string().optional(),
  teams: z.array(z.string().min(1)).min(1),
});
const fileSchema = z.strictObject({ servers: z.array(serverSchema).max(50) });

export type McpStdioServer = z.infer<typeof serverSchema>;

export const MCP_CONFIG_FILE = 'mcp-servers.json';

export function loadMcpStdioServers(dataDir: string): McpStdioServer[] {
  const path = join(dataDir, MCP_CONFIG_FILE);
  if (!existsSync(path)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError([{ variable: path, message: `is not JSON (${(e as Error).message})` }]);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new ConfigError([{ variable: `${path}: ${i.path.join('.') || '(file)'}`, message: i.message }]);
  }
  return parsed.data.servers;
}

/** The stdio servers whose tools a team gets. */
export const stdioServersOf = (servers: McpStdioServer[], teamId: string) =>
  servers.filter((s) => s.teams.includes('*') || s.teams.includes(teamId));

// The tools an agent profile can allow: those the team's engine has, as the server lists them
// (GET /api/v1/tools: built-in, the admin's webhook tools, the MCP servers' tools). Offline, the
// built-in ones and whatever the profile allows already. Each with where it comes from, so the screen
// can say what a tool it has no words of its own for is.
import { useEffect, useState } from 'react';
import { coreToolNames } from '@app/shared/agents';
import { useWorkspace } from '../../data/hooks';

type TeamTools = { builtin: string[]; webhooks: string[]; mcp: string[] };

/** The agents' built-in tools (the server's list wins when it answers). */
const builtin: string[] = [...coreToolNames];

export type ToolOrigin = 'builtin' | 'webhook' | 'mcp' | 'other';
export type TeamTool = { name: string; origin: ToolOrigin };

export function useTeamTools(allowed: readonly string[]): TeamTool[] {
  const ws = useWorkspace();
  const [listed, setListed] = useState<TeamTools | undefined>();
  useEffect(() => {
    let live = true;
    ws.api.get<TeamTools>('/tools').then(
      (r) => live && setListed(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [ws]);
  const tools: TeamTool[] = listed
    ? [
        ...listed.builtin.map((name) => ({ name, origin: 'builtin' as const })),
        ...listed.webhooks.map((name) => ({ name, origin: 'webhook' as const })),
        ...listed.mcp.map((name) => ({ name, origin: 'mcp' as const })),
      ]
    : [
        ...builtin.map((name) => ({ name, origin: 'builtin' as const })),
        ...allowed.map((name) => ({
          name,
          origin: builtin.includes(name) ? ('builtin' as const) : ('other' as const),
        })),
      ];
  const seen = new Set<string>();
  return tools.filter((x) => !seen.has(x.name) && seen.add(x.name));
}

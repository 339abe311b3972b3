// The tools an agent profile can allow: those the team's engine has, as the server lists them
// (GET /api/v1/tools: built-in, the admin's webhook tools, the MCP servers' tools). Offline, the
// built-in ones and whatever the profile allows already.
import { useEffect, useState } from 'react';
import { useWorkspace } from '../../data/hooks';

type TeamTools = { builtin: string[]; webhooks: string[]; mcp: string[] };

/** The agents' built-in tools (the server's list wins when it answers). */
const builtin = [
  'save_client_info',
  'update_lead',
  'create_task',
  'schedule_event',
  'call_human',
  'search_knowledge',
];

export function useTeamTools(allowed: readonly string[]): string[] {
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
  const names = listed ? [...listed.builtin, ...listed.webhooks, ...listed.mcp] : [...builtin, ...allowed];
  return [...new Set(names)];
}

// The team's members for assignee pickers and names on tasks: fetched from the server once per
// workspace and kept on the device, so an offline rep still sees who is who (and always themselves).
import { useEffect, useState } from 'react';
import { useWorkspace } from './hooks';
import type { Workspace } from './workspace';

export type Member = { id: string; email: string; name?: string };

const cacheKey = (ws: Workspace) => `sw.members.${ws.session.teamId ?? ws.session.serverUrl}`;
const loaded = new WeakMap<Workspace, Promise<Member[]>>();

function readCached(ws: Workspace): Member[] {
  try {
    const raw = JSON.parse(localStorage.getItem(cacheKey(ws)) ?? '[]') as unknown;
    return Array.isArray(raw)
      ? raw.filter((m): m is Member => typeof m?.id === 'string' && typeof m?.email === 'string')
      : [];
  } catch {
    return [];
  }
}

function load(ws: Workspace): Promise<Member[]> {
  let p = loaded.get(ws);
  if (!p) {
    p = ws.api.get<{ items: (Member & { displayName?: string })[] }>('/members').then(
      (r) => {
        // The API names a member by `displayName` (the name that signs their messages).
        const list = r.items.map(({ id, email, displayName }) => ({
          id,
          email,
          ...(displayName ? { name: displayName } : {}),
        }));
        localStorage.setItem(cacheKey(ws), JSON.stringify(list));
        return list;
      },
      () => {
        loaded.delete(ws); // try again next time a picker opens
        return readCached(ws);
      },
    );
    loaded.set(ws, p);
  }
  return p;
}

/** After a member was renamed, invited or removed: the next picker reads the server's list again. */
export function membersChanged(ws: Workspace): void {
  loaded.delete(ws);
}

/** The members (the cached list at once, the server's when it answers), the signed-in one included. */
export function useMembers(): Member[] {
  const ws = useWorkspace();
  const [members, setMembers] = useState<Member[]>(() => readCached(ws));
  useEffect(() => {
    let live = true;
    void load(ws).then((list) => live && setMembers(list));
    return () => {
      live = false;
    };
  }, [ws]);
  const me = ws.session.userId;
  if (me && !members.some((m) => m.id === me)) return [{ id: me, email: ws.session.email ?? me }, ...members];
  return members;
}

export const memberName = (m: Member | undefined) => (m ? m.name || m.email : undefined);

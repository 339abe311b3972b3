// The signed-in member's display name (it signs their messages to customers; never the login
// e-mail): read from the server's /me, kept on the device so a reply written offline carries it too.
import { useCallback, useEffect, useState } from 'react';
import { useWorkspace } from './hooks';

const keyOf = (userId: string | undefined) => `sw.displayName:${userId ?? 'me'}`;

export function cachedDisplayName(userId: string | undefined): string | undefined {
  return localStorage.getItem(keyOf(userId)) || undefined;
}

function remember(userId: string | undefined, name: string | undefined) {
  if (name) localStorage.setItem(keyOf(userId), name);
  else localStorage.removeItem(keyOf(userId));
}

type Me = { user: { id: string; displayName?: string } };

/** The display name (cached, refreshed from the server when online) and a way to change it. */
export function useDisplayName(): {
  name: string | undefined;
  save(name: string): Promise<void>;
} {
  const ws = useWorkspace();
  const userId = ws.session.userId;
  const [name, setName] = useState(() => cachedDisplayName(userId));
  useEffect(() => {
    let live = true;
    ws.api.get<Me>('/me').then(
      (me) => {
        remember(userId, me.user.displayName);
        if (live) setName(me.user.displayName);
      },
      () => undefined, // offline: the cached name stays
    );
    return () => {
      live = false;
    };
  }, [ws, userId]);
  const save = useCallback(
    async (next: string) => {
      const user = await ws.api.patch<Me['user']>('/me', { displayName: next.trim() || null });
      remember(userId, user.displayName);
      setName(user.displayName);
    },
    [ws, userId],
  );
  return { name, save };
}

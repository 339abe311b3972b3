// Hash routing (`#/leads/lead-1`): works under file:// in Electron and under /app/ on the server.
import { useEffect, useState } from 'react';

export type Route = { screen: string; id?: string };

export function parseRoute(hash: string): Route {
  const [screen = 'inbox', id] = hash.replace(/^#\/?/, '').split('/');
  return { screen: screen || 'inbox', ...(id ? { id: decodeURIComponent(id) } : {}) };
}

export function navigate(screen: string, id?: string) {
  window.location.hash = id ? `#/${screen}/${encodeURIComponent(id)}` : `#/${screen}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

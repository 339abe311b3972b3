// The team's objection library as the app reads it: through the API (the library is not replicated
// to the device, see local-collections.ts), loaded once per screen and again after an edit.
import { useCallback, useEffect, useState } from 'react';
import type { ObjectionDoc } from '@app/shared/schemas';
import type { Workspace } from './workspace';

export type LibraryObjection = ObjectionDoc & { rev?: string };

export function useObjectionLibrary(ws: Workspace): {
  items: LibraryObjection[] | null;
  error: unknown;
  reload: () => void;
} {
  const [items, setItems] = useState<LibraryObjection[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => {
    ws.api.get<{ items: LibraryObjection[] }>('/objections?limit=200').then(
      (r) => {
        setItems([...r.items].sort((a, b) => a.type.localeCompare(b.type)));
        setError(null);
      },
      (e: unknown) => setError(e),
    );
  }, [ws]);
  useEffect(reload, [reload]);
  return { items, error, reload };
}

/** An objection's name in the app's language (the other one, or its type, when it has none). */
export function objectionLabel(o: Pick<ObjectionDoc, 'name' | 'type'> | undefined, type: string, locale: 'ru' | 'en') {
  return o?.name[locale] ?? o?.name[locale === 'ru' ? 'en' : 'ru'] ?? type;
}

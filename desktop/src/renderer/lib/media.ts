// Whether a CSS media query matches now, kept up to date as the window is resized. For the few views
// that draw different elements (not only different styles) at phone width, like the calendar's agenda.
import { useCallback, useSyncExternalStore } from 'react';

/** The phone width of styles.css (its `max-width: 640px` rules). */
export const phoneQuery = '(max-width: 640px)';

export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (notify: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

// This device's look: theme (system, light, dark) and density (comfortable, compact), kept in
// localStorage like the other device preferences and put on <html> as data-theme / data-density,
// where styles.css's tokens read them. Virtualised lists take their row heights from the same tokens
// (`useRowHeight`), so a compact row and the slot the list gives it are one size.
import { useMemo, useSyncExternalStore } from 'react';

export const themes = ['system', 'light', 'dark'] as const;
export const densities = ['comfortable', 'compact'] as const;
export type Theme = (typeof themes)[number];
export type Density = (typeof densities)[number];
export type Appearance = { theme: Theme; density: Density };

const key = 'sw.appearance';
const fallback: Appearance = { theme: 'system', density: 'comfortable' };

/** The stored choice; anything unknown or unreadable falls back to system / comfortable. */
export function parseAppearance(raw: string | null): Appearance {
  let v: Partial<Record<keyof Appearance, unknown>> = {};
  try {
    const parsed: unknown = JSON.parse(raw ?? '{}');
    if (parsed && typeof parsed === 'object') v = parsed;
  } catch {
    // a broken value reads as the defaults
  }
  return {
    theme: themes.find((x) => x === v.theme) ?? fallback.theme,
    density: densities.find((x) => x === v.density) ?? fallback.density,
  };
}

/** Puts the choice on the root element: no data-theme follows the system (styles.css's color-scheme). */
export function applyAppearance(a: Appearance, root: HTMLElement = document.documentElement) {
  if (a.theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = a.theme;
  if (a.density === 'comfortable') delete root.dataset.density;
  else root.dataset.density = a.density;
}

let current: Appearance | undefined;
const listeners = new Set<() => void>();

export function readAppearance(): Appearance {
  return (current ??= parseAppearance(localStorage.getItem(key)));
}

export function writeAppearance(patch: Partial<Appearance>) {
  current = { ...readAppearance(), ...patch };
  localStorage.setItem(key, JSON.stringify(current));
  applyAppearance(current);
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current choice, re-rendering when it changes. */
export function useAppearance(): Appearance {
  return useSyncExternalStore(subscribe, readAppearance);
}

/** A row-height token of styles.css in pixels (e.g. `--conv-row-h`), or `fallback` when unset. */
export function rowHeight(token: string, fallbackPx: number, root: Element = document.documentElement) {
  const px = parseFloat(getComputedStyle(root).getPropertyValue(token));
  return Number.isFinite(px) && px > 0 ? px : fallbackPx;
}

/** The row height a virtualised list gives each row under the current density. */
export function useRowHeight(token: string, fallbackPx: number): number {
  const { density } = useAppearance();
  // Read once per density (not per render: the inbox draws again every minute).
  return useMemo(() => (density ? rowHeight(token, fallbackPx) : fallbackPx), [density, token, fallbackPx]);
}

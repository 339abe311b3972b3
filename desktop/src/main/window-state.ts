// The main window's size, position and maximised state, kept between runs. Pure: callers pass the
// displays and the stored text, so it is tested without Electron.
import type { WindowState } from '@app/shared/ipc';

export type Rect = { x: number; y: number; width: number; height: number };

export const defaultWindowState: WindowState = { width: 1280, height: 820, maximized: false };
const minSize = { width: 900, height: 600 };

/** Parses stored state; anything unreadable gives the default. */
export function parseWindowState(text: string | null): WindowState {
  if (!text) return { ...defaultWindowState };
  try {
    const raw = JSON.parse(text) as Partial<Record<keyof WindowState, unknown>>;
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : undefined);
    const width = num(raw.width);
    const height = num(raw.height);
    const x = num(raw.x);
    const y = num(raw.y);
    return {
      width: Math.max(minSize.width, width ?? defaultWindowState.width),
      height: Math.max(minSize.height, height ?? defaultWindowState.height),
      maximized: raw.maximized === true,
      ...(x !== undefined && y !== undefined ? { x, y } : {}),
    };
  } catch {
    return { ...defaultWindowState };
  }
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Keeps the window on a display that still exists (a monitor may have been unplugged) and no larger
 * than the display's work area; without a position the window is centred by Electron.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const area = workAreas[0];
  if (!area) return state;
  const { x, y, ...rest } = state;
  if (x === undefined || y === undefined) {
    return { ...rest, width: Math.min(rest.width, area.width), height: Math.min(rest.height, area.height) };
  }
  const rect = { x, y, width: state.width, height: state.height };
  const display = workAreas.find((a) => overlaps(rect, a));
  if (!display)
    return { ...rest, width: Math.min(rest.width, area.width), height: Math.min(rest.height, area.height) };
  return {
    ...state,
    width: Math.min(state.width, display.width),
    height: Math.min(state.height, display.height),
  };
}

export function serializeWindowState(bounds: Rect, maximized: boolean): string {
  return JSON.stringify({ ...bounds, maximized } satisfies WindowState);
}

// A screen loaded on first use that can also be loaded ahead (`preload`, when the app is idle): once
// its chunk is in, the screen renders at once instead of suspending. A suspended screen shows the
// skeleton, and React holds back the content that replaces a fallback for up to 300 ms so reveals
// come together: opening Analytics waited on that even with its chunk already cached.
import { lazy, useState, type ComponentType } from 'react';

export type PreloadableScreen<P extends object> = ComponentType<P> & {
  /** Loads the chunk (once; again after a failure); resolves when the screen can render at once. */
  preload(): Promise<unknown>;
};

export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>): PreloadableScreen<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (screen) => (loaded = screen),
      (e: unknown) => {
        pending = undefined;
        throw e;
      },
    ));
  const Lazy = lazy(() => preload().then((screen) => ({ default: screen })));
  function Screen(props: P) {
    // Chosen once per mount: a chunk arriving while the lazy one shows does not remount the screen.
    const [Chosen] = useState(() => loaded ?? Lazy);
    return <Chosen {...props} />;
  }
  return Object.assign(Screen, { preload });
}

/** Runs `fn` when the main thread is idle (at the latest after `timeout` ms); answers a cancel. */
export function whenIdle(fn: () => void, timeout: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, Math.min(timeout, 1000));
  return () => clearTimeout(id);
}

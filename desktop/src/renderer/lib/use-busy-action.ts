// One action at a time on a card or a screen: `run` marks it busy (buttons disabled), clears the last
// message first (onStart), hands a failure to onError instead of throwing, and ends busy however it
// went. Settings cards, the model providers' list and the sign-in screen all run their actions so.
import { useState } from 'react';

export type BusyOptions = {
  /** Called as an action starts (clears the last notice or error). */
  onStart?: () => void;
  /** Called with what the action threw (shows it). */
  onError: (e: unknown) => void;
};

export type BusyAction = {
  busy: boolean;
  setBusy: (busy: boolean) => void;
  /** Runs `what` while busy; resolves true when it finished without a throw. */
  run: (what: () => Promise<unknown>) => Promise<boolean>;
};

/**
 * One action: busy on, onStart, `what`; a throw goes to onError; busy off however it went. Resolves
 * true when `what` finished without a throw. The hook's `run`, apart from React (tested alone).
 */
export async function runBusy(
  setBusy: (busy: boolean) => void,
  { onStart, onError }: BusyOptions,
  what: () => Promise<unknown>,
): Promise<boolean> {
  setBusy(true);
  onStart?.();
  try {
    await what();
    return true;
  } catch (e) {
    onError(e);
    return false;
  } finally {
    setBusy(false);
  }
}

export function useBusyAction(opts: BusyOptions): BusyAction {
  const [busy, setBusy] = useState(false);
  const run = (what: () => Promise<unknown>) => runBusy(setBusy, opts, what);
  return { busy, setBusy, run };
}

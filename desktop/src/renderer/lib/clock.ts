// The clock of screens that show relative times ("in 5 minutes", "overdue", "waiting 12 min"): a
// value re-read on an interval, so a screen left open stays true, and the rep's time zone.
import { useEffect, useMemo, useState } from 'react';
import { systemTimeZone } from '@app/shared/time';

export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

export const useTimeZone = () => useMemo(systemTimeZone, []);

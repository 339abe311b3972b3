// The Analytics screen's date range, remembered per device: a rep who reads the year's numbers opens
// the screen on the year next time. Only the named ranges are kept (a custom range starts over at
// 30 days); anything else stored is ignored.
import { ranges, type Range } from './analytics';

const key = 'sw.analytics.range';

export function storedRange(storage: Pick<Storage, 'getItem'> = localStorage): Range {
  const v = storage.getItem(key);
  return (ranges as readonly string[]).includes(v ?? '') ? (v as Range) : '30d';
}

export function rememberRange(range: Range | 'custom', storage: Pick<Storage, 'setItem'> = localStorage) {
  if (range !== 'custom') storage.setItem(key, range);
}

// Virtualised lists of rows of the density's height (lib/appearance.ts): the virtualizer over a
// scrolling element, measured again when the density changes; each row's absolute slot; and the
// space the rows stand in. The inbox, the leads table and the contacts lists use them alike.
import { useEffect, useRef, type CSSProperties, type ReactNode } from 'react';
import { useVirtualizer, type Virtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { useRowHeight } from './appearance';

/**
 * A virtualizer of `count` rows, each `token`'s height (a CSS variable, `fallbackPx` when unset),
 * drawing `overscan` rows beyond those in view; `parent` goes on the scrolling element.
 */
export function useRowsVirtualizer(count: number, token: string, fallbackPx: number, overscan: number) {
  const parent = useRef<HTMLDivElement>(null);
  const rowSize = useRowHeight(token, fallbackPx);
  const virtual = useVirtualizer({
    count,
    getScrollElement: () => parent.current,
    estimateSize: () => rowSize,
    overscan,
  });
  useEffect(() => virtual.measure(), [virtual, rowSize]);
  return { parent, virtual };
}

/** A row's place in the list: absolute, at its offset, its height. */
export const slotStyle = (item: VirtualItem): CSSProperties => ({
  position: 'absolute',
  top: 0,
  transform: `translateY(${item.start}px)`,
  height: item.size,
});

/** The list's full height, with the rows in view (of `rows`, in its order) drawn in it by `row`. */
export function VirtualSpace<T>({
  virtual,
  rows,
  row,
}: {
  virtual: Virtualizer<HTMLDivElement, Element>;
  rows: readonly T[];
  row: (value: T, item: VirtualItem) => ReactNode;
}) {
  return (
    <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
      {virtual.getVirtualItems().map((item) => row(rows[item.index]!, item))}
    </div>
  );
}

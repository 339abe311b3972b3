// A tab strip and the current tab's panel (Radix Tabs: role=tablist/tab/tabpanel wired by id, arrow
// keys move between tabs, Home/End to the ends). The panel shows the children for the current value.
import * as RTabs from '@radix-ui/react-tabs';
import type { ReactNode } from 'react';

export type TabItem<V extends string> = {
  value: V;
  label: ReactNode;
  testId?: string;
  className?: string;
  /** A short hint (the native title). */
  title?: string;
};

export function Tabs<V extends string>(p: {
  value: NoInfer<V>;
  onChange(v: NoInfer<V>): void;
  /** The strip's accessible name. */
  label: string;
  items: readonly TabItem<V>[];
  /** The strip's class (`tabs` unless given; the task list's is `tabs tasks-tabs`). */
  className?: string;
  panelClassName?: string;
  panelTestId?: string;
  children: ReactNode;
}) {
  return (
    <RTabs.Root value={p.value} onValueChange={(v) => p.onChange(v as V)}>
      <RTabs.List className={p.className ?? 'tabs'} aria-label={p.label}>
        {p.items.map((item) => (
          <RTabs.Trigger
            key={item.value}
            value={item.value}
            className={item.className}
            title={item.title}
            data-testid={item.testId}
          >
            {item.label}
          </RTabs.Trigger>
        ))}
      </RTabs.List>
      <RTabs.Content value={p.value} className={p.panelClassName} data-testid={p.panelTestId}>
        {p.children}
      </RTabs.Content>
    </RTabs.Root>
  );
}

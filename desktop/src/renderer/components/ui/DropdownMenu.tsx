// A menu of actions behind a button (Radix DropdownMenu: role=menu, arrow keys and typeahead move,
// Enter picks, Esc closes and gives the focus back to the button).
import * as RMenu from '@radix-ui/react-dropdown-menu';
import type { ReactElement, ReactNode } from 'react';

export type MenuItem = {
  label: ReactNode;
  onSelect(): void;
  /** A destructive item is red (and should open a ConfirmDialog). */
  danger?: boolean;
  disabled?: boolean;
  testId?: string;
};

export function DropdownMenu({
  trigger,
  items,
  align = 'end',
}: {
  /** The button that opens it (give it an aria-label when it shows only an icon). */
  trigger: ReactElement;
  items: MenuItem[];
  align?: 'start' | 'center' | 'end';
}) {
  return (
    <RMenu.Root modal={false}>
      <RMenu.Trigger asChild>{trigger}</RMenu.Trigger>
      <RMenu.Portal>
        <RMenu.Content className="menu" align={align} sideOffset={4} data-testid="menu">
          {items.map((item, i) => (
            <RMenu.Item
              key={i}
              className={item.danger ? 'menu-item danger' : 'menu-item'}
              disabled={item.disabled}
              onSelect={item.onSelect}
              data-testid={item.testId}
            >
              {item.label}
            </RMenu.Item>
          ))}
        </RMenu.Content>
      </RMenu.Portal>
    </RMenu.Root>
  );
}

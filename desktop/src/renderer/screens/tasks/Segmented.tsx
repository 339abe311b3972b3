// A row of pressed/unpressed buttons choosing one of a few values (the Tasks screen's list or calendar,
// the task list's scope, the calendar's week, month or agenda): one `aria-pressed` button per choice in
// a labelled group, each with its test id.
import type { ReactNode } from 'react';

export function Segmented<T extends string>({
  label,
  choices,
  value,
  onChoose,
  text,
  testId,
}: {
  /** The group's accessible name. */
  label?: string;
  choices: readonly T[];
  value: T;
  onChoose(choice: T): void;
  /** What a choice's button shows (words, an icon with words). */
  text(choice: T): ReactNode;
  testId(choice: T): string;
}) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {choices.map((c) => (
        <button
          key={c}
          type="button"
          className={value === c ? 'on' : ''}
          aria-pressed={value === c}
          onClick={() => onChoose(c)}
          data-testid={testId(c)}
        >
          {text(c)}
        </button>
      ))}
    </div>
  );
}

// A definition on demand (issue 64 item 8): an info icon whose text opens on hover, on keyboard focus
// and on a click or tap (which keeps it open), and closes on Escape, on leaving or on a click elsewhere.
// The text is always in the page, `hidden` while closed, and the button names it with
// aria-describedby, so a screen reader hears the definition with the button. It is placed across its
// card's head (info-tip.css), never wider than the card: nothing scrolls sideways on a phone.
import { Info } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import './info-tip.css';

export function InfoTip({
  label,
  children,
  testId,
}: {
  /** The button's name: what it explains (`What is Win rate?`). */
  label: string;
  /** The definition. */
  children: ReactNode;
  testId?: string;
}) {
  const id = useId();
  const [pinned, setPinned] = useState(false);
  const [hover, setHover] = useState(false);
  const [focused, setFocused] = useState(false);
  const shown = pinned || hover || focused;
  const close = () => {
    setPinned(false);
    setHover(false);
    setFocused(false);
  };
  return (
    <span className="info-tip" onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <button
        type="button"
        className="info-tip-button"
        aria-label={label}
        aria-describedby={id}
        aria-expanded={shown}
        onClick={() => setPinned(!pinned)}
        // A keyboard's focus shows the text; a pointer's focus comes with its click.
        onFocus={(e) => setFocused(e.currentTarget.matches(':focus-visible'))}
        onBlur={close}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && shown) {
            e.stopPropagation();
            close();
          }
        }}
        data-testid={testId}
      >
        <Info size={16} aria-hidden="true" />
      </button>
      <span
        role="tooltip"
        id={id}
        className="info-pop"
        hidden={!shown}
        data-testid={testId && `${testId}-text`}
      >
        {children}
      </span>
    </span>
  );
}

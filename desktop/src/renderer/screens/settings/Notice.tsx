// A card's answer to what the admin just did. A success ("Saved", "Invite created") is a toast
// (components/ui/Toast: green, read out by the polite live region); a failure stays in the card, in
// red, as an alert that screen readers announce at once, until the admin acts again.
import { useCallback, useState } from 'react';
import { useToast } from '../../components/ui/Toast';

export type NoticeState = { kind: 'success' | 'error'; text: string } | null;

/**
 * The card's inline notice (errors only) and the setter its actions call: a success goes to a toast
 * whose data-source is `source` (the card's notice test id) and clears an earlier error.
 */
export function useNotice(source: string): [NoticeState, (n: NoticeState) => void] {
  const toast = useToast();
  const [notice, setNotice] = useState<NoticeState>(null);
  const set = useCallback(
    (n: NoticeState) => {
      if (n?.kind === 'success') {
        toast({ text: n.text, kind: 'success', source });
        setNotice(null);
      } else setNotice(n);
    },
    [toast, source],
  );
  return [notice, set];
}

export function Notice({ notice, testId }: { notice: NoticeState; testId?: string }) {
  if (!notice) return null;
  return (
    <p
      className={`notice notice-${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid={testId}
      data-kind={notice.kind}
    >
      {notice.text}
    </p>
  );
}

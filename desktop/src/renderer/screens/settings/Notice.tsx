// A card's answer to what the admin just did: success in green, failure in red, announced to screen
// readers (role=status / role=alert).
export type NoticeState = { kind: 'success' | 'error'; text: string } | null;

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

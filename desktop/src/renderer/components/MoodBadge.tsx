// The customer's mood on a conversation (issue 62): a badge for an abusive or an angry customer, in the
// inbox row and the conversation header, with the reasons the mood reading gave on hover. Calm and
// happy customers get none.
import type { ConversationDoc } from '@app/shared/schemas';
import { useI18n } from '../i18n/i18n';

type Mood = Pick<ConversationDoc, 'mood' | 'angryCount' | 'priority'>;

/** Which badge a conversation shows: abuse first, then a negative mood; none otherwise. */
export function moodBadgeOf(c: Mood): 'abusive' | 'angry' | undefined {
  if (!c.mood) return undefined;
  if (c.mood.abuse !== 'none') return 'abusive';
  return c.mood.label === 'negative' && ((c.angryCount ?? 0) > 0 || c.mood.score <= -0.5)
    ? 'angry'
    : undefined;
}

function FaceIcon({ abusive }: { abusive: boolean }) {
  return (
    <svg aria-hidden="true" width="12" height="12" viewBox="0 0 16 16" fill="none" stroke="currentColor">
      <circle cx="8" cy="8" r="6.5" strokeWidth="1.4" />
      <path d="M5 11.2c1.6-1.4 4.4-1.4 6 0" strokeWidth="1.4" strokeLinecap="round" />
      <path
        d={abusive ? 'M4.6 5.2l2 1.2M11.4 5.2l-2 1.2' : 'M5.5 6.5h.01M10.5 6.5h.01'}
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function MoodBadge({ conv }: { conv: Mood }) {
  const { t } = useI18n();
  const kind = moodBadgeOf(conv);
  if (!kind || !conv.mood) return null;
  const reasons = (conv.mood.reasons ?? []).join('; ');
  const title =
    kind === 'abusive'
      ? t('mood.abusive.title', { severity: t(`mood.severity.${conv.mood.abuse}` as 'mood.severity.mild') })
      : t('mood.angry.title', { count: conv.angryCount ?? 1, reasons: reasons || '—' });
  return (
    <span className={`pill mood-${kind}`} title={title} data-testid={`mood-badge-${kind}`}>
      <FaceIcon abusive={kind === 'abusive'} />
      {t(`mood.${kind}`)}
    </span>
  );
}

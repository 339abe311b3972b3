// Asks why a deal was lost before it moves to a lost stage (board drop, table bulk move).
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';

export function LostReasonDialog(props: {
  title: string;
  initial: string;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState(props.initial);
  return (
    <div className="overlay" onMouseDown={props.onCancel}>
      <form
        className="dialog form"
        data-testid="lost-reason-dialog"
        onMouseDown={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) props.onConfirm(reason.trim());
        }}
      >
        <h2>{t('deal.lostTitle', { title: props.title })}</h2>
        <label>
          {t('deal.lostReason')}
          <textarea
            name="lostReason"
            required
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoFocus
          />
        </label>
        <div className="reply-actions">
          <button type="button" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" data-testid="lost-reason-save" disabled={!reason.trim()}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </div>
  );
}

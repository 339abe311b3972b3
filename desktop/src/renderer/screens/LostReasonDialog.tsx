// Asks why a deal was lost before it moves to a lost stage (board drop, table bulk move); Esc or a
// click outside cancels (the kit's Dialog).
import { useState } from 'react';
import { Dialog } from '../components/ui/Dialog';
import { useI18n } from '../i18n/i18n';
import { FormField } from '../components/ui/FormField';

export function LostReasonDialog(props: {
  title: string;
  initial: string;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState(props.initial);
  return (
    <Dialog
      onClose={props.onCancel}
      title={t('deal.lostTitle', { title: props.title })}
      testId="lost-reason-dialog"
      onSubmit={() => {
        if (reason.trim()) props.onConfirm(reason.trim());
      }}
    >
      <FormField label={t('deal.lostReason')}>
        <textarea
          name="lostReason"
          required
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </FormField>
      <div className="reply-actions">
        <button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="lost-reason-save" disabled={!reason.trim()}>
          {t('common.save')}
        </button>
      </div>
    </Dialog>
  );
}

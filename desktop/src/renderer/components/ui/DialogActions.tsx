// The closing row of a dialog or inline form: Cancel, then the primary Save button (issue 63: the same
// row stood written out in the board's quick add, the new-contact dialog, the quote builder and the task
// dialog). Save submits the form around it, or calls `onSave` when the row is not inside a form. The
// form's problem, when there is one, stands just above the row as an alert.
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

type Props = {
  onCancel: () => void;
  saveLabel: string;
  saveTestId: string;
  /** Save is disabled while the form is busy or not ready. */
  disabled?: boolean;
  /** Given: Save is a plain button that calls it; absent: Save submits the enclosing form. */
  onSave?: () => void;
  /** The row's layout class ('reply-actions' unless a screen lays it out its own way). */
  className?: string;
  /** Why the last save failed or cannot go ahead; shown above the row as an alert. */
  problem?: ReactNode;
  /** The problem in the smaller type of an inline form. */
  smallProblem?: boolean;
  problemTestId?: string;
};

export function DialogActions(props: Props) {
  const { problem, smallProblem, problemTestId } = props;
  return (
    <>
      {problem && (
        <p className={smallProblem ? 'error small' : 'error'} role="alert" data-testid={problemTestId}>
          {problem}
        </p>
      )}
      <ActionsRow {...props} />
    </>
  );
}

function ActionsRow({ onCancel, saveLabel, saveTestId, disabled, onSave, className }: Props) {
  const { t } = useI18n();
  return (
    <div className={className ?? 'reply-actions'}>
      <button type="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button
        type={onSave ? 'button' : 'submit'}
        className="primary"
        disabled={disabled}
        onClick={onSave}
        data-testid={saveTestId}
      >
        {saveLabel}
      </button>
    </div>
  );
}

// The pipeline settings' buttons (PipelineSettings.tsx): save, and delete (not the default pipeline
// nor one not yet created) after a confirmation.
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ui/Dialog';
import { useI18n } from '../../i18n/i18n';

export function PipelineActions({
  name,
  deletable,
  onSave,
  onDelete,
}: {
  name: string;
  deletable: boolean;
  onSave: () => void;
  onDelete: () => void;
}) {
  const { t } = useI18n();
  const [confirmDelete, setConfirmDelete] = useState(false);
  return (
    <div className="row">
      <button type="button" className="primary" onClick={onSave} data-testid="pipeline-save">
        {t('pipelines.save')}
      </button>
      {deletable && (
        <button
          type="button"
          className="danger"
          onClick={() => setConfirmDelete(true)}
          data-testid="pipeline-delete"
        >
          {t('pipelines.delete')}
        </button>
      )}
      {confirmDelete && (
        <ConfirmDialog
          title={t('pipelines.deleteConfirm', { name })}
          description={t('pipelines.deleteConfirm.body')}
          confirmLabel={t('pipelines.delete')}
          onConfirm={() => {
            setConfirmDelete(false);
            onDelete();
          }}
          onCancel={() => setConfirmDelete(false)}
          testId="pipeline-delete-confirm"
        />
      )}
    </div>
  );
}

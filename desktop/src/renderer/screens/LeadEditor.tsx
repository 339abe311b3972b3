// Edit one deal (or create one): title, pipeline and stage, contact and company pickers, owner (the
// team's members), the pipeline's custom fields as typed inputs (the deal page's, deal/DealFieldInputs.tsx),
// amount in the pipeline's currencies, expected close date, probability (the stage's unless set), source,
// next step, notes, lost reason (required in a lost stage), tags; all saved with the one Save. Shows values
// that lost a merge, so nobody's edit disappears silently, changes agents proposed, the deal's quote and
// commercial proposals (DealQuote), the objections raised and the timeline. A modal dialog (Radix):
// its header shows the stage steps (a click moves the deal), amount, contact and conversation and
// owner; the body scrolls under it and the footer with Save stays in view; Esc or a click outside
// closes it, asking first when there are unsaved changes. The contact is picked by search. The state
// and the save are deal/useDealEditor.ts, the head and the fields deal/DealParts.tsx. The quick edit of
// `#/leads/<id>`; the deal's own page is DealPage.tsx (`#/deals/<id>`), linked from here.
import { DealObjections } from '../components/DealObjections';
import { DealQuote } from '../components/DealQuote';
import { DealSocial } from '../components/DealSocial';
import { DealTimeline } from '../components/DealTimeline';
import { DealVendors } from '../components/DealVendors';
import { ConfirmDialog, Dialog } from '../components/ui/Dialog';
import { useI18n } from '../i18n/i18n';
import { CustomFieldInputs } from './deal/DealFieldInputs';
import { DealHead, DealHistory, DealMainFields, DealMoreFields } from './deal/DealParts';
import { DealTasks } from './deal/DealTasks';
import { useDealEditor, type DealEditorProps } from './deal/useDealEditor';
import { LeadProposals } from './LeadProposals';
import './deals.css';

export function LeadEditor(props: DealEditorProps) {
  const { t } = useI18n();
  const editor = useDealEditor(props);
  const { isNew, lead, form, loading, problems, shown, requestClose } = editor;
  return (
    <Dialog
      onClose={requestClose}
      title={isNew ? t('leads.new') : (lead?.title ?? form.title)}
      className="dialog wide deal-dialog"
      testId="lead-editor"
      onSubmit={() => void editor.save()}
      initialFocus={editor.titleRef}
      onEscape={(e) => {
        // Esc in the open contact list closes the list, not the dialog.
        if (e.target instanceof Element && e.target.closest('.combobox[data-open]')) e.preventDefault();
      }}
    >
      <DealHead editor={editor} />
      <div className="deal-scroll">
        {!isNew && (
          <a href={`#/deals/${encodeURIComponent(props.id)}`} className="small" data-testid="deal-open-page">
            {t('dealPage.open')}
          </a>
        )}
        {loading && (
          <p className="muted" data-testid="deal-loading">
            {t('deal.loading')}
          </p>
        )}
        {!isNew && <LeadProposals lead={lead} />}
        <DealMainFields editor={editor} pipelines={props.pipelines} />
        <CustomFieldInputs
          pipelineId={form.pipelineId}
          pipelines={props.pipelines}
          custom={editor.custom}
          invalid={shown ? editor.customProblems : undefined}
        />
        <DealMoreFields editor={editor} />
        {shown && (problems.length > 0 || editor.customProblems.length > 0) && (
          <p className="error" data-testid="deal-problems">
            {[
              ...problems.map((p) => t(`deal.${p}`)),
              ...(editor.customProblems.length ? [t('dealPage.numberInvalid')] : []),
            ].join(' ')}
          </p>
        )}
        {!isNew && lead && <DealTasks lead={lead} />}
        <DealHistory history={lead?.history} />
        {!isNew && lead && <DealQuote lead={lead} onUseTotal={editor.useAmount} />}
        {!isNew && lead && <DealVendors lead={lead} />}
        {!isNew && lead && <DealSocial lead={lead} />}
        {!isNew && lead && <DealObjections lead={lead} />}
        {!isNew && lead && <DealTimeline lead={lead} />}
      </div>
      <div className="reply-actions deal-footer">
        <button type="button" onClick={requestClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="lead-save" disabled={loading}>
          {t('common.save')}
        </button>
      </div>
      {editor.discarding && (
        <ConfirmDialog
          title={t('deal.discardTitle')}
          description={t('deal.discardText')}
          confirmLabel={t('deal.discard')}
          onCancel={() => editor.setDiscarding(false)}
          onConfirm={editor.close}
          testId="deal-discard"
        />
      )}
    </Dialog>
  );
}

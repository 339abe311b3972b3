// A deal's own page (`#/deals/<id>`, issue 64), as HubSpot, Twenty and Kommo have one: a link that works
// when pasted or reloaded; its head (amount, contact, conversation, owner, the stage steps); a record
// page as HubSpot's and Twenty's: a left column of properties (the deal's fields, the pipeline's custom
// fields right under the main ones, typed: number, date, money, text) saved in place, each as the rep
// leaves it, presses Enter or picks a value, with a quiet "Saved" and no Save button; a value that cannot
// be saved stays as typed with why (deal/useSaveInPlace.ts); the main column beside it at 1440 px
// (under it on a phone, properties first) holds the work: the proposals, the quote, whose total becomes
// the deal's amount in one click, tasks, vendors, social report, objections and timeline. The state is deal/useDealEditor.ts, shared with the quick-edit dialog
// (LeadEditor.tsx at `#/leads/<id>`).
import { ArrowLeft } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { DealObjections } from '../components/DealObjections';
import { DealQuote } from '../components/DealQuote';
import { DealSocial } from '../components/DealSocial';
import { DealTimeline } from '../components/DealTimeline';
import { DealVendors } from '../components/DealVendors';
import { usePipelineList, useChosenPipeline } from '../data/pipelines';
import { useI18n } from '../i18n/i18n';
import { CustomFieldInputs } from './deal/DealFieldInputs';
import { DealHead, DealHistory, DealMainFields, DealMoreFields } from './deal/DealParts';
import { DealTasks } from './deal/DealTasks';
import { useDealEditor, type DealEditorProps } from './deal/useDealEditor';
import { saveStateText, useSaveInPlace } from './deal/useSaveInPlace';
import { LeadProposals } from './LeadProposals';
import './deals.css';
import './deal-page.css';

export function DealPage({ id }: { id?: string | undefined }) {
  const { pipelines, loading } = usePipelineList();
  const [pipeline] = useChosenPipeline(pipelines);
  // The deal's pipeline is read before its form is: a deal of a pack's pipeline is never shown in the
  // default one's stages for a moment.
  if (!id || loading) return <DealPending />;
  return <DealPageBody key={id} id={id} pipelines={pipelines} defaultPipeline={pipeline} stay />;
}

/** Loading, and after a while a word that the deal may not be on this device (it keeps waiting). */
function DealPending({ long = false }: { long?: boolean }) {
  const { t } = useI18n();
  const [late, setLate] = useState(long);
  useEffect(() => {
    const timer = setTimeout(() => setLate(true), 8_000);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="page deal-page">
      <BackLink />
      <p className="muted" data-testid={late ? 'deal-page-missing' : 'deal-loading'}>
        {late ? t('dealPage.notFound') : t('deal.loading')}
      </p>
    </div>
  );
}

function BackLink() {
  const { t } = useI18n();
  return (
    <a href="#/leads" className="stack-back deal-page-back" aria-label={t('dealPage.backLabel')}>
      <ArrowLeft size={14} aria-hidden="true" /> {t('dealPage.back')}
    </a>
  );
}

function DealPageBody(props: DealEditorProps) {
  const { t } = useI18n();
  const editor = useDealEditor(props);
  const formRef = useRef<HTMLFormElement>(null);
  const { state, formProps } = useSaveInPlace(editor, formRef);
  const { lead, custom, form, shown, customProblems } = editor;
  if (!lead) return <DealPending />;
  const status = saveStateText(t, state);
  const trouble = state.kind === 'failed' || state.kind === 'held';
  return (
    <div className="page deal-page" data-testid="deal-page">
      <header className="deal-page-top">
        <BackLink />
        <h1 data-testid="deal-page-title">{lead.title}</h1>
      </header>
      <DealHead editor={editor} />
      <div className="deal-page-grid">
        <form
          ref={formRef}
          id="deal-page-form"
          className="panel deal-page-fields"
          aria-label={t('dealPage.details')}
          aria-describedby="deal-page-hint"
          {...formProps}
        >
          <div className="deal-page-fields-head">
            <h2>{t('dealPage.details')}</h2>
            <span
              className={trouble ? 'error small' : 'muted small'}
              role={trouble ? 'alert' : 'status'}
              data-testid="deal-page-status"
            >
              {status}
            </span>
          </div>
          <p className="muted small" id="deal-page-hint">
            {t('dealPage.editHint')}
          </p>
          <DealMainFields editor={editor} pipelines={props.pipelines} />
          <CustomFieldInputs
            pipelineId={form.pipelineId}
            pipelines={props.pipelines}
            custom={custom}
            invalid={shown ? customProblems : undefined}
          />
          <DealMoreFields editor={editor} />
        </form>
        <div className="deal-page-side" role="region" aria-label={t('dealPage.work')}>
          <LeadProposals lead={lead} />
          <div className="panel">
            <DealQuote lead={lead} onUseTotal={editor.useAmount} />
          </div>
          <DealTasks lead={lead} className="panel" />
          <DealVendors lead={lead} />
          <DealSocial lead={lead} />
          <DealObjections lead={lead} />
          <DealHistory history={lead.history} />
          <div className="panel">
            <DealTimeline lead={lead} />
          </div>
        </div>
      </div>
    </div>
  );
}

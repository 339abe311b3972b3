// The contact record's deals and conversations (issue 64): each deal with its stage and amount (in the
// deal's currency, the team's pipeline currency by default) and a link to the deal; each conversation with
// its channel, state and last message, linked to the inbox; each block shows once it has something
// (ContactNextSteps.tsx says what comes first). A deal added here or there (AddDealButton) is the contact's,
// in the pipeline the team's board opens on (a pack's, once applied).
import {
  DEFAULT_PIPELINE_ID,
  type ContactDoc,
  type ConversationDoc,
  type LeadDoc,
} from '@app/shared/schemas';
import { findPipeline, findStage } from '@app/shared/crm';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useToast } from '../../components/ui/Toast';
import { useWorkspace } from '../../data/hooks';
import { createDeal } from '../../data/new-deal';
import { stageLabel, teamBoardPipeline, usePipelines } from '../../data/pipelines';
import { errorText } from '../../i18n/error-text';
import { useFormat, useI18n } from '../../i18n/i18n';
import { channelLabel } from '../../i18n/labels';
import { navigate } from '../../lib/router';

/**
 * Adds a deal with the contact, in the pipeline the team's board opens on (a pack's, once applied), in
 * its first open stage, and opens it; a failure is said in a toast.
 */
function useAddDeal(contact: ContactDoc, name: string) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const toast = useToast();
  const pipelines = usePipelines();
  const [adding, setAdding] = useState(false);
  const add = async () => {
    const pipeline = teamBoardPipeline(pipelines);
    if (adding) return;
    setAdding(true);
    try {
      const id = await createDeal(ws, {
        title: t('contactRecord.newDealTitle', { name }).slice(0, 300),
        contactId: contact.id,
        pipelineId: pipeline.id,
        stage: (pipeline.stages.find((s) => s.kind === 'open') ?? pipeline.stages[0])!.id,
        source: { channel: 'manual' },
        ...(ws.session.userId ? { ownerId: ws.session.userId } : {}),
      });
      ws.sync.syncNow();
      navigate('leads', id);
    } catch (e) {
      toast({
        text: t('settings.failed', { message: errorText(t, e) }),
        kind: 'error',
        source: 'contact-deal',
      });
      setAdding(false);
    }
  };
  return { add, adding };
}

/** "Add deal" for the contact: a deal of theirs, opened at once (the deals block and the next steps). */
export function AddDealButton(p: { contact: ContactDoc; name: string; withIcon?: boolean }) {
  const { t } = useI18n();
  const { add, adding } = useAddDeal(p.contact, p.name);
  return (
    <button
      type="button"
      className="link"
      onClick={() => void add()}
      disabled={adding}
      data-testid="contact-add-deal"
    >
      {p.withIcon && (
        <>
          <Plus size={14} aria-hidden="true" />{' '}
        </>
      )}
      {t('contactRecord.addDeal')}
    </button>
  );
}
/** The contact's deals (the block shows once there is one; ContactNextSteps offers the first). */
export function ContactDeals({
  contact,
  leads,
  name,
}: {
  contact: ContactDoc;
  leads: LeadDoc[];
  name: string;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  const pipelines = usePipelines();
  const sorted = [...leads].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const add = <AddDealButton contact={contact} name={name} withIcon />;
  return (
    <section className="panel" data-testid="contact-deals">
      <h3 className="record-head">
        {t('contactRecord.deals')} {add}
      </h3>
      {sorted.length > 0 && (
        <ul className="record-list">
          {sorted.map((lead) => {
            const pipeline = findPipeline(pipelines, lead.pipelineId ?? DEFAULT_PIPELINE_ID);
            const stage = pipeline && findStage(pipeline, lead.stage);
            return (
              <li key={lead.id} data-testid="contact-deal">
                <a href={`#/deals/${encodeURIComponent(lead.id)}`}>{lead.title}</a>
                <span className="record-meta">
                  <span className="stage-pill">{stage ? stageLabel(t, stage) : lead.stage}</span>
                  <span className={lead.value ? 'amount' : 'muted'}>
                    {lead.value
                      ? fmt.money(lead.value.amount, lead.value.currency)
                      : t('contactRecord.noAmount')}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The contact's conversations (the block shows once there is one). */
export function ContactConversations({ conversations }: { conversations: ConversationDoc[] }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const sorted = [...conversations].sort((a, b) =>
    (b.lastMessageAt ?? '').localeCompare(a.lastMessageAt ?? ''),
  );
  return (
    <section className="panel" data-testid="contact-conversations">
      <h3>{t('contactRecord.conversations')}</h3>
      {sorted.length > 0 && (
        <ul className="record-list">
          {sorted.map((c) => (
            <li key={c.id} data-testid="contact-conversation">
              <a href={`#/inbox/${encodeURIComponent(c.id)}`}>
                {channelLabel(t, c.channel)}
                {c.lastMessageAt ? ` · ${fmt.dateTime(c.lastMessageAt)}` : ''}
              </a>
              <span className="record-meta">
                <span className="stage-pill">{t(`contactRecord.conversationStatus.${c.status}`)}</span>
              </span>
              {c.lastMessagePreview && (
                <span className="muted small record-preview">{c.lastMessagePreview}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

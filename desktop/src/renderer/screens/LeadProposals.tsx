// Lead changes an agent proposed (won/lost, deal value, owner) that wait for a rep, shown where reps
// look (the conversation and the lead dialog) with Approve and Reject. Deciding writes the lead through
// the normal local write path (RxDB, replicated like any edit of the rep's): approving sets the fields.
import { decideLeadProposal, pendingProposals, type LeadDoc, type LeadProposal } from '@app/shared/schemas';
import { findPipeline, pipelineIdOf, stageLike } from '@app/shared/crm';
import { useWorkspace } from '../data/hooks';
import { usePipelines } from '../data/pipelines';
import { recordStageChange } from '../data/stage-changes';
import { updateDoc } from '../data/workspace';
import { useFormat, useI18n } from '../i18n/i18n';

function ChangeText({ changes }: { changes: LeadProposal['changes'] }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const parts = [
    changes.stage ? t('proposals.stage', { stage: t(`stage.${changes.stage}`) }) : undefined,
    changes.value
      ? t('proposals.value', { amount: fmt.money(changes.value.amount, changes.value.currency) })
      : undefined,
    changes.ownerId ? t('proposals.owner', { owner: changes.ownerId }) : undefined,
    changes.lostReason ? t('proposals.lostReason', { reason: changes.lostReason }) : undefined,
  ].filter(Boolean);
  return <span>{parts.join(' · ')}</span>;
}

export function LeadProposals({ lead }: { lead: LeadDoc | null | undefined }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const pipelines = usePipelines();
  const pending = lead ? pendingProposals(lead) : [];
  if (!lead || pending.length === 0) return null;
  const decide = async (proposalId: string, decision: 'approved' | 'rejected') => {
    const by = ws.session.userId ?? ws.session.email ?? 'rep';
    const patch = decideLeadProposal(lead, proposalId, decision, by, new Date().toISOString());
    // Agents speak the default stages: a won or lost in a team's own pipeline is its won or lost stage.
    // (A pipeline not replicated here yet: the stage goes as proposed, and the server judges it.)
    const pipeline = findPipeline(pipelines, pipelineIdOf(lead));
    if (patch?.stage && pipeline) {
      const stage = stageLike(pipeline, patch.stage);
      if (stage) patch.stage = stage;
      else delete patch.stage;
    }
    if (patch) await updateDoc(ws, 'leads', lead.id, patch);
    if (patch?.stage) await recordStageChange(ws, lead, { ...lead, ...patch } as never, 'proposal');
  };
  return (
    <section className="proposals" data-testid="lead-proposals">
      <h3>{t('proposals.title')}</h3>
      <p className="muted small">{t('proposals.hint')}</p>
      <ul>
        {pending.map((p) => (
          <li key={p.id} data-testid="lead-proposal">
            <ChangeText changes={p.changes} />
            <span className="muted small"> {t('proposals.when', { time: fmt.dateTime(p.createdAt) })}</span>
            <span className="actions">
              <button type="button" className="primary" onClick={() => void decide(p.id, 'approved')}>
                {t('proposals.approve')}
              </button>
              <button type="button" onClick={() => void decide(p.id, 'rejected')}>
                {t('proposals.reject')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

// The team's board pipeline (issue 64 item 3): under the pipeline an admin edits, whether every
// member's board opens on it (PUT /api/v1/pipelines/:id/primary; unticked: the default pipeline's).
// A member's own pick on a device still wins there; the admin's device follows the new choice.
import { useState } from 'react';
import { useToast } from '../../components/ui/Toast';
import { useWorkspace } from '../../data/hooks';
import { followTeamPipeline, pipelineLabel, teamBoardPipeline, usePipelines } from '../../data/pipelines';
import { mayDo } from '../../data/role';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { useBusyAction } from '../../lib/use-busy-action';
import './board-pipeline-choice.css';

export function BoardPipelineChoice({ pipelineId }: { pipelineId: string }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const pipelines = usePipelines();
  const toast = useToast();
  const [failed, setFailed] = useState<string | null>(null);
  const board = teamBoardPipeline(pipelines);
  // What the admin ticked shows at once; the flag itself arrives with the pipelines' replication.
  const [ticked, setTicked] = useState<{ on: boolean; was: string; of: string } | null>(null);
  const checked =
    ticked && ticked.was === board.id && ticked.of === pipelineId ? ticked.on : board.id === pipelineId;
  const { busy, run } = useBusyAction({
    onStart: () => setFailed(null),
    onError: (e) => {
      setTicked(null);
      setFailed(t('settings.failed', { message: errorText(t, e) }));
    },
  });
  const choose = (on: boolean) => {
    const id = on ? pipelineId : 'default';
    setTicked({ on, was: board.id, of: pipelineId });
    return run(async () => {
      await ws.api.put(`/pipelines/${encodeURIComponent(id)}/primary`);
      followTeamPipeline();
      ws.sync.syncNow();
      const chosen = pipelines.find((p) => p.id === id);
      toast({ text: t('pipelines.primarySaved', { name: chosen ? pipelineLabel(t, chosen) : id }) });
    });
  };
  return (
    <p className="board-pipeline-choice">
      <label className="check">
        <input
          type="checkbox"
          checked={checked}
          disabled={busy || !mayDo(ws.role, 'pipelines', 'update')}
          onChange={(e) => void choose(e.target.checked)}
          data-testid="pipeline-primary"
        />
        {t('pipelines.primary')}
      </label>
      {failed && <span className="error small"> {failed}</span>}
    </p>
  );
}

// Saving and deleting a pipeline from its settings (PipelineSettings.tsx) through the admin API: a new
// one is created and chosen; a changed one is saved with where the removed stages' deals go, and the
// message says how many deals moved; a refusal is shown with its reason in the UI's language.
import { useState } from 'react';
import type { PipelineDoc } from '@app/shared/schemas';
import { useToast } from '../../components/ui/Toast';
import { useWorkspace } from '../../data/hooks';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { draftOf, NEW, saveBody, type Draft } from './pipeline-draft';
import type { usePipelineDraft } from './usePipelineDraft';

export type PipelineMessage = { ok: boolean; text: string };

export function usePipelineSave(form: ReturnType<typeof usePipelineDraft>) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const toast = useToast();
  const [moveTo, setMoveTo] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<PipelineMessage | null>(null);
  const { selected, original } = form;
  const failed = (e: unknown) =>
    setMessage({ ok: false, text: t('settings.failed', { message: errorText(t, e) }) });

  const save = async (draft: Draft) => {
    setMessage(null);
    const body = saveBody(t, draft, original, selected);
    try {
      if (selected === NEW) {
        const created = await ws.api.post<PipelineDoc>('/pipelines', body);
        form.setSelected(created.id);
        form.setDraft(draftOf(t, created));
        setMessage({ ok: true, text: t('pipelines.saved', { n: 0 }) });
      } else {
        const moves = Object.fromEntries(Object.entries(moveTo).filter(([, v]) => v));
        const res = await ws.api.patch<{ movedLeads: number }>(`/pipelines/${encodeURIComponent(selected)}`, {
          ...body,
          ...(Object.keys(moves).length ? { moveTo: moves } : {}),
        });
        setMoveTo({});
        setMessage({ ok: true, text: t('pipelines.saved', { n: res.movedLeads }) });
      }
      ws.sync.syncNow();
    } catch (e) {
      failed(e);
    }
  };

  const remove = async (name: string) => {
    try {
      await ws.api.delete(`/pipelines/${encodeURIComponent(selected)}`);
      form.setSelected('default');
      form.setDraft(null);
      ws.sync.syncNow();
      toast({ text: t('pipelines.deleted', { name }) });
    } catch (e) {
      failed(e);
    }
  };

  /** Chooses another pipeline: its draft afresh, no moves, no message. */
  const choose = (id: string) => {
    form.choose(id);
    setMoveTo({});
    setMessage(null);
  };
  return { save, remove, choose, moveTo, setMoveTo, message };
}

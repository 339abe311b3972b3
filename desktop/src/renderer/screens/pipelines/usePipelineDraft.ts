// The pipeline settings' form state (PipelineSettings.tsx): which pipeline is chosen and its draft,
// which follows the stored pipeline while the admin has not changed it.
import { useEffect, useRef, useState } from 'react';
import type { PipelineDoc } from '@app/shared/schemas';
import { usePipelines } from '../../data/pipelines';
import { useI18n } from '../../i18n/i18n';
import { draftOf, NEW, newDraft, type Draft } from './pipeline-draft';

export function usePipelineDraft() {
  const { t } = useI18n();
  const pipelines = usePipelines();
  const [selected, setSelected] = useState('default');
  const [draft, setDraft] = useState<Draft | null>(null);
  const original = pipelines.find((p) => p.id === selected);

  // The form follows the stored pipeline while the admin has not changed it: the built-in default
  // stands in until the team's own default pipeline has replicated (with its currencies, e.g. RUB
  // first, which new deals take), and an edit made elsewhere shows up too.
  const [base, setBase] = useState<string | null>(null);
  const baseDoc = useRef<PipelineDoc | undefined>(undefined);
  useEffect(() => {
    if (selected === NEW || !original) return;
    const version = `${original.id}|${original.updatedAt}`;
    if (draft && draft.id === original.id && version === base) return;
    const was = baseDoc.current;
    const untouched =
      !draft ||
      draft.id !== original.id ||
      (was !== undefined && JSON.stringify(draftOf(t, was)) === JSON.stringify(draft));
    baseDoc.current = original;
    setBase(version);
    if (untouched) setDraft(draftOf(t, original));
  }, [selected, original, draft, base, t]);

  /** Chooses a pipeline (or NEW) and starts its draft afresh. */
  const choose = (id: string) => {
    setSelected(id);
    const p = pipelines.find((x) => x.id === id);
    setDraft(p ? draftOf(t, p) : newDraft(t, pipelines));
  };
  return { pipelines, selected, setSelected, draft, setDraft, original, choose };
}

// The deal editor's state: the form (loaded once from the deal, then the rep's), what changed since,
// the stage moves, the checks and the save. LeadEditor.tsx lays it out (deal/DealHead, deal/DealFields).
import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { findPipeline, findStage } from '@app/shared/crm';
import { newId } from '@app/shared/ids';
import type { PipelineDoc } from '@app/shared/schemas';
import { useLiveDoc, useLiveQuery, useWorkspace } from '../../data/hooks';
import { useMembers } from '../../data/members';
import { createDeal } from '../../data/new-deal';
import { recordStageChange } from '../../data/stage-changes';
import { insertDocs, moveLead, updateDoc, type Workspace } from '../../data/workspace';
import {
  checkForm,
  emptyForm,
  fieldsOf,
  formOf,
  NEW_CONTACT,
  patchOf,
  type DealForm,
} from '../../lib/deal-form';
import { navigate } from '../../lib/router';

export type DealEditorProps = { id: string; pipelines: PipelineDoc[]; defaultPipeline: PipelineDoc };

/** A new deal as the form has it, with its contact made first when the rep named a new one. */
async function createFromForm(ws: Workspace, form: DealForm, now: string) {
  let contactId = form.contactId;
  if (contactId === NEW_CONTACT) {
    contactId = newId('contact');
    await insertDocs(ws, 'contacts', [
      {
        id: contactId,
        name: form.contactName.trim(),
        ...(form.company.trim() ? { company: form.company.trim() } : {}),
        identities: [],
        optOut: false,
        agentAccess: 'default',
        twin: { facts: [] },
        createdAt: now,
        updatedAt: now,
      },
    ]);
  }
  const fields = Object.fromEntries(
    Object.entries(fieldsOf({ ...form, contactId })).filter(([, v]) => v !== undefined),
  );
  await createDeal(ws, fields as never, 'editor');
}

export function useDealEditor(props: DealEditorProps) {
  const ws = useWorkspace();
  const isNew = props.id === 'new';
  const lead = useLiveDoc('leads', isNew ? undefined : props.id);
  const { docs: contacts } = useLiveQuery('contacts', { limit: 2000 });
  const members = useMembers();
  const me = ws.session.userId ?? '';
  // A new deal starts without a contact; one is made only when the rep names it.
  const [blank, setBlank] = useState<DealForm>(() => emptyForm(props.defaultPipeline, me));
  const [form, setForm] = useState<DealForm>(blank);
  const [discarding, setDiscarding] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  // The form as first loaded: only fields the rep changed since are written, so a change that another
  // rep made meanwhile (replicated into `lead`) is never overwritten by a stale form value.
  const [initial, setInitial] = useState<DealForm | null>(null);
  const [shown, setShown] = useState(false);

  useEffect(() => {
    if (!lead || initial) return;
    const pipeline = findPipeline(props.pipelines, lead.pipelineId ?? 'default') ?? props.defaultPipeline;
    const loaded = formOf(lead, pipeline);
    setInitial(loaded);
    setForm(loaded);
  }, [lead, initial, props.pipelines, props.defaultPipeline]);

  const pipeline = findPipeline(props.pipelines, form.pipelineId) ?? props.defaultPipeline;
  // A new deal is in its pipeline's first currency until the rep picks one: the built-in default
  // pipeline (USD) stands in until the team's own has been read, whose first may be another (RUB).
  const currencyPicked = useRef(false);
  const mainCurrency = pipeline.currencies[0];
  useEffect(() => {
    if (!isNew || currencyPicked.current || !mainCurrency || form.currency === mainCurrency) return;
    setForm((f) => ({ ...f, currency: mainCurrency }));
    setBlank((b) => (b.pipelineId === form.pipelineId ? { ...b, currency: mainCurrency } : b));
  }, [isNew, mainCurrency, form.currency, form.pipelineId]);
  const stage = findStage(pipeline, form.stage);
  const problems = checkForm(form, pipeline);
  // An existing deal is not editable before it has loaded from the local database (it may still be
  // replicating): what a rep typed into the empty form would be replaced when it arrived.
  const loading = !isNew && !initial;
  const sortedContacts = useMemo(
    () => [...contacts].sort((a, b) => a.name.localeCompare(b.name)),
    [contacts],
  );

  const close = () => navigate('leads');
  const dirty = isNew
    ? JSON.stringify(form) !== JSON.stringify(blank)
    : !!initial && Object.keys(patchOf(initial, form, '')).length > 0;
  const set = (k: keyof DealForm, v: string) => {
    if (k === 'currency') currencyPicked.current = true;
    const next = { ...form, [k]: v };
    // A pipeline change starts the deal in the new pipeline's first open stage.
    if (k === 'pipelineId') {
      const p = findPipeline(props.pipelines, v) ?? props.defaultPipeline;
      next.stage = (p.stages.find((s) => s.kind === 'open') ?? p.stages[0])!.id;
      // And in its currency, unless the deal's is one of the new pipeline's too.
      if (!p.currencies.includes(next.currency)) next.currency = p.currencies[0] ?? next.currency;
    }
    if (k === 'contactId' && !form.company) {
      const c = contacts.find((x) => x.id === v);
      if (c?.company) next.company = c.company;
    }
    setForm(next);
  };
  return {
    isNew,
    lead,
    contacts,
    sortedContacts,
    members,
    me,
    form,
    set,
    /** A field's props: its value, disabled while loading, and its change. */
    field: (k: keyof DealForm) => ({
      name: k,
      value: form[k],
      disabled: loading,
      onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
        set(k, e.target.value),
    }),
    pipeline,
    stage,
    problems,
    shown,
    loading,
    titleRef,
    discarding,
    setDiscarding,
    close,
    /** Esc, a click outside or Cancel: gone at once without changes, else after asking. */
    requestClose: () => (dirty ? setDiscarding(true) : close()),
    /**
     * A click on a stage step: an existing deal moves at once (and its timeline records it), as on the
     * board; a new deal, a move to a lost stage (it needs the reason) or one after a pipeline change
     * sets the form's stage, saved with the rest.
     */
    async moveTo(stageId: string) {
      if (stageId === form.stage) return;
      const kind = findStage(pipeline, stageId)?.kind;
      if (isNew || !lead || !initial || kind === 'lost' || form.pipelineId !== initial.pipelineId) {
        set('stage', stageId);
        return;
      }
      await moveLead(ws, lead.id, stageId, undefined, 'editor');
      setInitial({ ...initial, stage: stageId });
      setForm((f) => ({ ...f, stage: stageId }));
    },
    async save() {
      setShown(true);
      if (problems.length) return;
      const now = new Date().toISOString();
      if (isNew) await createFromForm(ws, form, now);
      else if (lead && initial) {
        const patch = patchOf(initial, form, now);
        if (Object.keys(patch).length) await updateDoc(ws, 'leads', lead.id, patch);
        if (patch.stageChangedAt) await recordStageChange(ws, lead, { ...lead, ...patch } as never, 'editor');
      }
      close();
    },
  };
}

export type DealEditor = ReturnType<typeof useDealEditor>;

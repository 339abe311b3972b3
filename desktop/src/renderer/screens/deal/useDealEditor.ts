// The deal editor's state: the form (loaded from the deal, then the rep's; reloaded from the deal while
// the rep has changed nothing), the pipeline's custom fields, what changed since, the stage moves, the
// checks, the save and the amount set from the quote. LeadEditor.tsx (the quick-edit dialog) and
// DealPage.tsx (the deal's own page, `stay`: a save keeps it open) lay it out.
import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type Dispatch,
  type SetStateAction,
} from 'react';
import { findPipeline, findStage } from '@app/shared/crm';
import { newId } from '@app/shared/ids';
import type { LeadDoc, PipelineDoc } from '@app/shared/schemas';
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
  type DealProblem,
} from '../../lib/deal-form';
import { navigate } from '../../lib/router';
import { customProblemsOf } from './custom-field-values';
import { useCustomFields } from './useCustomFields';

/** What holds a save back: the form's checks (deal-form.ts) and an empty title. */
export type DealEditorProblem = DealProblem | 'titleRequired';

const sameForm = (a: DealForm, b: DealForm) => JSON.stringify(a) === JSON.stringify(b);

export type DealEditorProps = {
  id: string;
  pipelines: PipelineDoc[];
  defaultPipeline: PipelineDoc;
  /** The deal's page: a save stays on it (the dialog closes). */
  stay?: boolean;
};

/** A new deal as the form has it, with its contact made first when the rep named a new one. */
async function createFromForm(ws: Workspace, form: DealForm, now: string, custom: Record<string, string>) {
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
  const customFields = Object.fromEntries(Object.entries(custom).filter(([, v]) => v.trim()));
  if (Object.keys(customFields).length) fields.customFields = customFields;
  await createDeal(ws, fields as never, 'editor');
}

/**
 * A new deal is in its pipeline's first currency until the rep picks one: the built-in default
 * pipeline (USD) stands in until the team's own has been read, whose first may be another (RUB).
 * Returns the flag the form's setter raises once the rep picks a currency.
 */
function useNewDealCurrency(
  isNew: boolean,
  pipeline: PipelineDoc,
  form: DealForm,
  setForm: Dispatch<SetStateAction<DealForm>>,
  setBlank: Dispatch<SetStateAction<DealForm>>,
) {
  const currencyPicked = useRef(false);
  const mainCurrency = pipeline.currencies[0];
  useEffect(() => {
    if (!isNew || currencyPicked.current || !mainCurrency || form.currency === mainCurrency) return;
    setForm((f) => ({ ...f, currency: mainCurrency }));
    setBlank((b) => (b.pipelineId === form.pipelineId ? { ...b, currency: mainCurrency } : b));
  }, [isNew, mainCurrency, form.currency, form.pipelineId]);
  return currencyPicked;
}

/**
 * The form with one field changed, and what follows from it: a pipeline change starts the deal in the
 * new pipeline's first open stage (and its currency, unless the deal's is one of its too); a contact
 * picked fills an empty company with theirs.
 */
function nextForm(
  form: DealForm,
  k: keyof DealForm,
  v: string,
  props: DealEditorProps,
  contacts: readonly { id: string; company?: string | undefined }[],
): DealForm {
  const next = { ...form, [k]: v };
  if (k === 'pipelineId') {
    const p = findPipeline(props.pipelines, v) ?? props.defaultPipeline;
    next.stage = (p.stages.find((s) => s.kind === 'open') ?? p.stages[0])!.id;
    if (!p.currencies.includes(next.currency)) next.currency = p.currencies[0] ?? next.currency;
  }
  if (k === 'contactId' && !form.company) {
    const c = contacts.find((x) => x.id === v);
    if (c?.company) next.company = c.company;
  }
  return next;
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

  const custom = useCustomFields(lead);

  useEffect(() => {
    if (!lead) return;
    const pipeline = findPipeline(props.pipelines, lead.pipelineId ?? 'default') ?? props.defaultPipeline;
    const loaded = formOf(lead, pipeline);
    // Loaded once; later, a change replicated in (an agent's, another rep's, an accepted proposal's)
    // shows while the rep has changed nothing here.
    if (initial && (JSON.stringify(form) !== JSON.stringify(initial) || sameForm(loaded, initial))) return;
    setInitial(loaded);
    setForm(loaded);
    // (The form is read, not followed.)
  }, [lead, initial, props.pipelines, props.defaultPipeline]);

  const pipeline = findPipeline(props.pipelines, form.pipelineId) ?? props.defaultPipeline;
  const currencyPicked = useNewDealCurrency(isNew, pipeline, form, setForm, setBlank);
  const stage = findStage(pipeline, form.stage);
  // A deal needs a title (the dialog's input says so too); a typed number must read as one.
  const problems: DealEditorProblem[] = [
    ...checkForm(form, pipeline),
    ...(form.title.trim() ? [] : (['titleRequired'] as const)),
  ];
  const customProblems = customProblemsOf(pipeline.fields ?? [], custom.values);
  // An existing deal is not editable before it has loaded from the local database (it may still be
  // replicating): what a rep typed into the empty form would be replaced when it arrived.
  const loading = !isNew && !initial;
  const sortedContacts = useMemo(
    () => [...contacts].sort((a, b) => a.name.localeCompare(b.name)),
    [contacts],
  );

  const close = () => navigate('leads');
  const dirty = isNew
    ? JSON.stringify(form) !== JSON.stringify(blank) || custom.dirty
    : (!!initial && Object.keys(patchOf(initial, form, '')).length > 0) || custom.dirty;
  const set = (k: keyof DealForm, v: string) => {
    if (k === 'currency') currencyPicked.current = true;
    setForm(nextForm(form, k, v, props, contacts));
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
    /** The custom fields (by id) whose typed value cannot be stored. */
    customProblems,
    /** The problem of a field of the form, once a save was tried ('' for none). */
    errorOf: (p: DealEditorProblem) => (shown && problems.includes(p) ? p : ''),
    shown,
    loading,
    dirty,
    custom,
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
    /** Saves the form; false when a problem holds it back (the typed values stay). */
    async save(): Promise<boolean> {
      setShown(true);
      if (problems.length || customProblems.length) return false;
      const now = new Date().toISOString();
      let fields: Record<string, string> | undefined;
      if (isNew) await createFromForm(ws, form, now, custom.values);
      else if (lead && initial) {
        const patch: Record<string, unknown> = patchOf(initial, form, now);
        // Over the deal as stored now, not as last shown: the live query may not have brought the
        // previous save yet, and its custom fields would be written back over it.
        const stored = await ws.db.collections.leads.findOne(lead.id).exec();
        fields = custom.patch(stored ? (stored.toJSON() as LeadDoc) : lead);
        if (fields) patch.customFields = fields;
        if (Object.keys(patch).length) await updateDoc(ws, 'leads', lead.id, patch);
        if (patch.stageChangedAt) await recordStageChange(ws, lead, { ...lead, ...patch } as never, 'editor');
      }
      if (!props.stay) {
        close();
        return true;
      }
      setInitial(form);
      custom.saved(!!fields);
      setShown(false);
      return true;
    },
    /** Throws the rep's unsaved edits away (the page's Discard): the form is the deal's again. */
    discard() {
      if (initial) setForm(initial);
      custom.reset();
      setShown(false);
    },
    /** One click on the quote's total: the deal's amount (and currency) become it, saved at once. */
    async useAmount(amount: number, currency: string) {
      if (!lead) return;
      await updateDoc(ws, 'leads', lead.id, { value: { amount, currency } });
      const shownAmount = { amount: String(amount), currency };
      setInitial((i) => (i ? { ...i, ...shownAmount } : i));
      setForm((f) => ({ ...f, ...shownAmount }));
    },
  };
}

export type DealEditor = ReturnType<typeof useDealEditor>;

// The objection library in Settings (issue 38): every objection with its names, what customers say
// (trigger examples), the approved answer, success stories (one a line) and competitor comparisons
// ("Competitor: how we compare", one a line) per language. Admins edit, add and delete; reps and
// viewers read. Answers for particular deal stages are kept as they are (edited through the API).
import { useEffect, useState } from 'react';
import { commonObjectionTypes } from '@app/shared/schemas';
import { useWorkspace } from '../../data/hooks';
import { useObjectionLibrary, type LibraryObjection } from '../../data/objections';
import { mayDo } from '../../data/role';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { CheckField, FieldRow, FormField, FormFields } from '../../components/ui/FormField';
import { Notice, useNotice } from './Notice';

type Draft = {
  nameRu: string;
  nameEn: string;
  triggersRu: string;
  triggersEn: string;
  answerRu: string;
  answerEn: string;
  storiesRu: string;
  storiesEn: string;
  comparisonsRu: string;
  comparisonsEn: string;
  active: boolean;
};

type Language = 'ru' | 'en';
const storiesOf = (o: LibraryObjection, language: Language) =>
  (o.successStories ?? [])
    .filter((x) => x.language === language)
    .map((x) => x.text)
    .join('\n');
const comparisonsOf = (o: LibraryObjection, language: Language) =>
  (o.comparisons ?? [])
    .filter((x) => x.language === language)
    .map((x) => `${x.competitor}: ${x.text}`)
    .join('\n');
/** "Competitor: text" lines; a line without a competitor before its colon is left out. */
export function comparisonLines(text: string, language: Language) {
  return lines(text).flatMap((line) => {
    const at = line.indexOf(':');
    const competitor = line.slice(0, at).trim().slice(0, 100);
    const said = line.slice(at + 1).trim();
    return at > 0 && competitor && said ? [{ competitor, language, text: said }] : [];
  });
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const answerOf = (o: LibraryObjection, language: 'ru' | 'en') =>
  o.answers.find((a) => a.language === language && !a.stage)?.text ?? '';

function draftOf(o: LibraryObjection): Draft {
  return {
    nameRu: o.name.ru ?? '',
    nameEn: o.name.en ?? '',
    triggersRu: (o.triggers.ru ?? []).join('\n'),
    triggersEn: (o.triggers.en ?? []).join('\n'),
    answerRu: answerOf(o, 'ru'),
    answerEn: answerOf(o, 'en'),
    storiesRu: storiesOf(o, 'ru'),
    storiesEn: storiesOf(o, 'en'),
    comparisonsRu: comparisonsOf(o, 'ru'),
    comparisonsEn: comparisonsOf(o, 'en'),
    active: o.active !== false,
  };
}

/** The doc's fields from the form: stage answers kept, the any-stage ones replaced (or removed). */
function patchOf(o: LibraryObjection, d: Draft) {
  const general = (['ru', 'en'] as const)
    .map((language) => ({ language, text: (language === 'ru' ? d.answerRu : d.answerEn).trim() }))
    .filter((a) => a.text);
  return {
    name: {
      ...(d.nameRu.trim() ? { ru: d.nameRu.trim() } : {}),
      ...(d.nameEn.trim() ? { en: d.nameEn.trim() } : {}),
    },
    triggers: { ru: lines(d.triggersRu), en: lines(d.triggersEn) },
    answers: [...general, ...o.answers.filter((a) => a.stage)],
    successStories: [
      ...lines(d.storiesRu).map((text) => ({ language: 'ru' as const, text })),
      ...lines(d.storiesEn).map((text) => ({ language: 'en' as const, text })),
    ],
    comparisons: [...comparisonLines(d.comparisonsRu, 'ru'), ...comparisonLines(d.comparisonsEn, 'en')],
    active: d.active,
  };
}

export function ObjectionsCard() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'objections', 'update');
  const { items, error, reload } = useObjectionLibrary(ws);
  const [selected, setSelected] = useState<string>('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [notice, setNotice] = useNotice('objections-notice');
  const current = items?.find((o) => o.id === selected) ?? items?.[0];
  useEffect(() => setDraft(current ? draftOf(current) : null), [current]);
  const fail = (e: unknown) =>
    setNotice({ kind: 'error', text: t('settings.failed', { message: errorText(t, e) }) });

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    if (!current || !draft) return;
    ws.api.patch(`/objections/${encodeURIComponent(current.id)}`, patchOf(current, draft)).then(() => {
      setNotice({ kind: 'success', text: t('objections.saved') });
      reload();
    }, fail);
  };
  const add = (type: string) => {
    const body = {
      type,
      name: { en: type, ru: type },
      triggers: { ru: [], en: [type] },
      answers: [{ language: 'en', text: type }],
    };
    return ws.api.post<LibraryObjection>('/objections', body).then(
      (made) => {
        setNotice({ kind: 'success', text: t('objections.added') });
        setSelected(made.id);
        reload();
        return true;
      },
      (e: unknown) => {
        fail(e);
        return false;
      },
    );
  };
  const remove = () => {
    if (!current) return;
    ws.api.delete(`/objections/${encodeURIComponent(current.id)}`).then(() => {
      setNotice({ kind: 'success', text: t('objections.deleted') });
      setSelected('');
      reload();
    }, fail);
  };
  return (
    <section className="panel full-row" data-testid="objections-card">
      <h3>{t('objections.title')}</h3>
      <p className="muted small">{t('objections.hint')}</p>
      {!admin && (
        <p className="muted small" data-testid="objections-read-only">
          {t('objections.readOnly')}
        </p>
      )}
      {error ? <p className="error">{t('settings.failed', { message: errorText(t, error) })}</p> : null}
      {items?.length === 0 && <p className="muted">{t('objections.empty')}</p>}
      {current && draft && items && (
        <ObjectionForm
          items={items}
          current={current}
          draft={draft}
          setDraft={setDraft}
          admin={admin}
          onPick={setSelected}
          onSave={save}
          onRemove={remove}
        />
      )}
      {admin && <AddObjection onAdd={add} />}
      <Notice notice={notice} testId="objections-notice" />
    </section>
  );
}

/** The chosen objection's fields: names, what customers say, answers, stories and comparisons. */
function ObjectionForm({
  items,
  current,
  draft,
  setDraft,
  admin,
  onPick,
  onSave,
  onRemove,
}: {
  items: LibraryObjection[];
  current: LibraryObjection;
  draft: Draft;
  setDraft(d: Draft): void;
  admin: boolean;
  onPick(id: string): void;
  onSave(e: React.FormEvent): void;
  onRemove(): void;
}) {
  const { t, locale } = useI18n();
  const field = (key: keyof Draft, label: string, rows?: number) => {
    const props = {
      value: String(draft?.[key] ?? ''),
      disabled: !admin,
      'data-testid': `objection-${key}`,
      onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
        draft && setDraft({ ...draft, [key]: e.target.value }),
    };
    return (
      <FormField label={label} testId={`objection-field-${key}`}>
        {rows ? <textarea rows={rows} {...props} /> : <input {...props} />}
      </FormField>
    );
  };

  return (
    <form onSubmit={onSave} className="objection-form">
      <FormFields>
        <FormField label={t('objections.pick')}>
          <select value={current.id} onChange={(e) => onPick(e.target.value)} data-testid="objection-pick">
            {items.map((o) => (
              <option key={o.id} value={o.id}>
                {(locale === 'ru' ? o.name.ru : o.name.en) || o.name.en || o.name.ru || o.type}
              </option>
            ))}
          </select>
        </FormField>
        {field('nameRu', t('objections.name.ru'))}
        {field('nameEn', t('objections.name.en'))}
        {field('triggersRu', t('objections.triggers.ru'), 4)}
        {field('triggersEn', t('objections.triggers.en'), 4)}
        {field('answerRu', t('objections.answer.ru'), 4)}
        {field('answerEn', t('objections.answer.en'), 4)}
        {field('storiesRu', t('objections.stories.ru'), 3)}
        {field('storiesEn', t('objections.stories.en'), 3)}
        {field('comparisonsRu', t('objections.comparisons.ru'), 3)}
        {field('comparisonsEn', t('objections.comparisons.en'), 3)}
        <p className="muted small">{t('objections.listsHint')}</p>
        <CheckField
          label={t('objections.active')}
          checked={draft.active}
          disabled={!admin}
          testId="objection-active"
          onChange={(active) => setDraft({ ...draft, active })}
        />
      </FormFields>
      {current.answers.some((a) => a.stage) && (
        <p className="muted small">
          {t('objections.stageAnswers', { count: current.answers.filter((a) => a.stage).length })}
        </p>
      )}
      {admin && (
        <div className="reply-actions">
          <button type="button" onClick={onRemove} data-testid="objection-delete">
            {t('objections.delete')}
          </button>
          <button type="submit" className="primary" data-testid="objection-save">
            {t('objections.save')}
          </button>
        </div>
      )}
    </form>
  );
}

/** A new objection by its type (a common one offered as the rep types). */
function AddObjection({ onAdd }: { onAdd(type: string): Promise<boolean> }) {
  const { t } = useI18n();
  const [newType, setNewType] = useState('');
  const add = () => {
    const type = newType.trim();
    if (type) void onAdd(type).then((added) => added && setNewType(''));
  };
  return (
    <>
      <FieldRow>
        <FormField label={t('objections.type')}>
          <input
            list="objection-types"
            value={newType}
            onChange={(e) => setNewType(e.target.value)}
            data-testid="objection-new-type"
          />
        </FormField>
        <button type="button" onClick={add} data-testid="objection-add">
          {t('objections.add')}
        </button>
      </FieldRow>
      <datalist id="objection-types">
        {commonObjectionTypes.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
    </>
  );
}

// The team's knowledge embeddings (admin API /embeddings): which model embeds the knowledge base (one
// of the team's providers with an embeddings model, or the built-in one on the server), and the
// index's progress: how many chunks carry vectors of that model (and of which others), chunks waiting
// for a provider that failed, questions answered by full text meanwhile, the last failure. While the
// index is being built for a new choice the card refreshes itself. The choice is the kind's field
// (@app/shared/settings `embeddings`) in the one settings form, its options the view's choices.
import { useCallback, useEffect, useState } from 'react';
import { settingsFields } from '@app/shared/settings';
import { mayDo } from '../../data/role';
import { useWorkspace } from '../../data/hooks';
import { useFormat, useI18n } from '../../i18n/i18n';
import { errorText } from '../../i18n/error-text';
import { useBusyAction } from '../../lib/use-busy-action';
import { textOf } from '../../lib/settings-form';
import type { MessageKey } from '../../i18n/en';
import type { FieldOption } from './SettingsInputs';
import { SettingsFields } from './SettingsForm';
import { useSettingsForm } from './use-settings-form';
import { Notice, type NoticeState } from './Notice';
import { AdminCard } from './CardParts';

type Counts = { provider: string; model: string; chunks: number };
type Status = Counts & {
  current: number;
  byModel: Counts[];
  pending: number;
  queryFallbacks: number;
  state: 'starting' | 'ready' | 'switching' | 'unavailable';
  /** What the index on the server uses now (a new choice reaches it a moment after it is saved). */
  chosen: { provider: string; model: string };
  switching?: { current: number; chunks: number };
  lastError?: { at: string; stage: string; message: string };
  unavailable?: { at: string; message: string };
};
type View = {
  providerId: string;
  choices: Array<{ id: string; name: string; model: string }>;
  status: Status | null;
};

const labels: Record<string, MessageKey> = { providerId: 'embeddings.provider' };
const LOCAL = 'local';
/** The server's local semantic model (EMBEDDINGS_MODEL_DIR), offered only when the server has one. */
const SERVER_MODEL = 'server-model';
/** `installed:<name>`: a model of the server's data folder (`npm run models -- add <name>`). */
const INSTALLED = 'installed:';
const stateKey = {
  starting: 'embeddings.state.starting',
  ready: 'embeddings.state.ready',
  switching: 'embeddings.state.ready',
  unavailable: 'embeddings.state.unavailable',
} as const;

export function EmbeddingsCard() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'model_providers', 'update');
  const [view, setView] = useState<View | undefined>(undefined);
  const form = useSettingsForm(settingsFields.embeddings, { testPrefix: 'embeddings', labels });
  const { fill } = form;
  const choice = textOf(form.values, 'providerId');
  // The card's notice stays inline (not a toast): the index's state below is read with it.
  const [notice, setNotice] = useState<NoticeState>(null);
  const fail = useCallback(
    (e: unknown) => setNotice({ kind: 'error', text: t('settings.failed', { message: errorText(t, e) }) }),
    [t],
  );
  const { busy, run } = useBusyAction({ onStart: () => setNotice(null), onError: fail });

  const load = useCallback(
    async (pick: boolean) => {
      const v = await ws.api.get<View>('/embeddings');
      setView(v);
      if (pick) fill(v);
    },
    [ws, fill],
  );
  useEffect(() => {
    if (admin) load(true).catch(fail);
  }, [admin, load, fail]);
  // A new choice not taken up yet, or a new index being built: its progress, every few seconds.
  const st = view?.status;
  const building = !!st && (st.state !== 'ready' || st.chosen.provider !== view.providerId);
  useEffect(() => {
    if (!building) return;
    const timer = setInterval(() => void load(false).catch(() => undefined), 2_000);
    return () => clearInterval(timer);
  }, [building, load]);

  const onSave = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      setView(await ws.api.put<View>('/embeddings', form.body()));
      setNotice({ kind: 'success', text: t('embeddings.saved') });
    });
  };

  return (
    <AdminCard id="embeddings" titleKey="embeddings.title" admin={admin} view={view}>
      {(view) => (
        <>
          <p className="muted small">{t('embeddings.hint')}</p>
          <form onSubmit={onSave}>
            <SettingsFields {...form.props(view)} options={{ providerId: choiceOptions(t, view.choices) }} />
            {view.choices.length === 0 && <p className="muted small">{t('embeddings.noChoices')}</p>}
            <button type="submit" disabled={busy || choice === view.providerId} data-testid="embeddings-save">
              {t('embeddings.save')}
            </button>{' '}
            <button type="button" disabled={busy} onClick={() => void load(false).catch(() => undefined)}>
              {t('embeddings.refresh')}
            </button>
          </form>
          <Notice notice={notice} testId="embeddings-notice" />
          {view.status ? (
            <IndexStatus s={view.status} />
          ) : (
            <p className="muted small">{t('embeddings.notRunning')}</p>
          )}
        </>
      )}
    </AdminCard>
  );
}

/** What may embed the knowledge, as the select's options: built in, the server's model, an installed one, a provider. */
function choiceOptions(t: ReturnType<typeof useI18n>['t'], choices: View['choices']): FieldOption[] {
  const name = (c: View['choices'][number]) =>
    c.id === SERVER_MODEL
      ? t('embeddings.serverModel', { model: c.model })
      : c.id.startsWith(INSTALLED)
        ? t('embeddings.installedModel', { name: c.name })
        : t('embeddings.option', { name: c.name, model: c.model });
  return [
    { value: LOCAL, label: t('embeddings.builtIn') },
    ...choices.map((c) => ({ value: c.id, label: name(c) })),
  ];
}

/** The index's progress: its state, chunks with vectors (per model), waiting chunks, the last failure. */
function IndexStatus({ s }: { s: Status }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const failure = s.unavailable ?? s.lastError;
  // A stored provider id ("local", "team:emb", "installed:…") is the server's: the rep reads the
  // built-in model by that name and a team provider by the name the team gave it.
  const byModel = s.byModel
    .map((c) => {
      if (c.provider === LOCAL) return t('embeddings.byModelLocal', { chunks: c.chunks });
      const provider = c.provider.replace(/^(team:|installed:)/, '');
      return c.provider === SERVER_MODEL || provider === c.model
        ? t('embeddings.byModelOnly', { model: c.model, chunks: c.chunks })
        : t('embeddings.byModelItem', { model: c.model, provider, chunks: c.chunks });
    })
    .join('; ');
  return (
    <div className="small" data-testid="embeddings-status">
      <p data-testid="embeddings-state">
        {s.state === 'switching' && s.switching
          ? t('embeddings.state.switching', { current: s.switching.current, chunks: s.switching.chunks })
          : t(stateKey[s.state])}
      </p>
      <p data-testid="embeddings-progress">
        {s.provider === LOCAL
          ? t('embeddings.progressLocal', { current: s.current, chunks: s.chunks })
          : t('embeddings.progress', { current: s.current, chunks: s.chunks, model: s.model })}
      </p>
      {s.byModel.length > 0 && (
        <p data-testid="embeddings-by-model">{t('embeddings.byModel', { list: byModel })}</p>
      )}
      {s.pending > 0 && <p>{t('embeddings.pending', { count: s.pending })}</p>}
      {s.queryFallbacks > 0 && (
        <p data-testid="embeddings-fallbacks">{t('embeddings.fallbacks', { count: s.queryFallbacks })}</p>
      )}
      {failure && (
        <p className="status status-error" data-testid="embeddings-error">
          {t('embeddings.lastError', { when: fmt.dateTime(failure.at), message: failure.message })}
        </p>
      )}
    </div>
  );
}

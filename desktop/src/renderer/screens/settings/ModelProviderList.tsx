// The team's model providers as a list (Settings → model providers): each one's name, id, kind, model,
// embeddings model and whether a key is stored (keys are never shown again), with its "test
// connection" (its models and a one-token chat, the answer under it) and its remove button.
import { useI18n } from '../../i18n/i18n';
import { ActionButton } from './CardParts';

export type Provider = {
  id: string;
  kind: string;
  name: string;
  model: string;
  embeddingsModel?: string;
  baseURL?: string;
  hasKey: boolean;
};
type Step = { ok: boolean; error?: string; models?: string[]; reply?: string; latencyMs?: number };
export type TestView = { ok: boolean; models: Step; chat: Step };

type Props = {
  providers: Provider[];
  /** A kind's preset label (`OpenAI`), else the kind itself. */
  kindLabel: (kind: string) => string;
  tests: Record<string, TestView>;
  busy: boolean;
  onTest: (id: string) => void;
  onRemove: (id: string) => void;
};

export function ModelProviderList({ providers, ...rest }: Props) {
  return (
    <ul className="plain-list" data-testid="models-list">
      {providers.map((p) => (
        <ProviderItem key={p.id} p={p} {...rest} />
      ))}
    </ul>
  );
}

function ProviderItem({
  p,
  kindLabel,
  tests,
  busy,
  onTest,
  onRemove,
}: Omit<Props, 'providers'> & { p: Provider }) {
  const { t } = useI18n();
  const report = tests[p.id];
  return (
    <li data-testid={`model-provider-${p.id}`}>
      <strong>{p.name}</strong> <code>{p.id}</code> · {kindLabel(p.kind)} · <code>{p.model}</code>
      {p.embeddingsModel && (
        <>
          {' '}
          · {t('models.embeddingsOf')} <code>{p.embeddingsModel}</code>
        </>
      )}{' '}
      · {t(p.hasKey ? 'models.keySet' : 'models.noKey')}{' '}
      <ActionButton busy={busy} onClick={() => onTest(p.id)} testId={`model-test-${p.id}`}>
        {t('models.test')}
      </ActionButton>{' '}
      <ActionButton busy={busy} onClick={() => onRemove(p.id)}>
        {t('models.remove')}
      </ActionButton>
      {report && <TestLine id={p.id} report={report} />}
    </li>
  );
}

/** A test's answer: the models listed and the chat's latency, or why it failed. */
function TestLine({ id, report: r }: { id: string; report: TestView }) {
  const { t } = useI18n();
  return (
    <p
      className={`small status ${r.ok ? 'status-success' : 'status-error'}`}
      data-testid={`model-test-result-${id}`}
    >
      {r.ok
        ? t('models.testOk', { models: r.models.models?.length ?? 0, ms: r.chat.latencyMs ?? 0 })
        : t('models.testFailed', { reason: r.chat.error ?? r.models.error ?? '' })}
    </p>
  );
}

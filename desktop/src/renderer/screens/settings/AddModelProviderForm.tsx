// The form that adds a model provider from the server's presets (OpenAI, OpenRouter, Ollama, vLLM, LM
// Studio, GigaChat, YandexGPT, any OpenAI-compatible URL): its id, address, key (never shown again),
// chat and embeddings models with the preset's as placeholders, YandexGPT's folder and key type,
// GigaChat's scope and CA certificate. Blank fields are left out of the body (the preset's apply).
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';

export type Preset = {
  label: string;
  baseURL?: string;
  needsKey: boolean;
  model: string;
  embeddingsModel?: string;
};
type Form = {
  id: string;
  kind: string;
  baseURL: string;
  apiKey: string;
  model: string;
  embeddingsModel: string;
  folderId: string;
  keyType: 'api-key' | 'iam-token';
  scope: string;
  caCert: string;
};
type Change = React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>;
type SetField = (k: keyof Form) => (e: Change) => void;
type Rules = { required?: boolean; pattern?: string };

const blank: Form = {
  id: '',
  kind: 'openai',
  baseURL: '',
  apiKey: '',
  model: '',
  embeddingsModel: '',
  folderId: '',
  keyType: 'api-key',
  scope: 'GIGACHAT_API_PERS',
  caCert: '',
};
const scopes = ['GIGACHAT_API_PERS', 'GIGACHAT_API_B2B', 'GIGACHAT_API_CORP'];

/** The body of POST /model-providers: the kind's own fields only, blank ones left out. */
export function providerBody(form: Form) {
  const given = (k: 'baseURL' | 'model' | 'embeddingsModel') =>
    form[k].trim() ? { [k]: form[k].trim() } : {};
  return {
    id: form.id.trim(),
    kind: form.kind,
    ...given('baseURL'),
    ...(form.apiKey ? { apiKey: form.apiKey } : {}),
    ...given('model'),
    ...given('embeddingsModel'),
    ...(form.kind === 'yandexgpt' ? { folderId: form.folderId.trim(), keyType: form.keyType } : {}),
    ...(form.kind === 'gigachat'
      ? { scope: form.scope, ...(form.caCert.trim() ? { caCert: form.caCert.trim() } : {}) }
      : {}),
  };
}
export type ProviderBody = ReturnType<typeof providerBody>;

type Props = {
  presets: Record<string, Preset>;
  busy: boolean;
  /** Adds the provider; `reset` blanks the form once the server took it. */
  onAdd: (body: ProviderBody, reset: () => void) => void;
};

export function AddModelProviderForm({ presets, busy, onAdd }: Props) {
  const { t } = useI18n();
  const [form, setForm] = useState<Form>(blank);
  const set: SetField = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  const preset = presets[form.kind];
  const field = (k: keyof Form, label: MessageKey, testId: string, placeholder?: string, rules?: Rules) => (
    <TextField
      label={t(label)}
      value={form[k]}
      onChange={set(k)}
      testId={testId}
      placeholder={placeholder}
      {...rules}
    />
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    onAdd(providerBody(form), () => setForm(blank));
  };
  return (
    <form onSubmit={submit} data-testid="models-add">
      <h4>{t('models.add')}</h4>
      <label>
        {t('models.kind')}
        <select value={form.kind} onChange={set('kind')} data-testid="models-kind">
          {Object.entries(presets).map(([kind, p]) => (
            <option key={kind} value={kind}>
              {kind === 'openai-compatible' ? t('models.kind.compatible') : p.label}
            </option>
          ))}
        </select>
      </label>
      {field('id', 'models.id', 'models-id', undefined, {
        required: true,
        pattern: '[a-z0-9][a-z0-9_\\-]{0,39}',
      })}
      {field('baseURL', 'settings.baseUrl', 'models-url', preset?.baseURL ?? 'https://…/v1')}
      <label>
        {t(form.kind === 'gigachat' ? 'models.authKey' : 'models.apiKey')}
        <input
          type="password"
          value={form.apiKey}
          onChange={set('apiKey')}
          autoComplete="off"
          data-testid="models-key"
        />
      </label>
      {field('model', 'settings.model', 'models-model', preset?.model)}
      {field('embeddingsModel', 'models.embeddingsModel', 'models-embeddings-model', preset?.embeddingsModel)}
      {form.kind === 'yandexgpt' && <YandexFields form={form} set={set} />}
      {form.kind === 'gigachat' && <GigaChatFields form={form} set={set} />}
      <button type="submit" disabled={busy} data-testid="models-save">
        {t('models.addButton')}
      </button>
    </form>
  );
}

function TextField(
  p: {
    label: string;
    value: string;
    onChange: (e: Change) => void;
    testId: string;
    placeholder?: string;
  } & Rules,
) {
  return (
    <label>
      {p.label}
      <input
        value={p.value}
        onChange={p.onChange}
        required={p.required}
        pattern={p.pattern}
        placeholder={p.placeholder}
        data-testid={p.testId}
      />
    </label>
  );
}

/** YandexGPT's folder (required) and whether the key is an API key or an IAM token. */
function YandexFields({ form, set }: { form: Form; set: SetField }) {
  const { t } = useI18n();
  return (
    <>
      <label>
        {t('models.folderId')}
        <input value={form.folderId} onChange={set('folderId')} required />
      </label>
      <label>
        {t('models.keyType')}
        <select value={form.keyType} onChange={set('keyType')}>
          <option value="api-key">{t('models.keyType.apiKey')}</option>
          <option value="iam-token">{t('models.keyType.iam')}</option>
        </select>
      </label>
    </>
  );
}

/** GigaChat's scope and the CA certificate its server's TLS needs (PEM). */
function GigaChatFields({ form, set }: { form: Form; set: SetField }) {
  const { t } = useI18n();
  return (
    <>
      <label>
        {t('models.scope')}
        <select value={form.scope} onChange={set('scope')}>
          {scopes.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('models.caCert')}
        <textarea
          value={form.caCert}
          onChange={set('caCert')}
          rows={3}
          placeholder="-----BEGIN CERTIFICATE-----"
        />
      </label>
    </>
  );
}

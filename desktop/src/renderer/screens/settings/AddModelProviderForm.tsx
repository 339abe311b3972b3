// The form that adds a model provider from the server's presets (OpenAI, OpenRouter, Ollama, vLLM, LM
// Studio, GigaChat, YandexGPT, any OpenAI-compatible URL): the kind's fields (@app/shared/settings
// `modelProvider`) in the one settings form. The chosen kind's preset names the options and gives the
// address and models as placeholders; YandexGPT adds its folder and key type, GigaChat its scope and
// CA certificate (and calls its key an authorization key). The key is never shown again; blank fields
// are left out of the body (the preset's apply).
import { settingsFields } from '@app/shared/settings';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import { textOf } from '../../lib/settings-form';
import { SettingsFields } from './SettingsForm';
import { useSettingsForm } from './use-settings-form';

export type Preset = {
  label: string;
  baseURL?: string;
  needsKey: boolean;
  model: string;
  embeddingsModel?: string;
};
/** The body of POST /model-providers: the kind's own fields only, blank ones left out. */
export type ProviderBody = Record<string, unknown> & { id: string };

const labels: Record<string, MessageKey> = {
  kind: 'models.kind',
  id: 'models.id',
  baseURL: 'settings.baseUrl',
  apiKey: 'models.apiKey',
  'apiKey@gigachat': 'models.authKey',
  model: 'settings.model',
  embeddingsModel: 'models.embeddingsModel',
  folderId: 'models.folderId',
  keyType: 'models.keyType',
  'keyType.api-key': 'models.keyType.apiKey',
  'keyType.iam-token': 'models.keyType.iam',
  scope: 'models.scope',
  caCert: 'models.caCert',
};

type Props = {
  presets: Record<string, Preset>;
  busy: boolean;
  /** Adds the provider; `reset` blanks the form once the server took it. */
  onAdd: (body: ProviderBody, reset: () => void) => void;
};

export function AddModelProviderForm({ presets, busy, onAdd }: Props) {
  const { t } = useI18n();
  const form = useSettingsForm(settingsFields.modelProvider, { testPrefix: 'models', labels });
  const preset = presets[textOf(form.values, 'kind')];
  const kinds = Object.entries(presets).map(([kind, p]) => ({
    value: kind,
    label: kind === 'openai-compatible' ? t('models.kind.compatible') : p.label,
  }));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    onAdd(form.body() as ProviderBody, () => form.fill());
  };
  return (
    <form onSubmit={submit} data-testid="models-add">
      <h4>{t('models.add')}</h4>
      <SettingsFields
        {...form.props(undefined)}
        options={{ kind: kinds }}
        placeholders={{
          baseURL: preset?.baseURL,
          model: preset?.model,
          embeddingsModel: preset?.embeddingsModel,
        }}
      />
      <button type="submit" disabled={busy} data-testid="models-save">
        {t('models.addButton')}
      </button>
    </form>
  );
}

// "Test connection" for a provider: list its models, then a one-token chat. Every outcome is an
// answer in words (a wrong key, an unreachable host, a model that does not exist), never a throw.
import { toLlmError } from '../map-error';
import type { ProviderKit } from './build';

export type StepReport<T> = ({ ok: true } & T) | { ok: false; error: string };

export type ConnectionReport = {
  ok: boolean;
  models: StepReport<{ models: string[] }>;
  chat: StepReport<{ model: string; reply: string; latencyMs: number }>;
};

export async function testConnection(
  kit: ProviderKit,
  model: string,
  opts: { timeoutMs?: number } = {},
): Promise<ConnectionReport> {
  const why = (e: unknown) => toLlmError(kit.provider.id, e).message;
  let models: ConnectionReport['models'];
  try {
    models = { ok: true, models: (await kit.listModels()).slice(0, 200) };
  } catch (e) {
    models = { ok: false, error: why(e) };
  }
  let chat: ConnectionReport['chat'];
  const started = performance.now();
  try {
    const res = await kit.provider.chat(
      { messages: [{ role: 'user', content: 'Answer with one word: OK' }], maxTokens: 1, temperature: 0 },
      { model, signal: AbortSignal.timeout(opts.timeoutMs ?? 20_000) },
    );
    chat = {
      ok: true,
      model: res.model,
      reply: (res.content ?? '').slice(0, 200),
      latencyMs: Math.round(performance.now() - started),
    };
  } catch (e) {
    chat = { ok: false, error: why(e) };
  }
  // Some services (YandexGPT's compatible API) list no models: the chat decides.
  return { ok: chat.ok, models, chat };
}

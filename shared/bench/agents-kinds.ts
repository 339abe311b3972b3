// The agents benchmark per provider kind: each kind's fake server on loopback, following the
// service's documented protocol (the same fakes the provider tests use), behind the client a team gets
// in the sync server (buildProvider + the fallback chain + createTeamLlm with a usage meter and a
// ledger, as sync-server/src/models/team-models.ts assembles them):
// - OpenAI-compatible: the `openai` SDK against /v1/chat/completions;
// - GigaChat: the OAuth exchange (Basic authorization key, RqUID, scope), then its chat API with
//   functions/function_call;
// - YandexGPT: its OpenAI-compatible API with an Api-Key, the folder in OpenAI-Project and
//   gpt://<folder>/<model> URIs (the fake refuses anything else).
// Each fake counts the tokens it reports per answer (from the request's and the answer's size, so the
// counts differ per call), and the benchmark compares them with what the app recorded: the team's
// usage meter (what /metrics and the usage screen show) and the per-conversation ledger.
import { startFakeGigaChat, gigachatCompletion } from '../src/testing/fake-gigachat-server';
import {
  fakeCompletion,
  fakeStream,
  startFakeOpenAi,
  type FakeRequest,
} from '../src/testing/fake-openai-server';
import {
  buildProvider,
  createLlmClient,
  createTeamLlm,
  createUsageLedger,
  type LlmClient,
  type LlmProvider,
  type PriceTable,
  type ProviderSpec,
} from '../src/llm/index';
import { ANSWER, EXTRACT, ROUTE, nextToolCall } from './agents-llm';

export const providerKindsBenched = ['openai-compatible', 'gigachat', 'yandexgpt'] as const;
export type BenchedKind = (typeof providerKindsBenched)[number];

/** An SSE stream as OpenAI sends it: text pieces or a tool call, the finish, then the usage chunk. */
function sse(
  model: string,
  next: { content: string } | { call: { id: string; name: string; arguments: string } },
  usage: { prompt: number; completion: number },
) {
  const chunks = (
    'call' in next
      ? fakeStream([], model, next.call)
      : fakeStream(next.content.match(/.{1,8}/gsu) ?? [next.content], model)
  ) as Array<Record<string, unknown>>;
  chunks[chunks.length - 1] = {
    ...chunks.at(-1),
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
    },
  };
  return chunks;
}

export type Tally = { promptTokens: number; completionTokens: number; costUsd: number; calls: number };
const emptyTally = (): Tally => ({ promptTokens: 0, completionTokens: 0, costUsd: 0, calls: 0 });

export type KindRun = {
  kind: BenchedKind;
  llm: LlmClient;
  /** What the fake server reported in its answers' usage (and what that costs at the price table). */
  served: Tally;
  /** What the app recorded through the team's usage meter. */
  metered: Tally;
  /** The ledger's totals over the given conversations (the per-conversation accounting). */
  ledgered(conversationIds: readonly string[]): Tally;
  /** Tool calls the fake model asked for. */
  toolCalls: number;
  /** GigaChat's OAuth token exchanges (the token is cached). */
  oauthExchanges(): number;
  close(): Promise<void>;
};

/** A rough token count, as a server's tokenizer would give: about 4 bytes a token. */
const tokensOf = (text: string) => Math.max(1, Math.ceil(Buffer.byteLength(text, 'utf8') / 4));

/** Prices for the fake models (USD per million tokens), so the cost accounting is non-zero. */
const PRICE = { promptPerMTok: 0.4, completionPerMTok: 1.6 };
const FOLDER = 'b1gbench';
const YANDEX_KEY = 'AQVNbench';
const GIGA_KEY = Buffer.from('bench-client:bench-secret').toString('base64');

/** The cost of one answer at the price table, computed here apart from the app's pricing code. */
const costAt = (prices: PriceTable, model: string, prompt: number, completion: number) => {
  const p = prices[model];
  return p ? (prompt * p.promptPerMTok + completion * p.completionPerMTok) / 1_000_000 : 0;
};

type Plan = { content: string } | { call: { id: string; name: string; arguments: string } };

/** What the well-behaved fake model answers: route, extract, then `rounds` tool calls, then the answer. */
function plan(
  messages: readonly { role: string; content?: unknown }[],
  tools: string[],
  rounds: number,
): Plan {
  const system = String(messages[0]?.content ?? '');
  if (system.startsWith('Classify')) return { content: ROUTE };
  if (system.startsWith('Extract')) return { content: EXTRACT };
  // GigaChat's tool results are `function` messages; OpenAI's are `tool` messages.
  const normalized = messages.map((m) => ({ role: m.role === 'function' ? 'tool' : m.role }));
  const call = nextToolCall(normalized, tools, rounds);
  if (call) return { call };
  return { content: ANSWER[system.includes('Reply in English') ? 'en' : 'ru'] };
}

export async function startKind(
  kind: BenchedKind,
  opts: { toolCalls: number; offline: LlmProvider },
): Promise<KindRun> {
  const served = emptyTally();
  const metered = emptyTally();
  let toolCalls = 0;
  const model = {
    'openai-compatible': 'bench-model',
    gigachat: 'GigaChat-Pro',
    yandexgpt: 'yandexgpt/latest',
  }[kind];
  // YandexGPT answers with the model URI it was asked for; prices are keyed by what comes back.
  const answeredModel = kind === 'yandexgpt' ? `gpt://${FOLDER}/${model}` : model;
  const prices: PriceTable = { [answeredModel]: PRICE };
  const count = (requestText: string, answerText: string) => {
    const usage = { prompt: tokensOf(requestText), completion: tokensOf(answerText) };
    served.promptTokens += usage.prompt;
    served.completionTokens += usage.completion;
    served.costUsd += costAt(prices, answeredModel, usage.prompt, usage.completion);
    served.calls += 1;
    return usage;
  };

  let spec: ProviderSpec;
  let close: () => Promise<void>;
  let oauthExchanges = () => 0;
  if (kind === 'gigachat') {
    const server = await startFakeGigaChat({
      authorizationKey: GIGA_KEY,
      chat: (body) => {
        const messages = body.messages as { role: string; content?: unknown }[];
        const tools = ((body.functions as { name: string }[] | undefined) ?? []).map((f) => f.name);
        const next = plan(messages, tools, opts.toolCalls);
        const request = JSON.stringify({ messages, functions: body.functions ?? [] });
        if ('call' in next) {
          toolCalls++;
          const args = JSON.parse(next.call.arguments) as Record<string, unknown>;
          const usage = count(request, next.call.name + next.call.arguments);
          return gigachatCompletion({
            functionCall: { name: next.call.name, arguments: args },
            model,
            usage,
          });
        }
        return gigachatCompletion({ content: next.content, model, usage: count(request, next.content) });
      },
    });
    spec = {
      id: 'giga',
      kind: 'gigachat',
      baseURL: server.baseURL,
      authURL: server.authURL,
      apiKey: GIGA_KEY,
      scope: 'GIGACHAT_API_B2B',
      model,
      prices,
    };
    close = () => server.close();
    oauthExchanges = () => server.requests.filter((r) => r.path === '/api/v2/oauth').length;
  } else {
    const yandex = kind === 'yandexgpt';
    const server = await startFakeOpenAi((req: FakeRequest) => {
      if (yandex) {
        // Yandex's OpenAI-compatible API: the key, the folder, and a model URI in that folder.
        if (req.headers.authorization !== `Api-Key ${YANDEX_KEY}`)
          return { status: 401, body: { error: { message: 'Unauthenticated' } } };
        if (
          req.headers['openai-project'] !== FOLDER ||
          !String(req.body.model).startsWith(`gpt://${FOLDER}/`)
        )
          return { status: 400, body: { error: { message: 'model URI not in the folder' } } };
      }
      const messages = req.body.messages as { role: string; content?: unknown }[];
      const specs = (req.body.tools as { function: { name: string } }[] | undefined) ?? [];
      const next = plan(
        messages,
        specs.map((t) => t.function.name),
        opts.toolCalls,
      );
      const request = JSON.stringify({ messages, tools: specs });
      const answered = String(req.body.model);
      if ('call' in next) toolCalls++;
      // Asked to stream (the engine was given a listener): the same answer as server-sent events.
      if (req.body.stream) {
        const usage = count(request, 'call' in next ? next.call.name + next.call.arguments : next.content);
        return { stream: sse(answered, next, usage) };
      }
      if ('call' in next) {
        const usage = count(request, next.call.name + next.call.arguments);
        return { body: fakeCompletion({ toolCalls: [next.call], model: answered, usage }) };
      }
      return {
        body: fakeCompletion({ content: next.content, model: answered, usage: count(request, next.content) }),
      };
    });
    spec = yandex
      ? {
          id: 'ya',
          kind: 'yandexgpt',
          baseURL: server.baseURL,
          apiKey: YANDEX_KEY,
          folderId: FOLDER,
          model,
          prices,
        }
      : { id: 'compat', kind: 'openai-compatible', baseURL: server.baseURL, model, prices };
    close = () => server.close();
  }

  const kit = buildProvider(spec);
  const ledger = createUsageLedger();
  const llm = createTeamLlm({
    providerIds: [kit.provider.id],
    clientFor: () => createLlmClient({ providers: [kit.provider], offline: opts.offline, ledger }),
    offline: createLlmClient({ providers: [], offline: opts.offline, ledger }),
    meter: {
      record: (e) => {
        metered.promptTokens += e.usage.promptTokens;
        metered.completionTokens += e.usage.completionTokens;
        metered.costUsd += e.usage.costUsd;
        metered.calls += 1;
      },
      monthCostUsd: () => metered.costUsd,
    },
  });
  return {
    kind,
    llm,
    served,
    metered,
    ledgered(conversationIds) {
      const out = emptyTally();
      for (const id of conversationIds) {
        const u = ledger.get(id);
        out.promptTokens += u.promptTokens;
        out.completionTokens += u.completionTokens;
        out.costUsd += u.costUsd;
        out.calls += u.calls;
      }
      return out;
    },
    get toolCalls() {
      return toolCalls;
    },
    oauthExchanges,
    close,
  };
}

/**
 * |recorded − served| in tokens (prompt and completion), calls and USD. Costs are compared to a
 * picodollar: the ledger adds them up per conversation, so its total is the same numbers summed in
 * another order, which floating point may round differently in the 17th digit (4e-18 USD was seen).
 */
export function mismatch(recorded: Tally, served: Tally): { tokens: number; costUsd: number; calls: number } {
  return {
    tokens:
      Math.abs(recorded.promptTokens - served.promptTokens) +
      Math.abs(recorded.completionTokens - served.completionTokens),
    costUsd: Math.round(Math.abs(recorded.costUsd - served.costUsd) * 1e12) / 1e12,
    calls: Math.abs(recorded.calls - served.calls),
  };
}

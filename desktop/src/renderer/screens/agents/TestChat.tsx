// The Agents screen's test chat. Who may edit profiles asks the team's own models through the server
// (agents/test-chat-stream.ts): the answer appears as the model writes it, a provider that fails
// mid-answer is replaced by the next one (the reason shown), and each answer says which provider and
// model wrote it, its tokens and cost. Others get the local preview: the best knowledge snippet from
// the device's search, no model call.
import { useRef, useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { useFormat, useI18n } from '../../i18n/i18n';
import { useSearch } from '../../search/search-context';
import { streamTestChat, type TestChatTurn } from './test-chat-stream';

type Line = {
  who: 'you' | 'agent';
  text: string;
  /** Under an agent's answer: who wrote it and what it cost, or why it failed. */
  note?: string;
  failed?: boolean;
  writing?: boolean;
};

export function TestChat({ profileId }: { profileId?: string }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const search = useSearch();
  const live = mayDo(ws.role, 'agent_settings', 'update');
  const [q, setQ] = useState('');
  const [log, setLog] = useState<Line[]>([]);
  const [busy, setBusy] = useState(false);
  const stop = useRef<AbortController | null>(null);

  /** Replaces the last line (the answer being written). */
  const setLast = (patch: (l: Line) => Line) =>
    setLog((all) => [...all.slice(0, -1), patch(all[all.length - 1]!)]);

  const askModels = async (text: string) => {
    // The conversation so far, answers included: the model sees the test as one conversation.
    const history: TestChatTurn[] = log
      .filter((l) => !l.failed && l.text)
      .map((l) => ({ role: l.who === 'you' ? 'user' : 'assistant', content: l.text }));
    setLog((l) => [...l, { who: 'you', text }, { who: 'agent', text: '', writing: true }]);
    setBusy(true);
    const abort = new AbortController();
    stop.current = abort;
    try {
      const done = await streamTestChat(
        ws.authFetch,
        ws.session.serverUrl,
        {
          ...(profileId ? { profileId } : {}),
          messages: [...history.slice(-18), { role: 'user', content: text }],
        },
        {
          onDelta: (d) => setLast((l) => ({ ...l, text: l.text + d })),
          onReset: (reason) => setLast((l) => ({ ...l, text: '', note: t('models.chat.reset', { reason }) })),
        },
        abort.signal,
      );
      setLast((l) => ({
        ...l,
        text: done.content,
        writing: false,
        note: done.offline
          ? t('models.chat.offline')
          : t('models.chat.by', {
              provider: done.provider,
              model: done.model,
              tokens: done.usage.promptTokens + done.usage.completionTokens,
              cost: fmt.money(done.usage.costUsd, 'USD'),
            }),
      }));
    } catch (error) {
      setLast((l) => ({
        ...l,
        writing: false,
        failed: true,
        note: t('models.chat.failed', { reason: error instanceof Error ? error.message : String(error) }),
      }));
    } finally {
      setBusy(false);
      stop.current = null;
    }
  };

  const askLocal = async (text: string) => {
    const r = await search.search(text, 3);
    const top = r.hits.find((h) => h.type === 'knowledge');
    setLog((l) => [
      ...l,
      { who: 'you', text },
      { who: 'agent', text: top ? `${top.snippet}\n— ${top.title}` : '…' },
    ]);
  };

  const ask = async () => {
    const text = q.trim();
    if (!text || busy) return;
    setQ('');
    await (live ? askModels(text) : askLocal(text));
  };

  return (
    <section className="panel" data-testid="agents-test-chat">
      <h3>{t('agents.testChat')}</h3>
      <p className="muted small">{live ? t('models.chat.hint') : t('agents.testHint')}</p>
      <div className="chat-log" aria-live="polite">
        {log.map((m, i) => (
          <div key={i} className={`msg msg-${m.who === 'you' ? 'inbound' : 'outbound'}`}>
            <div className="bubble" data-testid={m.who === 'agent' ? 'test-chat-answer' : undefined}>
              {m.text || (m.writing ? t('models.chat.writing') : '')}
            </div>
            {m.note && (
              <div className={`small ${m.failed ? 'error' : 'muted'}`} data-testid="test-chat-note">
                {m.note}
              </div>
            )}
          </div>
        ))}
      </div>
      <div className="row">
        <input
          value={q}
          aria-label={t('agents.testChat')}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && void ask()}
        />
        {busy ? (
          <button onClick={() => stop.current?.abort()}>{t('models.chat.stop')}</button>
        ) : (
          <button onClick={ask}>{t('agents.testSend')}</button>
        )}
      </div>
    </section>
  );
}

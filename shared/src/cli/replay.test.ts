// The replay CLI end to end on the sample dialogs and knowledge, offline (no LLM variables set).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

describe('npm run replay', () => {
  it('prints one JSON line per turn with replies, facts, scores, tools and hand-offs', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: here('.') };
    for (const k of ['LLM_BASE_URL', 'LLM_API_KEY', 'LLM_MODEL', 'LLM_FALLBACKS']) delete env[k];
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        here('./replay.ts'),
        '--dialogs',
        'samples/dialogs.jsonl',
        '--knowledge',
        'samples/knowledge',
        '--json',
      ],
      { env, encoding: 'utf8', timeout: 60_000 },
    );
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(14);
    const first = lines[0] as { replies: { citations: string[] }[]; provider: { id: string } };
    expect(first.provider.id).toBe('offline');
    expect(first.replies[0]!.citations.length).toBeGreaterThan(0);
    expect(lines.some((l) => (l.facts as string[]).includes('email=anna@romashka.ru'))).toBe(true);
    expect(lines.some((l) => (l.superseded as string[]).includes('budget=300000 RUB'))).toBe(true);
    expect(lines.some((l) => typeof l.handoff === 'string')).toBe(true);
    expect(lines.some((l) => (l.toolCalls as string[]).includes('schedule_event: ok'))).toBe(true);
  });

  it('multi-turn dialogues that open with a hand-off: every turn gets a reply, a notice or a status', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: here('.') };
    for (const k of ['LLM_BASE_URL', 'LLM_API_KEY', 'LLM_MODEL', 'LLM_FALLBACKS']) delete env[k];
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        here('./replay.ts'),
        '--dialogs',
        'samples/handoff-dialogs.jsonl',
        '--knowledge',
        'samples/knowledge',
        '--json',
        '--check',
      ],
      { env, encoding: 'utf8', timeout: 60_000 },
    );
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { dialog: string; handoff?: string; outcome: { kind: string } });
    expect(lines).toHaveLength(13);
    const dialogs = [...new Set(lines.map((l) => l.dialog))];
    for (const d of dialogs) {
      const turns = lines.filter((l) => l.dialog === d);
      expect(turns[0]!.outcome.kind).toBe('handoff-notice');
      expect(turns.map((t) => t.outcome.kind)).not.toContain('silence');
      // After the wait the AI answers again.
      expect(turns.at(-1)!.outcome.kind).toBe('reply');
    }
    expect(lines.filter((l) => l.outcome.kind === 'status').length).toBeGreaterThanOrEqual(3);
  });
  it('lists the articles a turn offered as choices, and a pick turn is answered from the picked one', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: here('.') };
    for (const k of ['LLM_BASE_URL', 'LLM_API_KEY', 'LLM_MODEL', 'LLM_FALLBACKS']) delete env[k];
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        here('./replay.ts'),
        '--dialogs',
        'samples/choices-dialogs.jsonl',
        '--knowledge',
        'samples/knowledge',
        '--json',
      ],
      { env, encoding: 'utf8', timeout: 60_000 },
    );
    type Line = {
      customer: string;
      choices: { sourceId: string; title: string }[];
      replies: { citations: string[] }[];
      handoff?: string;
    };
    const [offer, picked, again, none] = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    expect(offer!.choices.map((c) => c.sourceId)).toEqual(['pricing', 'delivery', 'integrations']);
    expect(offer!.choices[1]!.title).toMatch(/Доставка/);
    expect(picked!.customer).toMatch(/^Доставка.* \(pick 2\)$/);
    expect(picked!.choices).toEqual([]);
    expect(picked!.replies[0]!.citations[0]).toMatch(/^delivery:/);
    expect(again!.choices).toHaveLength(3);
    expect(none!.handoff).toMatch(/none of the offered articles/);
  });
});

// The real LLM server kit (../shared/llm/llama.sh beside the repo, or LLAMA_KIT): llama.cpp's
// llama-server with a tiny random-weight Qwen2 model on loopback, for the guard tests (its README).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const llamaScript =
  process.env.LLAMA_KIT ?? fileURLToPath(new URL('../../../shared/llm/llama.sh', import.meta.url));

/** Whether the kit (script and server binary) is there; CI has it at ../shared/llm. */
export const llamaKitPresent =
  existsSync(llamaScript) && existsSync(join(dirname(llamaScript), 'llama-server'));

export type LlamaKit = { baseURL: string; model: string; dir: string; stop(): Promise<void> };

export async function startLlama(opts: { embeddings?: boolean } = {}): Promise<LlamaKit> {
  if (!llamaKitPresent) throw new Error(`there is no llama-server kit at ${llamaScript}`);
  const dir = mkdtempSync(join(tmpdir(), 'llama-kit-'));
  const args = ['start', '--dir', dir, ...(opts.embeddings ? ['--embeddings'] : [])];
  const { stdout } = await run(llamaScript, args, { timeout: 120_000 });
  const env = Object.fromEntries(
    stdout
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  if (!env.LLM_BASE_URL || !env.LLM_MODEL) throw new Error(`llama.sh printed no LLM_BASE_URL: ${stdout}`);
  return {
    baseURL: env.LLM_BASE_URL,
    model: env.LLM_MODEL,
    dir,
    stop: async () => {
      await run(llamaScript, ['stop', dir], { timeout: 30_000 }).catch(() => undefined);
    },
  };
}

// Runs one tool call the model asked for: unknown tool, tool not allowed for this profile, arguments
// that are not JSON or not valid — each is a coded error written to the activity log and returned to
// the model as the tool's result, so the loop goes on sanely. Only a valid, allowed call has an effect.
import { DomainError, type ErrorCode } from '../../errors';
import type { ToolCall } from '../../llm/types';
import type { AgentTool, ToolContext } from './types';

export type ToolOutcome =
  | { ok: true; name: string; callId: string; args: unknown; result: unknown }
  | { ok: false; name: string; callId: string; code: ErrorCode; message: string };

export type ToolSet = ReadonlyMap<string, AgentTool>;

export function toolSet(tools: AgentTool[]): ToolSet {
  return new Map(tools.map((t) => [t.name, t]));
}

export async function executeToolCall(
  call: ToolCall,
  tools: ToolSet,
  allowed: ReadonlySet<string>,
  ctx: ToolContext,
): Promise<ToolOutcome> {
  const startedAt = ctx.now;
  const elapsed = ctx.log.timer();
  const fail = async (code: ErrorCode, message: string, status: 'error' | 'denied' = 'error') => {
    await ctx.log.record({
      role: ctx.role,
      kind: 'tool-call',
      name: call.name || '(unnamed)',
      status,
      input: call.arguments,
      error: `${code}: ${message}`,
      startedAt,
      durationMs: elapsed(),
    });
    return { ok: false as const, name: call.name, callId: call.id, code, message };
  };
  const tool = tools.get(call.name);
  if (!tool) return fail('tool-unknown', `No tool named '${call.name}'`);
  if (!allowed.has(call.name))
    return fail('tool-not-allowed', `Tool '${call.name}' is not allowed here`, 'denied');
  let raw: unknown;
  try {
    raw = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
  } catch {
    return fail('tool-arguments-invalid', 'Arguments are not valid JSON');
  }
  const checked = tool.validate(raw);
  if (!checked.ok) return fail('tool-arguments-invalid', checked.message);
  try {
    const result = await tool.execute(checked.value, ctx);
    await ctx.log.record({
      role: ctx.role,
      kind: 'tool-call',
      name: call.name,
      status: 'ok',
      input: checked.value,
      output: result,
      startedAt,
      durationMs: elapsed(),
    });
    return { ok: true, name: call.name, callId: call.id, args: checked.value, result };
  } catch (error) {
    const code = error instanceof DomainError ? error.code : 'internal-error';
    return fail(code, error instanceof Error ? error.message : String(error));
  }
}

const MAX_RESULT = 8_000;

/** The text the model sees as the tool's result (long results are cut: the context is not a dump). */
export function toolResultText(outcome: ToolOutcome): string {
  const text = JSON.stringify(
    outcome.ok
      ? { ok: true, result: outcome.result ?? null }
      : { ok: false, error: { code: outcome.code, message: outcome.message } },
  );
  return text.length > MAX_RESULT ? `${text.slice(0, MAX_RESULT)}… [truncated]` : text;
}

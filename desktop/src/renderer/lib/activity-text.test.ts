import { describe, expect, it } from 'vitest';
import { readableValue, stepSummary } from './activity-text';

describe('activity text', () => {
  it('writes JSON objects as key: value pairs, without JSON punctuation', () => {
    const text = readableValue(
      JSON.stringify({ intent: 'price', confidence: 0.82, tags: ['team', 'tariff'] }),
    );
    expect(text).toBe('intent: price · confidence: 0.82 · tags: team, tariff');
    expect(text).not.toMatch(/[{}"]/);
  });

  it('keeps nested values short and says how many more there are', () => {
    const text = readableValue(
      JSON.stringify({ a: 1, b: { c: 'x', d: [1, 2] }, e: 'y'.repeat(200), f: true, g: 2, h: 3 }),
    );
    expect(text).toMatch(/^a: 1 · b: c: x, d: 1, 2 · e: y+… · f: true · \+2$/);
    expect(text.length).toBeLessThan(200);
  });

  it('reads JSON inside a string (a model answer) the same way', () => {
    const output = JSON.stringify({
      content: JSON.stringify({ facts: [{ key: 'team_size', value: '5', confidence: 0.75 }] }),
      toolCalls: [],
      offline: true,
    });
    const text = readableValue(output);
    expect(text).toBe(
      'content: facts: key: team_size, value: 5, confidence: 0.75 · toolCalls: — · offline: true',
    );
    expect(text).not.toMatch(/[{}"]/);
  });

  it('leaves plain text as it is, and prefers the error, then the output, then the input', () => {
    expect(readableValue('just words\n here')).toBe('just words here');
    expect(readableValue(undefined)).toBe('');
    expect(readableValue('"quoted"')).toBe('quoted');
    expect(stepSummary({ error: 'LLM timed out', output: '{"a":1}' })).toBe('LLM timed out');
    expect(stepSummary({ output: '{"sent":true}', input: '{"x":1}' })).toBe('sent: true');
    expect(stepSummary({ input: '[{"q":"price"}]' })).toBe('q: price');
  });
});

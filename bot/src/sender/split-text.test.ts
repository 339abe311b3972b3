import { describe, expect, it } from 'vitest';
import { splitText } from './split-text';

describe('splitText', () => {
  it('keeps short texts whole', () => {
    expect(splitText('hello')).toEqual(['hello']);
    expect(splitText('x'.repeat(4096))).toHaveLength(1);
  });

  it('cuts at paragraph, then line, then word boundaries', () => {
    const a = 'a'.repeat(60);
    const b = 'b'.repeat(30);
    expect(splitText(`${a}\n\n${b}`, 80)).toEqual([a, b]);
    expect(splitText(`${a}\n${b}`, 80)).toEqual([a, b]);
    expect(splitText(`${a} ${b}`, 80)).toEqual([a, b]);
  });

  it('hard-cuts a text without spaces, never inside a surrogate pair', () => {
    const emoji = '😀'.repeat(50); // 100 UTF-16 units
    const parts = splitText(emoji, 33);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(33);
      expect(p.length % 2).toBe(0);
    }
    expect(parts.join('')).toBe(emoji);
  });
});

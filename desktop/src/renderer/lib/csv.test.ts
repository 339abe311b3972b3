import { describe, expect, it } from 'vitest';
import { escapeCell, toCsv } from './csv';

describe('csv', () => {
  it('quotes what needs it, escapes quotes and defuses spreadsheet formulas', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['x,y', '=1+1'],
        ['line\nbreak', null],
        ['say "hi"', 240000],
      ],
    );
    expect(csv).toBe('a,b\r\n"x,y",\'=1+1\r\n"line\nbreak",\r\n"say ""hi""",240000\r\n');
    expect(escapeCell('@cmd')).toBe("'@cmd");
  });
});

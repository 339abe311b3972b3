// A table pasted into a chat as text (issue 61, events7): tab-separated rows under a header row
// ("Тип\tДата\tГород\tГости\tБюджет" then "Корпоратив\t30.12.2026\tСамара\t75\t1 300 000 ₽"), or a
// markdown table ("| Guests | 110 (incl. 6 children) |", a header with columns or a key | value list).
// Each cell is written as "header: cell", one a line, so the readers see "Гости: 75" as they see it in
// a sentence; a line that is no table's stays as it was.

const cellsOf = (line: string, sep: 'tab' | 'pipe'): string[] =>
  sep === 'tab'
    ? line.split('\t').map((c) => c.trim())
    : line
        .trim()
        .replace(/^\|/u, '')
        .replace(/\|$/u, '')
        .split('|')
        .map((c) => c.trim());

/** A markdown table's rule line ("|---|:---:|"). */
const ruleLine = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/u;

/** Lines as "header: cell" for the tables in the text (see the file's comment); other lines as they were. */
export function tableAsLines(text: string): string {
  if (!/\t|^\s*\|.*\|\s*$/mu.test(text)) return text;
  const lines = text.split(/\r?\n/u);
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    const sep = /^\s*\|.*\|\s*$/u.test(lines[i]!) ? 'pipe' : lines[i]!.includes('\t') ? 'tab' : undefined;
    if (!sep) {
      out.push(lines[i++]!);
      continue;
    }
    // The block of lines of this table.
    const block: string[][] = [];
    while (
      i < lines.length &&
      (sep === 'pipe' ? /^\s*\|.*\|\s*$/u.test(lines[i]!) : lines[i]!.includes('\t'))
    ) {
      if (!ruleLine.test(lines[i]!)) block.push(cellsOf(lines[i]!, sep));
      i++;
    }
    const width = block[0]!.length;
    // Two columns whose first cells hold no digits: a key | value list ("| Guests | 110 |").
    if (width === 2 && block.every((r) => r.length === 2 && !/\d/u.test(r[0]!))) {
      // A key | value list: each row is "key: value".
      for (const [key, value] of block) out.push(`${key}: ${value ?? ''}`);
    } else if (block.length >= 2 && width >= 2) {
      // A header row, then rows under it: each cell after its column's header.
      const [header, ...rows] = block;
      for (const row of rows) {
        for (let c = 0; c < row.length; c++)
          if (row[c]) out.push(header![c] ? `${header![c]}: ${row[c]}` : row[c]!);
        out.push('');
      }
    } else out.push(...block.map((r) => r.join(' ')));
  }
  return out.join('\n');
}

// CSV text to rows of cells: RFC 4180 quoting (quotes, separators and line breaks inside quotes),
// `,` `;` or tab separators detected from the text, blank lines skipped.
import Papa from 'papaparse';
import { DomainError } from '@app/shared/errors';

export const MAX_ROWS = 10_000;
export const MAX_COLUMNS = 100;

/** Rows keep their record number (the header is 1) for the report; blank rows are left out. */
export type Table = { headers: string[]; rows: { row: number; cells: string[] }[]; delimiter: string };

export function parseTable(text: string): Table {
  // The separator is guessed on the first rows without blank lines (they would skew the guess).
  const guess = Papa.parse<string[]>(text, {
    delimiter: '',
    delimitersToGuess: [',', ';', '\t'],
    skipEmptyLines: 'greedy',
    preview: 50,
  });
  const result = Papa.parse<string[]>(text, {
    delimiter: guess.meta.delimiter || ',',
    skipEmptyLines: false,
    preview: MAX_ROWS * 2 + 2,
  });
  const quoteError = result.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const row = (quoteError.row ?? 0) + 1;
    throw new DomainError('file-unreadable', `CSV row ${row}: a quoted field is not closed`);
  }
  const [headerRow, ...records] = result.data;
  const rows = records
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!headerRow || headerRow.every((h) => h.trim() === ''))
    throw new DomainError('file-empty', 'The CSV has no header row');
  if (rows.length === 0) throw new DomainError('file-empty', 'The CSV has a header but no rows');
  if (rows.length > MAX_ROWS)
    throw new DomainError('file-too-large', `The CSV has more than ${MAX_ROWS} rows; split it`);
  if (headerRow.length > MAX_COLUMNS)
    throw new DomainError('file-unreadable', `The CSV has more than ${MAX_COLUMNS} columns`);
  return { headers: headerRow.map((h) => h.trim()), rows, delimiter: result.meta.delimiter };
}

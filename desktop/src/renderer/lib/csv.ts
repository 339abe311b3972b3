// CSV writing (RFC 4180) for the exports: quoted fields, escaped quotes, CRLF line ends, formulas
// defused. Reading a CSV is the server's (POST /api/v1/contacts/import, one importer for the app).

const needsQuotes = /[",;\r\n\t]|^\s|\s$/;

/** Cells starting with = + - @ are prefixed with ' so spreadsheets do not run them as formulas. */
export function escapeCell(value: unknown): string {
  let s = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => r.map(escapeCell).join(',')).join('\r\n') + '\r\n';
}

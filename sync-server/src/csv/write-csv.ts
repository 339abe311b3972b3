// CSV for Excel and everyone else: UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting, and cells that
// a spreadsheet would run as a formula (=, +, -, @ at the start) prefixed with a quote, except numbers
// and phone numbers such as +7 999 123-45-67.
export type Separator = ',' | ';';

export const BOM = '\uFEFF';

function cell(value: unknown, sep: Separator): string {
  let s =
    value === undefined || value === null ? '' : Array.isArray(value) ? value.join(', ') : String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?[\d\s().-]+$/.test(s)) s = `'${s}`;
  return s.includes(sep) || /["\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[], sep: Separator): string {
  return values.map((v) => cell(v, sep)).join(sep) + '\r\n';
}

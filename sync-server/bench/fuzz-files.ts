// Bodies of the fuzz benchmark's file routes: contacts CSV imports (separators, encodings, formulas,
// too many rows) and knowledge uploads (names and contents that disagree), raw or as multipart bodies
// that are sometimes cut off, unclosed, under another boundary, or odd in their parts (RFC 5987 names,
// no Content-Disposition, base64 parts, thousands of header lines or fields, nested multipart).
import type { Rng } from '../test/fuzz-inputs';
import type { Body, IdSource } from './fuzz-bodies';

const bytes = (rng: Rng, n: number) => Buffer.from(Array.from({ length: n }, () => rng.int(256)));

/** Windows-1251 bytes of Latin and Cyrillic text (what Russian Excel saves). */
function cp1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const c = ch.codePointAt(0)!;
      if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
      if (c === 0x401) return 0xa8;
      if (c === 0x451) return 0xb8;
      return c < 0x80 ? c : 0x3f;
    }),
  );
}

const csvHeaders = [
  'id,name,phone,email,company',
  'Имя;Телефон;Почта;Компания;Сделка;Этап;Сумма',
  'name\ttelegram\tusername',
  'name,email,stage,title,amount',
  '"na""me",,email,email',
  '',
];
const csvCells = (rng: Rng, ids: IdSource) => [
  'Ivan Petrov',
  'Иван',
  '+79990001122',
  '8 (999) 000-11-22',
  'ivan@example.com',
  '=HYPERLINK("http://evil.example")',
  '@SUM(1+1)',
  '"unclosed',
  'a"b',
  '',
  ids.id('contacts') ?? ids.anyB(),
  'x'.repeat(rng.chance(0.05) ? 100_000 : 20),
  'qualified',
  '-1e9',
  '\u0000',
];

/** A contacts import: CSV in various separators, encodings and wrappings. */
export function csvBody(rng: Rng, ids: IdSource, large: boolean): Body {
  const header = rng.pick(csvHeaders);
  const sep = header.includes(';') ? ';' : header.includes('\t') ? '\t' : ',';
  const rows = large && rng.chance(0.2) ? 10_001 : 1 + rng.int(20);
  const cells = csvCells(rng, ids);
  const lines = [header];
  // Up to 6 MB (the import takes 5 MiB): past that, more rows only cost the fuzz its memory.
  for (let i = 0, size = 0; i < rows && size < 6_000_000; i++) {
    lines.push(Array.from({ length: 1 + rng.int(7) }, () => rng.pick(cells)).join(sep));
    size += lines.at(-1)!.length;
  }
  const text = lines.join(rng.pick(['\n', '\r\n', '\r']));
  const encoding = rng.pick(['utf8', 'utf8-bom', 'utf16-bom', 'utf16', 'cp1251'] as const);
  const body =
    encoding === 'utf8'
      ? Buffer.from(text)
      : encoding === 'utf8-bom'
        ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
        : encoding === 'cp1251'
          ? cp1251(text)
          : Buffer.concat([
              encoding === 'utf16-bom' ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0),
              Buffer.from(text, 'utf16le'),
            ]);
  const label = `csv ${rows} rows ${encoding} sep ${JSON.stringify(sep)}`;
  if (rng.chance(0.2)) return multipart(label, 'file', 'contacts.csv', 'text/csv', body, rng);
  return {
    label,
    headers: {
      'content-type': rng.pick([
        'text/csv',
        'text/plain',
        'application/octet-stream',
        'text/csv; charset=windows-1251',
      ]),
    },
    body,
  };
}

/** A multipart body with one file part; sometimes with a second file, extra fields or a broken end. */
export function multipart(
  label: string,
  field: string,
  fileName: string,
  type: string,
  content: Buffer,
  rng: Rng,
): Body {
  const boundary = `fz${rng.int(1e9)}`;
  const part = (name: string, extra: string, value: Buffer | string) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n\r\n`),
      Buffer.from(value),
      Buffer.from('\r\n'),
    ]);
  const parts: Buffer[] = [
    rng.chance(0.3) ? part('title', '', 'A title') : Buffer.alloc(0),
    rng.chance(0.2) ? part('tags', '', 'a,b,' + 'c'.repeat(2000)) : Buffer.alloc(0),
    part(field, `; filename="${fileName}"\r\nContent-Type: ${type}`, content),
    rng.chance(0.1)
      ? part(field, '; filename="second.txt"\r\nContent-Type: text/plain', 'second')
      : Buffer.alloc(0),
  ];
  if (rng.chance(0.05))
    for (let i = 0; i < 30; i++) parts.push(part(`f${i}`, '', 'x'.repeat(rng.chance(0.5) ? 20_000 : 1)));
  let body = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
  let header = `multipart/form-data; boundary=${boundary}`;
  let how = '';
  // Edits of the body's text; latin1 keeps every byte as it is.
  const edit = (from: string, to: string) =>
    Buffer.from(
      body
        .toString('latin1')
        .replace(Buffer.from(from).toString('latin1'), Buffer.from(to).toString('latin1')),
      'latin1',
    );
  const disposition = `Content-Disposition: form-data; name="${field}"; filename="${fileName}"`;
  const tiny = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  switch (rng.int(23)) {
    case 0:
      how = ', cut off';
      body = body.subarray(0, rng.int(body.length));
      break;
    case 1:
      how = ', no closing boundary';
      body = Buffer.concat(parts);
      break;
    case 2:
      how = ', other boundary';
      header = `multipart/form-data; boundary=x${boundary}`;
      break;
    case 3:
      how = ', boundary quoted oddly';
      header = `multipart/form-data; boundary="${boundary}`;
      break;
    case 4:
      how = ', LF only';
      body = Buffer.from(body.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
      break;
    case 5:
      how = ', RFC 5987 file name with a bad escape';
      body = edit(`filename="${fileName}"`, `filename*=UTF-8''%E2%82%AC%ZZ${encodeURIComponent(fileName)}`);
      break;
    case 6:
      how = ', file part without Content-Disposition';
      body = edit(`${disposition}\r\n`, '');
      break;
    case 7:
      how = ', empty file name';
      body = edit(`filename="${fileName}"`, 'filename=""');
      break;
    case 8:
      how = ', base64 transfer encoding of junk';
      body = edit(disposition, `${disposition}\r\nContent-Transfer-Encoding: base64`);
      break;
    case 9:
      how = ', preamble and epilogue';
      body = Buffer.concat([Buffer.from('preamble\r\n'), body, Buffer.from('epilogue \u0000')]);
      break;
    case 10:
      how = ', 3,000 header lines in the file part';
      body = edit(
        disposition,
        `${disposition}\r\n${Array.from({ length: 3000 }, (_, i) => `X-${i}: y`).join('\r\n')}`,
      );
      break;
    case 11:
      how = ', nested multipart/mixed';
      body = edit(`Content-Type: ${type}`, 'Content-Type: multipart/mixed; boundary=inner');
      break;
    case 12:
      how = ', fields named __proto__ and constructor';
      body = Buffer.concat([Buffer.from(tiny('__proto__', 'x') + tiny('constructor', 'y')), body]);
      break;
    case 13: {
      how = ', boundary of odd characters';
      const odd = `a'()+_,-./:=? ${boundary}`;
      body = Buffer.from(body.toString('latin1').split(boundary).join(odd), 'latin1');
      header = `multipart/form-data; boundary="${odd}"`;
      break;
    }
    case 14:
      how = ', 2,000 tiny fields';
      body = Buffer.concat([
        Buffer.from(Array.from({ length: 2000 }, (_, i) => tiny(`f${i}`, 'x')).join('')),
        body,
      ]);
      break;
    case 15:
      how = ', two boundary parameters';
      header = `multipart/form-data; boundary=other; boundary=${boundary}`;
      break;
    case 16:
      // busboy stops at it: with a large rest of the body, the connection once served no later request.
      how = ', broken part header before 300 KB';
      body = Buffer.concat([
        edit(disposition, 'Content-Disposition form-data garbage\r\n: :'),
        Buffer.from(tiny('pad', 'x'.repeat(300_000))),
      ]);
      break;
    default:
  }
  return { label: `multipart ${label}${how}`, headers: { 'content-type': header }, body };
}

const fileNames = [
  'a.txt',
  'b.md',
  'c.html',
  'd.pdf',
  'e.docx',
  'f.csv',
  'g.exe',
  'noext',
  '../../etc/passwd.txt',
  'a.txt%00.pdf',
  `${'x'.repeat(300)}.txt`,
  'ü.txt',
  '.txt',
  'C:\\x\\a.txt',
];
const contents = (rng: Rng): [string, () => Buffer] =>
  rng.pick<[string, () => Buffer]>([
    ['text', () => Buffer.from('Our office is open 9 to 18. Доставка за 3 дня.')],
    [
      'markdown',
      () => Buffer.from('# Prices\n\n| plan | price |\n|---|---|\n| a | 1 |\n' + '#'.repeat(1000)),
    ],
    ['html', () => Buffer.from('<html><script>alert(1)</script><p>Hello<p><div>'.repeat(50))],
    ['fake pdf', () => Buffer.concat([Buffer.from('%PDF-1.4\n'), bytes(rng, 500)])],
    ['fake docx', () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), bytes(rng, 500)])],
    ['qa csv', () => Buffer.from('question,answer\n"How much?","10"\n"broken\n')],
    ['binary', () => bytes(rng, 300)],
    ['empty', () => Buffer.alloc(0)],
  ]);

let bigUpload: Buffer | undefined;
/** A knowledge upload: raw with ?fileName= or multipart, names and contents that may disagree. */
export function uploadBody(rng: Rng, large: boolean): Body {
  const fileName = rng.pick(fileNames);
  if (large && rng.chance(0.03)) {
    bigUpload ??= Buffer.alloc(21 * 1024 * 1024, 0x61);
    return {
      label: 'upload over 20 MiB',
      headers: { 'content-type': 'text/plain' },
      body: bigUpload,
      query: '?fileName=big.txt',
    };
  }
  const [what, make] = contents(rng);
  const content = make();
  const type = rng.pick([
    'text/plain',
    'application/pdf',
    'application/octet-stream',
    'text/html',
    'text/markdown',
    'image/png',
  ]);
  if (rng.chance(0.4))
    return multipart(
      `${what} as ${fileName}`,
      rng.chance(0.9) ? 'file' : 'other',
      fileName,
      type,
      content,
      rng,
    );
  return {
    label: `raw ${what} as ${fileName}`,
    headers: { 'content-type': type },
    body: content,
    query: `?fileName=${encodeURIComponent(fileName)}`,
  };
}

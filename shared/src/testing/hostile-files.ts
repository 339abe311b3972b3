// Builders of hostile knowledge files for tests and benchmarks, made in memory: ZIPs (with declared
// sizes that may lie), DOCX files with one huge text run, DOCX bombs and PDFs with many pages.
import { deflateRawSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export type ZipInput = {
  name: string;
  data: Uint8Array | string;
  /** The uncompressed size written in the headers (default: the true one). */
  declaredSize?: number;
  /** Store instead of deflate. */
  stored?: boolean;
};

/** A ZIP archive of the entries (deflated unless `stored`), with an honest or a lying size. */
export function zipFile(entries: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === 'string' ? Buffer.from(e.data) : Buffer.from(e.data);
    const body = e.stored ? raw : deflateRawSync(raw, { level: 9 });
    const name = Buffer.from(e.name);
    const size = e.declaredSize ?? raw.length;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.stored ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.stored ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const contentTypes =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const rels =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const docStart =
  '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>';
const docEnd = '</w:t></w:r></w:p></w:body></w:document>';

/** A DOCX whose one paragraph is `text` (or `runChars` repetitions of `char`, built without a string). */
export function docxFile(
  opts: { text?: string; runChars?: number; char?: string; declaredSize?: number } = {},
): Buffer {
  const xml = opts.runChars
    ? Buffer.concat([
        Buffer.from(docStart),
        Buffer.alloc(opts.runChars, opts.char ?? 'a'),
        Buffer.from(docEnd),
      ])
    : Buffer.from(docStart + (opts.text ?? 'Hello.') + docEnd);
  return zipFile([
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: rels },
    {
      name: 'word/document.xml',
      data: xml,
      ...(opts.declaredSize ? { declaredSize: opts.declaredSize } : {}),
    },
  ]);
}

/** A PDF of `pages` pages, each showing one short line of text. */
export function pdfFile(pages: number): Buffer {
  const objects: string[] = [];
  const kids: string[] = [];
  // 1: catalog, 2: pages, 3: font, then a page and its content stream per page.
  for (let p = 0; p < pages; p++) {
    const page = 4 + p * 2;
    kids.push(`${page} 0 R`);
    const stream = `BT /F1 12 Tf 72 720 Td (Page ${p + 1} of the long file.) Tj ET`;
    objects[page] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${page + 1} 0 R >>`;
    objects[page + 1] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  }
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  // Offsets are summed piece by piece: measuring the growing string each time was quadratic (minutes
  // for 20,000 pages).
  const parts = ['%PDF-1.4\n'];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  for (let i = 1; i < objects.length; i++) {
    offsets[i] = length;
    const part = `${i} 0 obj\n${objects[i]}\nendobj\n`;
    parts.push(part);
    length += part.length;
  }
  parts.push(`xref\n0 ${objects.length}\n0000000000 65535 f \n`);
  for (let i = 1; i < objects.length; i++) parts.push(`${String(offsets[i]).padStart(10, '0')} 00000 n \n`);
  parts.push(`trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`);
  const out = parts.join('');
  return Buffer.from(out, 'latin1');
}

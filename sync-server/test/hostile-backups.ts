// Hostile team-backup files for the restore tests and the hostile-uploads bench: gzips built from a
// piece compressed once and repeated (never the unpacked text in memory): a header line then a newline
// bomb, one line of hundreds of MB, a gzip bomb of valid-looking files docs, and deeply nested lines.
import { gzipSync } from 'node:zlib';

export type HostileBackup = { name: string; what: string; body: Buffer };

const MiB = 1024 * 1024;

const headerLine = () =>
  JSON.stringify({
    type: 'header',
    format: 'sales-workspace-backup',
    version: 1,
    teamId: 'hostile',
    createdAt: new Date(0).toISOString(),
    collections: [],
  }) + '\n';

/**
 * The gzip of `head`, then `piece` `times` times, then `tail`: one gzip member each, concatenated (as
 * gzip allows and zlib reads), so `piece` is compressed once and the unpacked text never exists here.
 */
export function gzipStream(head: string, piece: Buffer, times: number, tail = ''): Buffer {
  const packed = gzipSync(piece, { level: 9 });
  return Buffer.concat([
    gzipSync(head),
    ...Array.from({ length: times }, () => packed),
    ...(tail ? [gzipSync(tail)] : []),
  ]);
}

/** A header line, then `mib` MiB of newlines: ~1,000 times smaller packed. */
export const newlineBomb = (mib: number) => gzipStream(headerLine(), Buffer.alloc(MiB, '\n'), mib);

/** A header line, then one line of `mb` million spaces. */
export const longLine = (mb: number) => gzipStream(headerLine(), Buffer.alloc(1_000_000, ' '), mb, '\n');

/** A header line, then `count` files docs, each with an attachment of `attachmentMib` MiB (base64 'A's). */
export function attachmentBomb(count: number, attachmentMib: number): Buffer {
  const data = 'A'.repeat(Math.floor((attachmentMib * MiB) / 3) * 4);
  const line =
    JSON.stringify({
      type: 'doc',
      collection: 'files',
      doc: {
        _id: 'bomb',
        kind: 'knowledge',
        fileName: 'bomb.bin',
        _attachments: { original: { content_type: 'application/octet-stream', data } },
      },
    }) + '\n';
  return gzipStream(headerLine(), Buffer.from(line), count);
}

/** A header line, then `lines` doc lines whose contact holds arrays nested `depth` deep. */
export function nestedLines(lines: number, depth: number): Buffer {
  const line = `{"type":"doc","collection":"contacts","doc":{"_id":"deep","name":${'['.repeat(depth)}${']'.repeat(depth)}}}\n`;
  return gzipStream(headerLine(), Buffer.from(line), lines);
}

/** The four hostile restores of issue 34 at the given sizes. */
export function hostileBackups(sizes: {
  newlineMib: number;
  lineMb: number;
  bomb: { count: number; attachmentMib: number };
  nested: { lines: number; depth: number };
}): HostileBackup[] {
  const { bomb, nested } = sizes;
  return [
    {
      name: 'newlines.ndjson.gz',
      what: `header line, then ${sizes.newlineMib} MiB of newlines`,
      body: newlineBomb(sizes.newlineMib),
    },
    {
      name: 'long-line.ndjson.gz',
      what: `header line, then one line of ${sizes.lineMb} MB of spaces`,
      body: longLine(sizes.lineMb),
    },
    {
      name: 'bomb.ndjson.gz',
      what: `gzip bomb: ${bomb.count} files docs of ${bomb.attachmentMib} MiB attachments (${Math.round((bomb.count * bomb.attachmentMib * 4) / 3)} MiB unpacked)`,
      body: attachmentBomb(bomb.count, bomb.attachmentMib),
    },
    {
      name: 'nested.ndjson.gz',
      what: `${nested.lines} lines of arrays nested ${nested.depth.toLocaleString('en-US')} deep`,
      body: nestedLines(nested.lines, nested.depth),
    },
  ];
}

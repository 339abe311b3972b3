// Bytes of an uploaded text file to a string: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's
// "Unicode text"), or Windows-1251 (Russian Excel's default CSV). Binary data is refused.
import { DomainError } from '@app/shared/errors';

// eslint-disable-next-line no-control-regex -- control characters mark binary data
const controlChars = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;

function decodeWith(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Decodes a text upload; throws `file-empty` or `unsupported-file` with a reason. */
export function decodeText(bytes: Uint8Array, what = 'file'): string {
  if (bytes.length === 0) throw new DomainError('file-empty', `The ${what} is empty`);
  let text: string | null;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    text = decodeWith('utf-8', bytes.subarray(3));
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decodeWith('utf-16le', bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decodeWith('utf-16be', bytes.subarray(2));
  else {
    text = decodeWith('utf-8', bytes);
    // Not UTF-8: Windows-1251 if it has no bytes that are undefined there and no control characters.
    if (text === null && !bytes.includes(0x98)) text = decodeWith('windows-1251', bytes);
  }
  if (text === null || controlChars.test(text)) {
    throw new DomainError(
      'unsupported-file',
      `The ${what} is not text (binary data or an unknown encoding); send UTF-8`,
    );
  }
  if (text.trim() === '') throw new DomainError('file-empty', `The ${what} has no content`);
  return text;
}

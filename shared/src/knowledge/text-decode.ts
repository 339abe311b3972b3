// Bytes to text for the text formats, refusing binary data passed off as text.
import { DomainError } from '../errors';

export function decodeText(name: string, bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: accept Windows-1251 (common for Russian files) unless it looks binary.
    text = new TextDecoder('windows-1251').decode(bytes);
  }
  text = text.replace(/^\ufeff/, '');
  const sample = text.slice(0, 65_536);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.02) {
    throw new DomainError('file-unreadable', `${name}: the file is binary, not text`);
  }
  return text;
}

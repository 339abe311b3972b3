// Telegram takes at most 4096 characters per message: longer texts go out as several messages,
// cut at a paragraph, line, sentence or word boundary when one is near the limit.

export const TELEGRAM_TEXT_LIMIT = 4096;

function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  const floor = Math.floor(max * 0.5);
  for (const sep of ['\n\n', '\n', '. ', ' ']) {
    const i = window.lastIndexOf(sep, max - sep.length);
    if (i >= floor) return i + sep.length;
  }
  // No boundary: a hard cut, never between the halves of a surrogate pair.
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/** Splits a text into parts of at most `max` UTF-16 units (Telegram's own measure). */
export function splitText(text: string, max = TELEGRAM_TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    const part = rest.slice(0, cut).trimEnd();
    if (part) parts.push(part);
    rest = rest.slice(cut).trimStart();
  }
  if (rest.trim() || parts.length === 0) parts.push(rest);
  return parts;
}

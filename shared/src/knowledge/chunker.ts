// Chunking that respects structure: sections under the same headings (and page) are packed together up
// to `maxChars`; a section too long for one chunk is cut at sentence ends (words as a last resort);
// consecutive chunks of one run share about `overlap` characters of whole sentences, the shared part
// beginning where a thought begins.
import type { Section } from './types';

export type ChunkerOptions = { maxChars?: number; overlap?: number };
export type Piece = Omit<Section, 'atomic'>;

const sentenceEnd = /(?<=[.!?…])\s+(?=[\p{Lu}\p{N}"«(])|\n+/gu;

/** Sentences of a text with their offsets relative to it. */
function sentences(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (const m of text.matchAll(sentenceEnd)) {
    if (m.index > start) out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/** A sentence that goes on from the one before it: a lower-case start or a joining word ("But", "Также"). */
const joining =
  /^(but|and|also|or|so|however|then|moreover|но|а|и|также|однако|поэтому|зато|при этом|кроме того)(?![\p{L}\p{N}])/iu;
const continues = (sentence: string) => /^\p{Ll}/u.test(sentence) || joining.test(sentence);

/**
 * The tail of a chunk carried into the next one: whole sentences within `overlap` characters, with
 * their line breaks, beginning where a thought begins (never with "But …" or a lower-case fragment):
 * back to that sentence when `room` allows, else past the sentences that go on from others. A next
 * chunk that itself goes on from the tail (`next` opens with "Также …") gets its thought's start.
 */
function overlapTail(text: string, overlap: number, room: number, next: string): string {
  const all = sentences(text);
  const sentence = (i: number) => text.slice(all[i]!.start, all[i]!.end);
  const fits = (i: number) => text.length - all[i]!.start <= room;
  let from = all.length;
  while (from > 0 && text.length - all[from - 1]!.start <= overlap) from--;
  if (from === all.length && all.length > 0 && continues(next)) from = all.length - 1;
  let back = from;
  while (back > 0 && back < all.length && continues(sentence(back))) back--;
  if (back < from && !continues(sentence(back)) && fits(back)) from = back;
  else while (from < all.length && continues(sentence(from))) from++;
  return from < all.length && fits(from) ? text.slice(all[from]!.start).trim() : '';
}

/** The last space at or before `end` and after `floor`, if any (a bounded scan). */
function spaceBefore(text: string, end: number, floor: number): number | undefined {
  for (let i = end; i > floor; i--) if (text.charCodeAt(i) === 32) return i;
  return undefined;
}

/** Splits one long span into windows of at most `max` chars, at sentence ends, then at spaces. */
function split(text: string, max: number): Array<{ start: number; end: number }> {
  const units: Array<{ start: number; end: number }> = [];
  for (const s of sentences(text)) {
    if (s.end - s.start <= max) units.push(s);
    else {
      for (let at = s.start; at < s.end;) {
        let end = Math.min(s.end, at + max);
        // Look back for a space no further than half a window: `lastIndexOf` from `end` scanned back
        // to the text's start on text without spaces, which made chunking quadratic.
        if (end < s.end) end = spaceBefore(text, end, at + max / 2) ?? end;
        units.push({ start: at, end });
        at = end;
        while (at < s.end && text[at] === ' ') at++;
      }
    }
  }
  return units;
}

export function chunkSections(sections: Section[], options: ChunkerOptions = {}): Piece[] {
  const max = options.maxChars ?? 1200;
  const overlap = options.overlap ?? 150;
  const out: Piece[] = [];
  let run: Piece | undefined;
  const key = (s: Section) => `${s.page ?? ''}|${s.headings.join('\u0000')}`;
  let runKey = '';
  const emit = () => {
    if (run) out.push(run);
    run = undefined;
  };
  for (const section of sections) {
    const { atomic, ...piece } = section;
    if (atomic) {
      emit();
      out.push(piece);
      continue;
    }
    const units = split(section.text, max).map((u) => ({
      text: section.text.slice(u.start, u.end),
      start: section.start + u.start,
      end: section.start + u.end,
    }));
    for (const unit of units) {
      if (run && runKey === key(section) && run.text.length + 2 + unit.text.length <= max) {
        run.text += (unit.start - run.end > 1 ? '\n\n' : ' ') + unit.text;
        run.end = unit.end;
        continue;
      }
      const previous = run && runKey === key(section) ? run : undefined;
      emit();
      // Carry the tail sentences of the previous chunk into this one (same headings only).
      const gap = previous && unit.start - previous.end > 1 ? '\n\n' : ' ';
      const room = max - gap.length - unit.text.length;
      const carry = previous && overlap > 0 ? overlapTail(previous.text, overlap, room, unit.text) : '';
      const text =
        carry && carry.length + gap.length + unit.text.length <= max
          ? `${carry}${gap}${unit.text}`
          : unit.text;
      run = {
        ...piece,
        text,
        start: text === unit.text ? unit.start : Math.max(0, unit.start - carry.length - gap.length),
        end: unit.end,
      };
      runKey = key(section);
    }
  }
  emit();
  return out;
}

// The split of the public labelled sets by a hash of the text: FNV-1a (32 bit) of the text mod 10 < 7 is the
// tuning part, the rest the held-out part (only measured on, never tuned on).
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
export type Split = 'tune' | 'heldout' | 'all';
export const splitOf = (text: string): 'tune' | 'heldout' => (fnv1a(text) % 10 < 7 ? 'tune' : 'heldout');
export const inSplit = (text: string, split: Split) => split === 'all' || splitOf(text) === split;

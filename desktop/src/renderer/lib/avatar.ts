// A person's avatar without a photo, as chat inboxes draw one: up to two initials on a colour that is
// the same for the same person on every screen and device (from their id, not their name, so renaming
// a contact keeps the colour).

/** The initials of a name: the first letters of its first two words ("Анна Петрова" → "АП"). */
export function initialsOf(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const letters = words.slice(0, 2).map((w) => [...w][0]!.toLocaleUpperCase());
  return letters.join('') || '?';
}

/** Which of the stylesheet's avatar colours (`.avatar.c0` … `.c7`) a person gets. */
export function avatarColor(id: string, colors = 8): number {
  // FNV-1a: small, stable across runs and engines.
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % colors;
}

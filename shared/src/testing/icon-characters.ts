// The icon-character rule (issue 64 item 10), one rule for every surface that draws text: the desktop
// renderer (desktop/src/renderer/icon-characters.test.ts) and the web chat widget
// (sync-server/src/channels/webchat/widget-script.test.ts). No Unicode or emoji character stands in
// for an icon: one renders as a box on a machine without an emoji font. A pictograph (emoji, ⚡, ✉, ☑,
// ⚠…) fails wherever it is. A symbol that reads as an icon (an arrow, a bullet, a cross, a check mark,
// a triangle) fails when it stands alone or at either end of a text, where an icon goes ("📎 file",
// "Tasks →", "×"); between words it is punctuation ("Stage → Won", "3 × 1 200"). Typographic
// characters (« » — – … ·) and the ⌘ key cap are text and pass. What stylesheets draw with `content:`
// is held to the same rule (`cssContents` reads it). Pure: no Node built-in, so a renderer test uses it.

/** Emoji and pictographs: never text (© ® ™ are, and ⌘ names a key). */
const pictograph = /(?![©®™⌘])[\p{Extended_Pictographic}\u{1F000}-\u{1FAFF}]/u;
/** Symbols that look like icons: arrows, technical signs, shapes, dingbats, bullets, ×, ⋯. */
const iconLike = /(?!⌘)[\u2190-\u21FF\u2300-\u23FF\u25A0-\u27BF\u2B00-\u2BFF\u2022\u00D7\u22EF]/u;
const atEdge = new RegExp(`^(${iconLike.source})|(${iconLike.source})$`, 'u');

/** The character that makes a shown text an icon drawn with a character, or null. */
export function iconCharacter(text: string): string | null {
  const trimmed = text.trim();
  const pict = pictograph.exec(trimmed);
  if (pict) return pict[0];
  const edge = atEdge.exec(trimmed);
  return edge ? (edge[1] ?? edge[2] ?? null) : null;
}

/** The characters a stylesheet draws (`content: '\\2708'`), its escapes read. */
export function cssContents(css: string): string[] {
  return [...css.matchAll(/content:\s*(['"])(.*?)\1/g)].map((m) =>
    m[2]!.replace(/\\([0-9a-fA-F]{1,6})\s?/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16))),
  );
}

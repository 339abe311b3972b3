// No Unicode or emoji character stands in for an icon (issue 64 item 10): one rendered as a box on a
// machine without an emoji font. Icons come from lucide-react. The TypeScript compiler reads every
// renderer source (the dictionaries too) and looks at what can reach the screen: string literals,
// templates and JSX text. A pictograph (emoji, ⚡, ✉, ☑, ⚠…) fails wherever it is. A symbol that
// reads as an icon (an arrow, a bullet, a cross, a check mark, a triangle) fails when it stands alone
// or at either end of a text, where an icon goes ("📎 file", "Tasks →", "×"); between words it is
// punctuation ("Stage → Won", "3 × 1 200"). Typographic characters (« » — – … ·) and the ⌘ key cap
// are text and pass. What stylesheets draw with `content:` is held to the same rule. The rule is
// shared with the web chat widget's test: @app/shared/testing/icon-characters.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { cssContents, iconCharacter } from '@app/shared/testing/icon-characters';

const sources = import.meta.glob<string>(['./**/*.{ts,tsx}', '!./**/*.test.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const styles = import.meta.glob<string>('./**/*.css', { query: '?raw', import: 'default', eager: true });

/**
 * Screens another change owns at the moment: their characters are listed so the rest is held to the
 * rule now; each entry must still be there, so the list shrinks when they are replaced. None now (the
 * calendar and tasks' ✦ and ↗ became Sparkles and ArrowUpRight, issue 64 items 6-7).
 */
const pending: { file: string; text: string }[] = [];

type Finding = { file: string; line: number; text: string };

function findings(file: string, source: string): Finding[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const out: Finding[] = [];
  const check = (node: ts.Node, text: string) => {
    const bad = iconCharacter(text);
    if (bad) out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: bad });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) check(node, node.text);
    else if (ts.isTemplateExpression(node))
      // A placeholder stands for a word, so an arrow between two of them is between words.
      check(node, [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('x'));
    else if (ts.isJsxText(node)) check(node, node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('icons are lucide-react icons, not characters', () => {
  it('finds none in the renderer', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    const all = Object.entries(sources).flatMap(([file, source]) => findings(file, source));
    const left = all.filter((f) => !pending.some((p) => p.file === f.file && p.text === f.text));
    expect(left.map((f) => `${f.file}:${f.line} ${f.text}`)).toEqual([]);
    for (const p of pending)
      expect(
        all.some((f) => f.file === p.file && f.text === p.text),
        p.file,
      ).toBe(true);
  });

  it('finds none drawn by a stylesheet', () => {
    expect(cssContents(".a::before { content: '\\2708'; } .b::after { content: '@'; }")).toEqual(['✈', '@']);
    expect(Object.keys(styles).length).toBeGreaterThan(3);
    const drawn = Object.entries(styles).flatMap(([file, css]) =>
      cssContents(css)
        .filter((c) => iconCharacter(c))
        .map((c) => `${file} ${c}`),
    );
    expect(drawn).toEqual([]);
  });
});

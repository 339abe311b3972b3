// The web chat widget draws no icon with a character (issue 64): an emoji (📎) or a lone symbol (×) is
// a box on a visitor's machine without an emoji font, so its icons are inline SVG (lucide's). The same
// rule as the desktop renderer's, one rule in @app/shared/testing/icon-characters: a pictograph fails
// anywhere in a text; a symbol that reads as an icon (arrow, cross, check mark, bullet, shape) fails
// alone or at either end of a text, where an icon goes; between words it is punctuation. The widget is
// plain JavaScript in one string, so it is parsed as such: each string literal is a text, and the
// markup in one is read as the texts between its tags; what its stylesheet draws with `content:` too.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { cssContents, iconCharacter } from '@app/shared/testing/icon-characters';
import { widgetScript } from './widget-script.js';

/** The texts a string of the script can show: the string, or the texts between its tags. */
function shownTexts(text: string): string[] {
  return [...text.split(/<[^>]*>/), ...cssContents(text)];
}

/** Each icon character in the script's strings, with its line. */
function findings(source: string): string[] {
  const sf = ts.createSourceFile('widget.js', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
      for (const text of shownTexts(node.text)) {
        const bad = iconCharacter(text);
        if (bad) out.push(`${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${bad}`);
      }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('the web chat widget draws icons as SVG, not characters', () => {
  it('finds an emoji, a lone symbol, one in markup and one a stylesheet draws', () => {
    expect(findings("a.textContent = '📎 ' + f.name;")).toEqual(['1: 📎']);
    expect(findings('var h = \'<button class="close">×</button>\';')).toEqual(['1: ×']);
    expect(findings('var css = \'.x::before{content:"\\\\2192"}\';')).toEqual(['1: →']);
    expect(findings("var s = 'Stage → Won', q = '3 × 2', t = 'Ваше сообщение…';")).toEqual([]);
  });

  it('finds none in the widget', () => {
    expect(widgetScript.length).toBeGreaterThan(5000);
    expect(findings(widgetScript)).toEqual([]);
  });

  it('draws the paperclip and the close button with inline SVG, hidden from screen readers', () => {
    expect(widgetScript).toContain("a.appendChild(icon('paperclip'))");
    expect(widgetScript).toContain('a.appendChild(document.createTextNode(f.name))');
    expect(widgetScript).toContain("closeBtn.appendChild(icon('x'))");
    expect(widgetScript).toMatch(/'aria-hidden': 'true'/);
    expect(widgetScript).not.toMatch(/innerHTML\s*=\s*[^;]*\bf\.name/);
  });
});

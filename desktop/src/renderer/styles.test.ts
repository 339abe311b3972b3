// The design tokens hold: colours and type sizes are named once in styles.css's :root block and
// rules use them (a colour literal elsewhere is a colour the theme cannot change), every token used is
// defined, and the semantic colours exist for success, warning and danger with their soft backgrounds.
// Light and dark live side by side in that block (light-dark()), the theme and density choices of
// Settings > Appearance are attribute selectors on :root.
import { describe, expect, it } from 'vitest';
import css from './styles.css?raw';

/** The :root block of the tokens (the attribute-scoped :root[...] rules are not token blocks). */
const roots = [...css.matchAll(/:root\s*\{[^}]*\}/g)].map((m) => m[0]);
const root = roots[0] ?? '';
const rules = css.replace(/:root\s*\{[^}]*\}/g, '');
const defined = new Set(roots.flatMap((r) => [...r.matchAll(/^\s*(--[\w-]+):/gm)].map((m) => m[1])));
/** Colour tokens the same in both themes: avatars and channel marks carry white text in either. */
const sameInBoth = /^--(avatar-\d|chan-[\w-]+|on-color|ok|warn|bad)$/;

describe('styles.css design tokens', () => {
  it('names every colour and type size in :root only', () => {
    expect(rules.length).toBeGreaterThan(5_000); // the stylesheet itself, not an empty stand-in
    const literals = [
      ...rules.matchAll(/#[0-9a-fA-F]{3,8}\b|\b(rgba?|hsla?)\(|font-size:\s*\d+(\.\d+)?px/g),
    ].map((m) => m[0]);
    expect(literals).toEqual([]);
  });

  it('uses only tokens it defines', () => {
    const used = new Set([...css.matchAll(/var\((--[\w-]+)/g)].map((m) => m[1]!));
    expect([...used].filter((name) => !defined.has(name))).toEqual([]);
  });

  it('has the semantic colours, spacing, radius and type scale', () => {
    for (const name of [
      '--success',
      '--success-soft',
      '--warning',
      '--warning-soft',
      '--danger',
      '--danger-soft',
      '--space-2',
      '--radius',
      '--font-base',
    ])
      expect(defined, name).toContain(name);
    // The dark theme gives every colour of the light one a dark value, in the same declaration.
    const tokens = [...root.matchAll(/^\s*(--[\w-]+):\s*([^;]+);/gm)].map((m) => [m[1]!, m[2]!] as const);
    const colours = tokens.filter(([, v]) => /#|rgba?\(|gradient/.test(v));
    expect(colours.filter(([, v]) => v.includes('light-dark(')).length).toBeGreaterThan(20);
    expect(
      colours.filter(([name, v]) => !v.includes('light-dark(') && !sameInBoth.test(name)).map(([n]) => n),
    ).toEqual([]);
    expect(root).toMatch(/color-scheme:\s*light dark/);
    // The old names point at the semantic ones.
    expect(root).toMatch(/--bad:\s*var\(--danger\)/);
  });

  it('pins the theme and density only through attributes on <html>', () => {
    expect(css).not.toContain('prefers-color-scheme');
    expect(css).toMatch(/:root\[data-theme='dark'\]\s*\{\s*color-scheme:\s*dark;/);
    expect(css).toMatch(/:root\[data-theme='light'\]\s*\{\s*color-scheme:\s*light;/);
    const compact = /:root\[data-density='compact'\]\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
    for (const name of ['--row-h', '--conv-row-h', '--contact-row-h']) {
      const px = (block: string) => Number(new RegExp(`${name}:\\s*(\\d+)px`).exec(block)?.[1]);
      expect(px(compact), name).toBeLessThan(px(root));
    }
  });
});

// The design tokens hold: colours and type sizes are named once in styles.css's :root block and
// rules use them (a colour literal elsewhere is a colour the theme cannot change), every token used is
// defined, and the semantic colours exist for success, warning and danger with their soft backgrounds.
import { describe, expect, it } from 'vitest';
import css from './styles.css?raw';

/** The :root blocks: the tokens, and their dark values (in a prefers-color-scheme media query). */
const roots = [...css.matchAll(/:root\s*\{[^}]*\}/g)].map((m) => m[0]);
const root = roots[0] ?? '';
const rules = css.replace(/:root\s*\{[^}]*\}/g, '');
const defined = new Set(roots.flatMap((r) => [...r.matchAll(/^\s*(--[\w-]+):/gm)].map((m) => m[1])));
const darkRoot = roots[1] ?? '';

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
    // The dark theme gives every colour of the light one a dark value.
    const colours = (block: string) =>
      [...block.matchAll(/^\s*(--[\w-]+):\s*(#|rgba?\(|linear-gradient)/gm)].map((m) => m[1]);
    expect(colours(darkRoot).length).toBeGreaterThan(20);
    expect(colours(root).filter((name) => !colours(darkRoot).includes(name))).toEqual([]);
    // The old names point at the semantic ones.
    expect(root).toMatch(/--bad:\s*var\(--danger\)/);
  });
});

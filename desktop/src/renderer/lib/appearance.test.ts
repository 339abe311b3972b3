// The device's appearance choice: what is stored reads back, anything else falls back to the system
// theme and comfortable rows, and applying it sets or clears the attributes styles.css reads.
import { describe, expect, it } from 'vitest';
import { applyAppearance, parseAppearance } from './appearance';

/** The root element's `dataset` alone, as applyAppearance touches nothing else. */
const fakeRoot = () => ({ dataset: {} as Record<string, string> }) as unknown as HTMLElement;

describe('parseAppearance', () => {
  it('reads a stored choice', () => {
    expect(parseAppearance('{"theme":"dark","density":"compact"}')).toEqual({
      theme: 'dark',
      density: 'compact',
    });
  });

  it('falls back per field on nothing, junk or unknown values', () => {
    const defaults = { theme: 'system', density: 'comfortable' };
    expect(parseAppearance(null)).toEqual(defaults);
    expect(parseAppearance('not json')).toEqual(defaults);
    expect(parseAppearance('"dark"')).toEqual(defaults);
    expect(parseAppearance('{"theme":"sepia","density":"compact"}')).toEqual({
      theme: 'system',
      density: 'compact',
    });
  });
});

describe('applyAppearance', () => {
  it('puts a pinned theme and compact rows on the root, and removes them for system / comfortable', () => {
    const root = fakeRoot();
    applyAppearance({ theme: 'dark', density: 'compact' }, root);
    expect(root.dataset).toEqual({ theme: 'dark', density: 'compact' });
    applyAppearance({ theme: 'system', density: 'comfortable' }, root);
    expect(root.dataset).toEqual({});
  });
});

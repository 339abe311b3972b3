// The icon-character rule (icon-characters.ts) on texts of its own: a pictograph anywhere and an
// icon-like symbol at an end are icons; the same symbols between words, typography and ⌘ are text.
import { describe, expect, it } from 'vitest';
import { cssContents, iconCharacter } from './icon-characters';

describe('the icon-character rule', () => {
  it('reads a pictograph anywhere and an icon-like symbol at an end as an icon', () => {
    expect(iconCharacter('📎 report.pdf')).toBe('📎');
    expect(iconCharacter('Tasks →')).toBe('→');
    expect(iconCharacter('×')).toBe('×');
    expect(iconCharacter('✓ picked')).toBe('✓');
    expect(iconCharacter('Live ⚡ now')).toBe('⚡');
    expect(iconCharacter('Stage → {stage}')).toBeNull();
    expect(iconCharacter('quantity × unit price')).toBeNull();
    expect(iconCharacter('«Мероприятия» — 3 …')).toBeNull();
    expect(iconCharacter('Ctrl/⌘+K')).toBeNull();
    expect(iconCharacter('⌘')).toBeNull();
  });

  it('reads what a stylesheet draws, its escapes decoded', () => {
    expect(cssContents(".a::before { content: '\\2708'; } .b::after { content: '@'; }")).toEqual(['✈', '@']);
  });
});

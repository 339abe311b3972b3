import { describe, expect, it } from 'vitest';
import type { AgentSettingsDoc } from '@app/shared/schemas';
import { withText } from './ProfileText';

const profile = {
  id: 'agent-1',
  name: 'Sales assistant',
  persona: 'Base persona.',
  instructions: 'Base instructions.',
  language: 'auto',
  allowedTools: [],
  channels: [],
  isDefault: true,
  createdAt: '2026-11-23T00:00:00.000Z',
  updatedAt: '2026-11-23T00:00:00.000Z',
} as unknown as AgentSettingsDoc;

describe('persona and instructions per language', () => {
  it('writes the profile’s own text for any language, a language’s under localized', () => {
    expect(withText(profile, 'any', 'persona', 'New.').persona).toBe('New.');
    const ru = withText(profile, 'ru', 'persona', 'Консультант.');
    expect(ru.persona).toBe('Base persona.');
    expect(ru.localized).toEqual({ ru: { persona: 'Консультант.' } });
    const both = withText(ru, 'en', 'instructions', 'Be brief.');
    expect(both.localized).toEqual({ ru: { persona: 'Консультант.' }, en: { instructions: 'Be brief.' } });
  });

  it('drops a language whose texts are all emptied, and localized when none is left', () => {
    const ru = withText(profile, 'ru', 'persona', 'Консультант.');
    const emptied = withText(ru, 'ru', 'persona', '');
    expect('localized' in emptied).toBe(false);
    const both = withText(withText(ru, 'en', 'persona', 'Hi.'), 'ru', 'persona', '');
    expect(both.localized).toEqual({ en: { persona: 'Hi.' } });
  });
});

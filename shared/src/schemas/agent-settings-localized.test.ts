// Persona and instructions per reply language: optional on a profile (schema v5, no data change), checked
// like every field by the shared validator (the gateway and the API use it), and followed by the prompt.
import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../agents/profiles';
import { systemPrompt } from '../agents/prompt';
import { migrateDoc, validateDoc } from '../validation';
import { profileTextFor, type AgentSettingsDoc } from './agent-settings';

const profile: AgentSettingsDoc = {
  ...defaultProfile,
  persona: 'Base persona.',
  instructions: 'Base instructions.',
  localized: { ru: { persona: 'Вы — вежливый консультант.', instructions: '' } },
};
const prompt = (language: 'en' | 'ru') =>
  systemPrompt({ profile, hits: [], language, now: new Date(0), injectionSuspected: false, tools: [] });

describe('localized persona and instructions', () => {
  it('uses the language’s own text where it has one, the profile’s otherwise', () => {
    expect(profileTextFor(profile, 'ru')).toEqual({
      persona: 'Вы — вежливый консультант.',
      instructions: 'Base instructions.',
    });
    expect(profileTextFor(profile, 'en')).toEqual({
      persona: 'Base persona.',
      instructions: 'Base instructions.',
    });
    expect(prompt('ru')).toContain('Вы — вежливый консультант.');
    expect(prompt('ru')).not.toContain('Base persona.');
    expect(prompt('en')).toContain('Base persona.');
  });

  it('is optional, validated, and a version 4 profile needs no change', () => {
    const { localized: _l, ...old } = profile;
    expect(validateDoc('agent_settings', old).ok).toBe(true);
    expect(validateDoc('agent_settings', profile).ok).toBe(true);
    expect(validateDoc('agent_settings', { ...profile, localized: { de: { persona: 'x' } } }).ok).toBe(false);
    expect(
      validateDoc('agent_settings', { ...profile, localized: { en: { persona: 'x'.repeat(4001) } } }).ok,
    ).toBe(false);
    expect(migrateDoc('agent_settings', { ...old }, 4)).toEqual(old);
  });
});

import { describe, expect, it } from 'vitest';
import { validateDoc } from '@app/shared/validation';
import type { AgentSettingsDoc } from '@app/shared/schemas';
import { touchFields, type MergeableDoc } from '@app/shared/sync';
import { handoffModeOf, MANUAL_HANDOFF_START, withHandoffMode } from './HandoffThreshold';

const at = '2026-11-23T00:00:00.000Z';
const profile = {
  id: 'agent-1',
  name: 'Sales assistant',
  persona: 'Base persona.',
  instructions: 'Base instructions.',
  language: 'auto',
  allowedTools: [],
  channels: [],
  isDefault: true,
  createdAt: at,
  updatedAt: at,
  fieldUpdatedAt: {},
} as unknown as AgentSettingsDoc;

/** What the Agents screen's Save writes: the draft's fields as a patch (Agents.tsx), by updateDoc's touchFields. */
function saved(doc: AgentSettingsDoc, draft: AgentSettingsDoc): AgentSettingsDoc {
  const { id: _id, createdAt: _c, updatedAt: _u, fieldUpdatedAt: _f, history: _h, ...patch } = draft;
  return touchFields(
    doc as unknown as MergeableDoc,
    patch as Partial<MergeableDoc>,
    '2026-11-24T00:00:00.000Z',
  ) as unknown as AgentSettingsDoc;
}

describe('the hand-off threshold: automatic or manual', () => {
  it('is automatic when the profile sets no threshold, manual when it does', () => {
    expect(handoffModeOf(profile)).toBe('auto');
    expect(handoffModeOf({ handoffThreshold: 0 })).toBe('manual');
    expect(handoffModeOf({ handoffThreshold: 0.6 })).toBe('manual');
  });

  it('switching to manual starts at a sensible bar, or at the profile’s saved one', () => {
    expect(withHandoffMode(profile, 'manual').handoffThreshold).toBe(MANUAL_HANDOFF_START);
    expect(withHandoffMode(profile, 'manual', 0.7).handoffThreshold).toBe(0.7);
    // Already manual: the value being edited stays.
    expect(withHandoffMode({ ...profile, handoffThreshold: 0.3 }, 'manual', 0.7).handoffThreshold).toBe(0.3);
  });

  it('automatic saved removes the threshold from the stored profile (not 0.5, not kept)', () => {
    const manual = saved(profile, withHandoffMode(profile, 'manual'));
    expect(manual.handoffThreshold).toBe(MANUAL_HANDOFF_START);
    const auto = saved(manual, withHandoffMode(manual, 'auto'));
    expect('handoffThreshold' in auto).toBe(false);
    expect(handoffModeOf(auto)).toBe('auto');
    // The removal is an edit of its own: the field-level merge lets it win over an older value.
    expect(auto.fieldUpdatedAt?.handoffThreshold).toBe('2026-11-24T00:00:00.000Z');
    expect(validateDoc('agent_settings', manual)).toMatchObject({ ok: true });
    expect(validateDoc('agent_settings', auto)).toMatchObject({ ok: true });
  });
});

// When the agent, unsure what a customer wants, hands the conversation to a rep. Automatic (the
// default): no `handoffThreshold` saved, so the supervisor uses the local classifier's own threshold,
// calibrated on the intents it was trained on (shared/src/agents/roles/unknown-intent.ts). Manual: the
// admin's threshold on a slider, below which the agent hands over unless the knowledge base answers.
import type { AgentSettingsDoc } from '@app/shared/schemas';
import {
  ThresholdSetting,
  thresholdModeOf,
  withThresholdMode,
  type ThresholdCardProps,
  type ThresholdMode,
} from './ThresholdSetting';

export type HandoffMode = ThresholdMode;

/** Where the slider starts when a profile without a threshold of its own switches to manual. */
export const MANUAL_HANDOFF_START = 0.45;

export const handoffModeOf = (draft: Pick<AgentSettingsDoc, 'handoffThreshold'>): HandoffMode =>
  thresholdModeOf(draft, 'handoffThreshold');

/** The draft in the mode chosen (ThresholdSetting.tsx: automatic removes the saved threshold). */
export const withHandoffMode = (
  draft: AgentSettingsDoc,
  mode: HandoffMode,
  start = MANUAL_HANDOFF_START,
): AgentSettingsDoc => withThresholdMode(draft, 'handoffThreshold', mode, start);

export function HandoffThreshold({ saved, ...draft }: ThresholdCardProps) {
  return (
    <ThresholdSetting
      field="handoffThreshold"
      keys="agents.handoffThreshold"
      testId="agent-handoff-threshold"
      part="handoff-threshold"
      {...draft}
      start={saved ?? MANUAL_HANDOFF_START}
    />
  );
}

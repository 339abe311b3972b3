// How sure the agent must be that the knowledge base answers a question before it answers from it
// (shared/src/agents/answer-evidence.ts). Automatic (the default): no `answerThreshold` saved, the
// threshold calibrated for a target precision applies. Manual: the admin moves the trade-off: higher,
// fewer but surer answers and more questions for reps; lower, more answers and more wrong ones.
import { DEFAULT_ANSWER_THRESHOLD } from '@app/shared/agents';
import { ThresholdSetting, type ThresholdCardProps } from './ThresholdSetting';

export function AnswerThreshold({ saved, ...draft }: ThresholdCardProps) {
  return (
    <ThresholdSetting
      field="answerThreshold"
      keys="agents.answerThreshold"
      testId="agent-answer-threshold"
      part="answer-threshold"
      {...draft}
      start={saved ?? DEFAULT_ANSWER_THRESHOLD}
      autoValue={DEFAULT_ANSWER_THRESHOLD}
    />
  );
}

// Under an agent's reply (or a customer message the AI did not answer): one collapsed line of what the
// AI did ("AI: answered from 2 knowledge articles · 82% confident ▸") that opens into its steps in people's
// words, from the run's activity docs (lib/agent-steps.ts).
import { ChevronDown, ChevronRight } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import type { ActivityDoc } from '@app/shared/schemas';
import { useFormat, useI18n } from '../i18n/i18n';
import { agentSteps, runSummary, stepText, summaryText } from '../lib/agent-steps';
import { factKeyLabel, factValueLabel } from '../screens/twin-labels';
import './conversation-extras.css';

export function AgentSteps({
  run,
  reply,
}: {
  run: readonly ActivityDoc[];
  reply?: { text: string; citations?: readonly unknown[] };
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const steps = useMemo(() => agentSteps(run), [run]);
  if (steps.length === 0) return null;
  const summary = summaryText(t, runSummary(steps, reply));
  const fact = (key: string, value: string) =>
    `${factKeyLabel(t, key)}: ${factValueLabel(t, fmt, key, value)}`;
  return (
    <div className="agent-steps" data-testid="agent-steps">
      <button
        className="link agent-steps-toggle"
        aria-expanded={open}
        aria-controls={listId}
        title={open ? t('agentSteps.hide') : t('agentSteps.show')}
        onClick={() => setOpen(!open)}
        data-testid="agent-steps-toggle"
      >
        {t('agentSteps.prefix')}: {summary}{' '}
        {open ? <ChevronDown size={14} aria-hidden="true" /> : <ChevronRight size={14} aria-hidden="true" />}
      </button>
      {open && (
        <ol id={listId} className="agent-steps-list" data-testid="agent-steps-list">
          {steps.map((s, i) => (
            <li key={i} className={`agent-step agent-step-${s.kind}`} data-testid="agent-step">
              {stepText(t, s, fact)}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

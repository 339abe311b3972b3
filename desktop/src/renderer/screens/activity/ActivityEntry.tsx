// One entry of the agents' activity (Activity.tsx): its kind's icon, the sentence, the time, the agent
// who did it, its details as label/value rows on demand, marked when it arrived while the screen was
// open, and links to the conversation, contact and deal when no conversation's card above holds them
// (timeline-groups.ts); and the screen's empty state.
import { useState } from 'react';
import { Zap } from 'lucide-react';
import { useLiveQuery } from '../../data/hooks';
import { useFormat, useI18n } from '../../i18n/i18n';
import { agentRoleLabel } from '../../i18n/labels';
import { entryIcon, type ActivityEntry } from '../../lib/activity-labels';

export function Entry({
  entry,
  last = false,
  fresh = false,
  showTime = true,
}: {
  entry: ActivityEntry;
  /** The last entry of its conversation's card. */
  last?: boolean;
  /** Arrived while the screen was open. */
  fresh?: boolean;
  /** False when the customer's words above it show the same time. */
  showTime?: boolean;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  const [open, setOpen] = useState(false);
  const Icon = entryIcon(entry);
  // In a conversation's card the card's head links the conversation, the contact and the deal.
  const links = entry.conversationId ? [] : entry.links;
  const grouped = entry.conversationId ? ' in-group' : '';
  return (
    <article
      className={`tl-entry kind-${entry.kind}${grouped}${last ? ' last' : ''}${fresh ? ' fresh' : ''}`}
      data-testid="activity-row"
      data-kind={entry.kind}
      data-fresh={fresh}
    >
      <span className="tl-icon" aria-hidden="true">
        <Icon size={14} />
      </span>
      <div className="tl-body">
        <div className="tl-line">
          <span className="tl-sentence" data-testid="activity-sentence">
            {entry.sentence}
          </span>
          {showTime && (
            <time className="muted small" dateTime={entry.at}>
              {fmt.time(entry.at)}
            </time>
          )}
        </div>
        <div className="tl-meta small">
          <span className="muted">{agentRoleLabel(t, entry.role)}</span>
          {links.map((l) => (
            <a key={l.kind} href={l.href} data-testid={`activity-link-${l.kind}`}>
              {l.label}
            </a>
          ))}
          {entry.details.length > 0 && (
            <button
              type="button"
              className="link"
              aria-expanded={open}
              data-testid="activity-expand"
              onClick={() => setOpen(!open)}
            >
              {open ? t('act.hideDetails') : t('act.details')}
            </button>
          )}
        </div>
        {open && (
          <div className="tl-details" data-testid="activity-details">
            {entry.details.map((s) => (
              <section key={s.title}>
                <h3>{s.title}</h3>
                <dl>
                  {s.rows.map((r, i) => (
                    <div key={`${r.label}-${i}`} className="tl-row">
                      <dt>{r.label}</dt>
                      <dd>{r.value}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
        )}
      </div>
    </article>
  );
}

/** An agent's reply on the device: the AI has worked here, whatever its steps' records say. */
const agentReply = { selector: { direction: 'outbound', 'author.kind': 'agent' }, limit: 1 } as const;

/**
 * No steps recorded. A team with no answers yet is shown what to do next, as the inbox's empty state
 * does: connect a channel (steps come with customers' messages), or try the agent meanwhile. When the
 * agents did answer customers (conversations imported with their history, or the demo's, which ships
 * without its steps: sync-server/src/seed/demo-seed.ts) the screen says so instead of "nothing has
 * happened" beside an Analytics that counts those answers (issue 64 item 9).
 */
export function EmptyState() {
  const { t } = useI18n();
  const { docs: replies } = useLiveQuery('messages', agentReply);
  const earlier = replies.length > 0;
  return (
    <div className="tl-empty" data-testid="activity-empty" data-earlier={earlier}>
      <span className="tl-empty-icon" aria-hidden="true">
        <Zap size={28} />
      </span>
      <h2>{t(earlier ? 'act.empty.earlierTitle' : 'act.empty.title')}</h2>
      <p className="muted">{t(earlier ? 'act.empty.earlier' : 'act.empty.body')}</p>
      <p className="row">
        {!earlier && (
          <a className="button primary" href="#/settings/channels" data-testid="activity-connect-channel">
            {t('act.empty.connect')}
          </a>
        )}
        <a className={earlier ? undefined : 'button'} href="#/agents">
          {t('act.empty.test')}
        </a>
      </p>
    </div>
  );
}

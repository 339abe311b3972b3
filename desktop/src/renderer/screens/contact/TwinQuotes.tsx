// The twin's facts under the message each came from (issue 64): a message's quote is shown once, with
// every fact it supports under it (it was repeated under each fact, four times for one message), the
// quote linked to its conversation. Facts a channel read (a Telegram profile) or from a message not on
// this device yet are grouped under that source.
import type { MessageDoc, TwinFact } from '@app/shared/schemas';
import { groupBySource } from './twin-groups';
import './contact-record.css';
import { useFormat, useI18n } from '../../i18n/i18n';
import { channelLabel } from '../../i18n/labels';
import { factKeyLabel, factSourceLabel, factValueLabel } from '../twin-labels';

export function TwinQuotes(p: {
  facts: TwinFact[];
  byId: ReadonlyMap<string, MessageDoc>;
  zone: string | undefined;
  /** How much of a message is quoted (a side panel quotes less). */
  quoteLength?: number;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  const groups = groupBySource(p.facts, p.byId);
  const max = p.quoteLength ?? 280;
  const quote = (text: string) => (text.length > max ? `${text.slice(0, max)}…` : text);
  return (
    <ul className="twin-quotes">
      {groups.map((g) => {
        const fromChannel = factSourceLabel(t, g.source);
        return (
          <li key={g.key} className="twin-quote" data-testid="twin-quote">
            {g.message && fromChannel && <p className="muted small twin-source">{fromChannel}:</p>}
            {g.message ? (
              <blockquote>
                <a
                  href={`#/inbox/${encodeURIComponent(g.message.conversationId)}`}
                  data-testid="twin-quote-text"
                >
                  “{quote(g.message.text)}”
                </a>
                <footer className="muted small">
                  {t('contactRecord.saidOn', {
                    channel: channelLabel(t, g.message.channel),
                    when: fmt.dateTime(g.message.createdAt),
                  })}
                </footer>
              </blockquote>
            ) : (
              <p className="muted small twin-source">
                {fromChannel ?? (g.missing ? t('contact.messageNotHere') : t('contactRecord.otherSource'))}
              </p>
            )}
            <ul className="facts">
              {g.facts.map((f) => (
                <li key={f.id} data-testid="twin-fact">
                  <strong>{factKeyLabel(t, f.key)}</strong>: {factValueLabel(t, fmt, f.key, f.value, p.zone)}
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}

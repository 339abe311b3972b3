// Inbox: live conversations under triage tabs (Mine / Unassigned / All, with counts) and a compact
// Filters control, and the selected conversation. The list runs on the
// conversation rows of data/list-indexes.ts (a cold start reads the stored rows, not 25,000
// conversations), newest activity first; a new message changes its conversation's row and reorders it.
// Narrow windows stack the views (styles.css): at phone width the list, the conversation or the
// customer panel fills the screen, each with a way back; below 1180 px the customer panel takes the
// conversation's place when asked for. A team with no conversation yet is shown where they come from
// (a channel to connect) and the agent to try meanwhile (the test chat).
import { useMemo, useState } from 'react';
import type { VirtualItem } from '@tanstack/react-virtual';
import { Bot, UserRound } from 'lucide-react';
import { useContactNames } from '../data/contact-names';
import { useWorkspace } from '../data/hooks';
import { useConversationIndex, type ConversationRow } from '../data/list-indexes';
import { useFirstPull } from '../data/first-pull';
import { ChannelMark } from '../components/ChannelMark';
import { useFormat, useI18n } from '../i18n/i18n';
import { slotStyle, useRowsVirtualizer, VirtualSpace } from '../lib/virtual-rows';
import { avatarColor, initialsOf } from '../lib/avatar';
import { useNow } from '../lib/clock';
import { channelLabel, handoffReasonLabel } from '../i18n/labels';
import {
  assigneeOf,
  filterConversations,
  isWaiting,
  triageCounts,
  triageTabs,
  type Filters,
  type TriageTab,
} from '../lib/inbox-filter';
import { navigate } from '../lib/router';
import { Conversation } from './Conversation';
import { CustomerPanel } from '../components/CustomerPanel';
import { BackButton } from '../components/ui/BackButton';
import { MoodBadge } from '../components/MoodBadge';
import { TriageBar } from './inbox/TriageBar';
import './inbox/inbox.css';

const tabKey = 'sw.inbox.tab';
const storedTab = (): TriageTab => {
  const v = localStorage.getItem(tabKey);
  return triageTabs.find((k) => k === v) ?? 'all';
};

export function Inbox({ id }: { id?: string | undefined }) {
  const { t } = useI18n();
  // Rows say "12:40" today and "Mon" tomorrow: the list is drawn again as the minutes pass.
  const now = useNow(60_000);
  const ws = useWorkspace();
  const { index, version, ready } = useConversationIndex();
  // During the first sync the list is loading, not empty (issue 64 item 9).
  const firstPull = useFirstPull('conversations');
  const loading = !ready || firstPull;
  const [tab, setTab] = useState<TriageTab>(storedTab);
  const [picked, setFilters] = useState<Omit<Filters, 'assignee'>>({ channel: '', mode: '' });
  const filters: Filters = { ...picked, assignee: assigneeOf[tab] };
  const chooseTab = (k: TriageTab) => {
    localStorage.setItem(tabKey, k);
    setTab(k);
  };
  // The conversation whose customer panel is shown instead of it (narrow windows only).
  const [customerOf, setCustomerOf] = useState<string>();
  const showCustomer = id !== undefined && customerOf === id;
  const list = useMemo(
    () => filterConversations(index.rows.values(), filters, ws.session.userId),
    // `version` stands for the rows: the index changes them in place.
    [index, version, picked, tab, ws.session.userId],
  );
  const counts = useMemo(
    () => triageCounts(index.rows.values(), picked, ws.session.userId),
    [index, version, picked, ws.session.userId],
  );
  const filtered = Boolean(picked.channel || picked.mode);
  const { parent, virtual } = useRowsVirtualizer(list.length, '--conv-row-h', 68, 10);
  const visible = virtual.getVirtualItems().map((row) => list[row.index]?.contactId ?? '');
  const names = useContactNames(ws, visible);

  return (
    <div
      className="split stacked inbox-split"
      data-view={id ? (showCustomer ? 'customer' : 'conversation') : 'list'}
    >
      <section className="list-pane">
        <TriageBar
          tab={tab}
          onTab={chooseTab}
          counts={counts}
          filters={filters}
          onFilters={(f) => setFilters({ channel: f.channel, mode: f.mode })}
        />
        <div ref={parent} className="scroll" data-testid="conversation-list">
          {loading && list.length === 0 && (
            <p className="empty" role="status" data-testid="inbox-loading">
              {t('inbox.loading')}
            </p>
          )}
          {!loading && index.rows.size === 0 && <NoConversations />}
          {!loading && index.rows.size > 0 && list.length === 0 && (
            <p className="empty" data-testid="inbox-empty">
              {filtered || tab === 'all' ? t('inbox.noConversations') : t(`inbox.empty.${tab}`)}
            </p>
          )}
          <VirtualSpace
            virtual={virtual}
            rows={list}
            row={(c, row) => (
              <ConversationItem
                key={c.id}
                conv={c}
                row={row}
                active={c.id === id}
                name={names.get(c.contactId) || c.externalChatId || ''}
                now={now}
              />
            )}
          />
        </div>
      </section>
      <section className="detail-pane">
        {id ? (
          <ConversationDetail id={id} showCustomer={showCustomer} onCustomer={setCustomerOf} />
        ) : (
          <p className="empty">{t('inbox.pick')}</p>
        )}
      </section>
    </div>
  );
}

/** A conversation's row: the customer, the channel, the last message, unread, mood and who answers. */
function ConversationItem({
  conv: c,
  row,
  active,
  name,
  now,
}: {
  conv: ConversationRow;
  row: VirtualItem;
  active: boolean;
  name: string;
  now: number;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  return (
    <button
      className={`conv-row ${active ? 'active' : ''}`}
      style={slotStyle(row)}
      onClick={() => navigate('inbox', c.id)}
      data-testid="conversation-row"
    >
      <span className={`avatar c${avatarColor(c.contactId ?? c.id)}`} aria-hidden="true">
        {initialsOf(name)}
        <ChannelMark channel={c.channel} />
      </span>
      <span className="conv-text">
        <span className="row-top">
          <strong className="ellipsis">{name}</strong>
          <span className="row-meta">
            <span className="visually-hidden">{channelLabel(t, c.channel)}</span>
            {c.lastMessageAt && (
              <time className="muted" dateTime={c.lastMessageAt} title={fmt.dateTime(c.lastMessageAt)}>
                {fmt.when(c.lastMessageAt, now)}
              </time>
            )}
          </span>
        </span>
        <span className="row-bottom muted">
          <span className="ellipsis">{c.lastMessagePreview ?? ''}</span>
          <span className="row-meta">
            <MoodBadge conv={c} />
            {(c.unreadCount ?? 0) > 0 && <span className="badge">{c.unreadCount}</span>}
            {isWaiting(c) ? (
              <span
                className="pill waiting"
                title={
                  c.handoffReason
                    ? t('inbox.handoff', { reason: handoffReasonLabel(t, c.handoffReason) })
                    : undefined
                }
                data-testid="conversation-waiting"
              >
                {t('inbox.waiting', {
                  time: fmt.duration(Math.max(60_000, now - Date.parse(c.waitingSince!))),
                })}
              </span>
            ) : (
              <ModePill mode={c.mode} />
            )}
          </span>
        </span>
      </span>
    </button>
  );
}

/** The open conversation beside its customer panel (narrow windows show one, with a way back). */
function ConversationDetail({
  id,
  showCustomer,
  onCustomer,
}: {
  id: string;
  showCustomer: boolean;
  onCustomer: (id: string | undefined) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="conversation-with-panel" data-customer={showCustomer ? 'shown' : 'hidden'}>
      <div className="stack-bar">
        {showCustomer ? (
          <BackButton to={t('layout.backToConversation')} onClick={() => onCustomer(undefined)} />
        ) : (
          <>
            <BackButton to={t('layout.backToConversations')} onClick={() => navigate('inbox')} phoneOnly />
            <button onClick={() => onCustomer(id)} data-testid="show-customer">
              {t('layout.customer')}
            </button>
          </>
        )}
      </div>
      <Conversation key={id} id={id} />
      <CustomerPanel conversationId={id} />
    </div>
  );
}

/** The team has no conversation at all: where they come from, and the agent to try meanwhile. */
function NoConversations() {
  const { t } = useI18n();
  return (
    <div className="empty-state" data-testid="inbox-empty">
      <strong>{t('inbox.none.title')}</strong>
      <p>{t('inbox.none.next')}</p>
      <p className="row">
        <a className="button primary" href="#/settings/channels" data-testid="inbox-connect-channel">
          {t('inbox.none.connect')}
        </a>
        <a className="button" href="#/agents" data-testid="inbox-test-chat">
          {t('inbox.none.testChat')}
        </a>
      </p>
    </div>
  );
}

/** Who answers: an icon (the preview keeps its room in every language), its words for the ear and the pointer. */
function ModePill({ mode }: { mode: 'ai' | 'human' }) {
  const { t } = useI18n();
  const label = mode === 'ai' ? t('inbox.mode.ai') : t('inbox.mode.human');
  const Icon = mode === 'ai' ? Bot : UserRound;
  return (
    <span
      className={`pill icon-pill mode-${mode}`}
      role="img"
      aria-label={label}
      title={label}
      data-testid="conversation-mode"
    >
      <Icon size={13} aria-hidden="true" />
    </span>
  );
}

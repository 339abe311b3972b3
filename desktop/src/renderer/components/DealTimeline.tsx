// The deal timeline in the deal editor: one list, newest first, of the deal's stage moves (its
// `stage_changes`, with who moved it), its conversation's messages (a short line each), its tasks and
// meetings, its commercial proposals' steps (drafted, sent, opened, accepted), and what the agents did
// in its conversation (tool calls, hand-offs, errors). All from the
// local database, so it works offline. Long histories are capped: 50 items, then "show earlier".
import { useMemo, useState } from 'react';
import {
  ArrowRight,
  Bell,
  Bot,
  Calendar,
  FileCheck,
  FileText,
  Mail,
  Reply,
  Square,
  SquareCheckBig,
  TriangleAlert,
  type LucideIcon,
} from 'lucide-react';
import { findPipeline, findStage, proposalEvents, type ProposalEvent } from '@app/shared/crm';
import type { ActivityDoc, LeadDoc, MessageDoc, StageChangeDoc } from '@app/shared/schemas';
import type { DocTypes } from '../data/database';
import { useLiveQuery, useWorkspace } from '../data/hooks';
import { memberName, useMembers } from '../data/members';
import { stageLabel, usePipelines } from '../data/pipelines';
import { dictionaries, useFormat, useI18n, type MessageKey, type Translate } from '../i18n/i18n';

const PAGE = 50;
const SHORT = 140;

export type TimelineItem = {
  id: string;
  at: string;
  icon: LucideIcon;
  kind: string;
  text: string;
  detail?: string;
};

const short = (text: string) => {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > SHORT ? `${one.slice(0, SHORT - 1)}…` : one;
};

const known = (key: string): key is MessageKey => key in dictionaries.en;

/** Agent activity worth a line in a deal's history (tool calls, hand-offs, errors; not every step). */
const worthShowing = (a: ActivityDoc) =>
  a.kind === 'tool-call' || a.kind === 'handoff' || a.kind === 'error' || a.status === 'denied';

type Sources = {
  changes: readonly StageChangeDoc[];
  messages: readonly MessageDoc[];
  tasks: readonly DocTypes['tasks'][];
  events: readonly DocTypes['events'][];
  activity: readonly ActivityDoc[];
  /** The deal's commercial proposals' steps (`proposalEvents` of the lead). */
  proposals?: readonly ProposalEvent[];
  locale?: 'en' | 'ru';
  stageName: (pipelineId: string, stageId: string) => string;
  t: Translate;
  /** The signed-in rep's id: their own moves read "by you", not their sign-in e-mail. */
  me?: string;
  /** A team member's name by id (members.ts), before the e-mail a record was signed with. */
  memberName?: (id: string) => string | undefined;
};

/** The timeline's items, newest first (pure: what the component shows). */
export function timelineItems(s: Sources): TimelineItem[] {
  const { t } = s;
  const rep = (by: StageChangeDoc['by']) => {
    if (by.id && by.id === s.me) return t('timeline.by.you');
    const name = (by.id && s.memberName?.(by.id)) || by.name;
    return name ? t('timeline.by.rep', { name }) : t('timeline.by.someone');
  };
  const who = (c: StageChangeDoc) =>
    c.by.kind === 'rep'
      ? rep(c.by)
      : c.by.kind === 'agent'
        ? t('timeline.by.agent')
        : t('timeline.by.system');
  const items: TimelineItem[] = [
    ...s.changes.map((c) => ({
      id: c.id,
      at: c.at,
      icon: ArrowRight,
      kind: 'stage',
      text: c.from
        ? t('timeline.moved', {
            from: s.stageName(c.fromPipelineId ?? c.pipelineId, c.from),
            to: s.stageName(c.pipelineId, c.to),
          })
        : t('timeline.created', { to: s.stageName(c.pipelineId, c.to) }),
      detail: who(c),
    })),
    ...s.messages.map((m) => ({
      id: m.id,
      at: m.createdAt,
      icon: m.direction === 'inbound' ? Mail : m.author.kind === 'system' ? Bell : Reply,
      kind: 'message',
      text:
        m.direction === 'inbound'
          ? t('timeline.message.in')
          : m.author.kind === 'system'
            ? t('timeline.message.notification')
            : t('timeline.message.out'),
      detail: short(m.text),
    })),
    ...s.tasks.map((task) => ({
      id: task.id,
      at: task.createdAt,
      icon: task.status === 'done' ? SquareCheckBig : Square,
      kind: 'task',
      text: t(task.status === 'done' ? 'timeline.task.done' : 'timeline.task', { title: short(task.title) }),
    })),
    ...s.events.map((e) => ({
      id: e.id,
      at: e.startAt,
      icon: Calendar,
      kind: 'event',
      text: t('timeline.event', { title: short(e.title) }),
    })),
    ...(s.proposals ?? []).map((p) => ({
      id: p.id,
      at: p.at,
      icon: p.step === 'accepted' ? FileCheck : FileText,
      kind: 'proposal',
      text: p.text[s.locale ?? 'en'],
      ...(p.by === 'agent' ? { detail: t('timeline.by.agent') } : {}),
    })),
    ...s.activity.filter(worthShowing).map((a) => {
      const tool = `tool.${a.name}`;
      return {
        id: a.id,
        at: a.startedAt,
        icon: a.status === 'error' || a.kind === 'error' ? TriangleAlert : Bot,
        kind: 'agent',
        text: t('timeline.agent', {
          role: known(`role.${a.role}`) ? t(`role.${a.role}` as MessageKey) : a.role,
          name: known(tool) ? t(tool) : a.name,
        }),
        ...(a.error ? { detail: short(a.error) } : {}),
      };
    }),
  ];
  return items.sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
}

export function DealTimeline({ lead }: { lead: LeadDoc }) {
  const { t, locale } = useI18n();
  const fmt = useFormat();
  const pipelines = usePipelines();
  const me = useWorkspace().session.userId;
  const members = useMembers();
  const [shown, setShown] = useState(PAGE);
  const conv = lead.conversationId ?? '__none';
  const { docs: changes } = useLiveQuery('stage_changes', { selector: { leadId: lead.id } }, [lead.id]);
  const { docs: messages } = useLiveQuery('messages', { selector: { conversationId: conv } }, [conv]);
  const { docs: activity } = useLiveQuery('activity', { selector: { conversationId: conv } }, [conv]);
  const linked = { $or: [{ leadId: lead.id }, { conversationId: conv }] };
  const { docs: tasks } = useLiveQuery('tasks', { selector: linked }, [lead.id, conv]);
  const { docs: events } = useLiveQuery('events', { selector: linked }, [lead.id, conv]);
  const items = useMemo(
    () =>
      timelineItems({
        changes,
        messages,
        tasks,
        events,
        activity,
        proposals: proposalEvents(lead.commercialProposals),
        locale,
        t,
        ...(me ? { me } : {}),
        memberName: (id) => memberName(members.find((m) => m.id === id && m.name)),
        stageName: (pipelineId, stageId) => {
          const p = findPipeline(pipelines, pipelineId);
          return stageLabel(t, (p && findStage(p, stageId)) ?? { id: stageId });
        },
      }),
    [changes, messages, tasks, events, activity, lead.commercialProposals, locale, pipelines, t, me, members],
  );
  return (
    <section className="deal-timeline" data-testid="deal-timeline">
      <h3>{t('timeline.title')}</h3>
      {items.length === 0 && <p className="muted small">{t('timeline.empty')}</p>}
      <ul className="timeline">
        {items.slice(0, shown).map((i) => (
          <li key={`${i.kind}:${i.id}`} className={`tl-${i.kind}`} data-testid={`timeline-${i.kind}`}>
            <span className="tl-icon" aria-hidden="true">
              <i.icon size={14} />
            </span>{' '}
            <span className="tl-text">{i.text}</span>
            {i.detail && <span className="muted small"> {i.detail}</span>}
            <time className="muted small tl-time" dateTime={i.at}>
              {fmt.dateTime(i.at)}
            </time>
          </li>
        ))}
      </ul>
      {items.length > shown && (
        <button type="button" onClick={() => setShown(shown + PAGE)} data-testid="timeline-more">
          {t('timeline.more', { n: Math.min(PAGE, items.length - shown) })}
        </button>
      )}
    </section>
  );
}

// What the week view draws inside a day column (CalendarWeek.tsx, laid out by week-layout.ts): an
// item's block (a meeting from start to end, a task at its due time), a stack of the tasks due in one
// hour (or on the day with no time) that shows the first and "+N more" when they do not fit, and the
// "+N" chip that lists what did not fit beside the rest. A click (or Enter) opens an item; "+N"
// opens the list of everything it stands for, each openable.
import * as Popover from '@radix-ui/react-popover';
import { useId, useState, type CSSProperties } from 'react';
import { useI18n } from '../../i18n/i18n';
import { itemKey, type CalendarItem } from '../../lib/calendar-items';
import { AgendaRow } from './CalendarAgenda';
import { ItemIcon, ItemKind, itemClass, useItemKind } from './CalendarItemParts';
import { stackedMax, type WeekBox } from './week-layout';

export const hourPx = 48;

/** What the parts of a day column need from the week: opening an item and saying when. */
export type WeekCtx = {
  onOpen(item: CalendarItem): void;
  timeOf(iso: string): string;
  /** The day's long name ("Monday, December 7"), for a "+N" list's heading. */
  dayName: string;
  /** The day's start (ms), in the rep's zone. */
  dayStart: number;
};

/** When an item is due or starts, as the week shows it: "All day" for a task due with no time. */
function useWhen(ctx: WeekCtx) {
  const { t } = useI18n();
  return (item: CalendarItem) =>
    item.kind === 'task' && Date.parse(item.startAt) === ctx.dayStart
      ? t('calendar.allDay')
      : ctx.timeOf(item.startAt);
}

/** One item: a block placed in the column (`style`), or a chip in a stack (no style). */
export function ItemBlock(props: {
  item: CalendarItem;
  style?: CSSProperties;
  narrow?: boolean;
  ctx: WeekCtx;
}) {
  const { item, style, ctx } = props;
  const kindOf = useItemKind();
  const whenOf = useWhen(ctx);
  const long = style !== undefined && item.kind === 'meeting' && Number(style.height) >= 45;
  const shape = [long ? '' : 'short', style ? '' : 'stacked', props.narrow ? 'narrow' : ''];
  return (
    <button
      type="button"
      className={`cal-event ${itemClass(item)} ${shape.join(' ')}`}
      style={style}
      onClick={() => ctx.onOpen(item)}
      title={`${kindOf(item)}: ${item.title}`}
      data-testid="cal-event"
      data-kind={item.kind}
      data-overdue={item.overdue || undefined}
    >
      <ItemKind item={item} />
      {/* The title first (the hour's row already says when): cut, it is the time that goes. */}
      <strong>
        <ItemIcon item={item} />
        <span className="cal-title">{item.title}</span> <span className="cal-time">{whenOf(item)}</span>
      </strong>
      {long && (
        <span className="cal-span">
          {ctx.timeOf(item.startAt)}–{ctx.timeOf(item.endAt)}
        </span>
      )}
    </button>
  );
}

/** "+N": a chip that opens the list of `items` (all of them, or those it stands for), each openable. */
export function MoreList(props: {
  items: CalendarItem[];
  hidden: number;
  /** When the list is about ("9:00 AM", "All day"). */
  when: string;
  ctx: WeekCtx;
  /** In the strip: "+N" alone, placed by `style`. */
  compact?: boolean;
  /** In a lane beside others: the shorter "+N more" («ещё N»). */
  narrow?: boolean;
  style?: CSSProperties;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const headingId = useId();
  const { ctx, items } = props;
  const whenOf = useWhen(ctx);
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <button
          type="button"
          className={`cal-more ${props.compact ? 'strip' : ''} ${items.some((i) => i.overdue) ? 'overdue' : ''}`}
          style={props.style}
          aria-label={t('calendar.moreLabel', { n: props.hidden, when: props.when })}
          title={t('calendar.moreLabel', { n: props.hidden, when: props.when })}
          data-testid="cal-more"
        >
          {props.compact
            ? `+${props.hidden}`
            : t(props.narrow ? 'calendar.more' : 'calendar.moreItems', { n: props.hidden })}
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          className="cal-more-list"
          sideOffset={4}
          align="start"
          collisionPadding={8}
          aria-labelledby={headingId}
          data-testid="cal-more-list"
        >
          <h3 id={headingId}>{t('calendar.hourList', { day: ctx.dayName, when: props.when })}</h3>
          <ul>
            {items.map((item) => (
              <AgendaRow
                key={itemKey(item)}
                item={item}
                when={whenOf(item)}
                testId="cal-more-item"
                onOpen={(i) => {
                  setOpen(false);
                  ctx.onOpen(i);
                }}
              />
            ))}
          </ul>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

/** Items one above the other, or the first and "+N more" when more than fit. */
export function Stack(props: { items: CalendarItem[]; when: string; narrow?: boolean; ctx: WeekCtx }) {
  const { items, when, ctx } = props;
  const shown = items.length <= stackedMax ? items : items.slice(0, 1);
  return (
    <>
      {shown.map((item) => (
        <ItemBlock key={itemKey(item)} item={item} narrow={props.narrow} ctx={ctx} />
      ))}
      {shown.length < items.length && (
        <MoreList
          items={items}
          hidden={items.length - shown.length}
          when={when}
          ctx={ctx}
          narrow={props.narrow}
        />
      )}
    </>
  );
}

/** Where a box sits: its minutes as pixels, its lane's share of the column less the strip. */
function placeOf(box: WeekBox): CSSProperties {
  const top = (box.top / 60) * hourPx;
  if (box.kind === 'more') return { top, right: 2, width: 32, height: 22 };
  const room = `(100% - ${box.reserve}px)`;
  return {
    top,
    height: (box.height / 60) * hourPx - 2,
    left: `calc(${room} * ${box.lane / box.lanes} + ${box.lanes > 1 ? 1 : 2}px)`,
    width: `calc(${room} / ${box.lanes} - ${box.lanes > 1 ? 3 : 4}px)`,
  };
}

/** One box of a day column: an item's block, the stack of an hour's tasks, or a "+N" chip. */
export function WeekBoxView({ box, ctx }: { box: WeekBox; ctx: WeekCtx }) {
  const style = placeOf(box);
  const narrow = box.lanes > 1 || box.reserve > 0;
  if (box.kind === 'item') return <ItemBlock item={box.items[0]!} style={style} narrow={narrow} ctx={ctx} />;
  // The chip or the hour's box says from when: its top (a whole hour for an hour's tasks).
  const when = ctx.timeOf(new Date(ctx.dayStart + box.top * 60_000).toISOString());
  if (box.kind === 'more')
    return (
      <MoreList items={box.items} hidden={box.items.length} when={when} ctx={ctx} compact style={style} />
    );
  return (
    <div className="cal-stack" style={style} data-testid="cal-hour">
      <Stack items={box.items} when={when} narrow={narrow} ctx={ctx} />
    </div>
  );
}

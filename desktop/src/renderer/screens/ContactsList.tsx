// The contacts list (Contacts.tsx): a table of name, company, channels, e-mail, phone, owner and last
// activity (the latest of the contact's conversations' last message and its own last change, in the
// formatter's short list form), sortable by name and last activity, filtered by owner (anyone, me,
// nobody, a member), channel and a text search; "New contact" opens NewContactDialog. Virtualized
// (spacer rows above and below the rows in view), so a team with many thousands of contacts scrolls
// smoothly. At phone width the rows are stacked cards (contacts.css). With a contact open, the
// screen shows the same filtered list as a narrow column beside it (`CompactList`).
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { useMemo, useState } from 'react';
import { phoneShown } from '@app/shared/crm';
import { channelSchema, type ContactDoc } from '@app/shared/schemas';
import { useLiveQuery, useWorkspace } from '../data/hooks';
import { memberName, useMembers, type Member } from '../data/members';
import { mayDo } from '../data/role';
import { useFormat, useI18n, type Translate } from '../i18n/i18n';
import { channelLabel } from '../i18n/labels';
import { slotStyle, useRowsVirtualizer, VirtualSpace } from '../lib/virtual-rows';
import { navigate } from '../lib/router';
import { SearchBox } from '../components/ui/SearchBox';
import { NewContactDialog } from './NewContactDialog';
import './contacts.css';

export type ContactFilters = {
  q: string;
  /** `any`, `me`, `none` or a member's id. */
  owner: string;
  /** `any` or a channel. */
  channel: string;
  sort: 'name' | 'activity';
  desc: boolean;
};
export const noFilters: ContactFilters = { q: '', owner: 'any', channel: 'any', sort: 'name', desc: false };

export type ContactRow = { c: ContactDoc; channels: string[]; activity: string };

/** A contact's shown name: never its id (a contact without a name is named by its e-mail or phone). */
export const contactName = (t: Translate, c: Pick<ContactDoc, 'name' | 'email' | 'phone'>) =>
  c.name || c.email || (c.phone ? phoneShown(c.phone) : '') || t('contacts.unnamed');

/** The contacts (merged ones aside) with their channels and last activity, filtered and sorted. */
export function useContactRows(filters: ContactFilters): {
  rows: ContactRow[];
  total: number;
  loading: boolean;
} {
  const ws = useWorkspace();
  const { locale } = useI18n();
  const { docs, loading } = useLiveQuery('contacts', {});
  const { docs: conversations } = useLiveQuery('conversations', {});
  const me = ws.session.userId ?? '';
  const all = useMemo(() => {
    const byContact = new Map<string, { channels: Set<string>; last: string }>();
    for (const conv of conversations) {
      const entry = byContact.get(conv.contactId) ?? { channels: new Set<string>(), last: '' };
      entry.channels.add(conv.channel);
      const at = conv.lastMessageAt ?? conv.updatedAt;
      if (at > entry.last) entry.last = at;
      byContact.set(conv.contactId, entry);
    }
    return docs
      .filter((c) => !c.mergedInto)
      .map((c) => {
        const seen = byContact.get(c.id);
        const channels = new Set(seen?.channels);
        for (const i of c.identities) channels.add(i.channel);
        const last = seen?.last ?? '';
        return { c, channels: [...channels].sort(), activity: last > c.updatedAt ? last : c.updatedAt };
      });
  }, [docs, conversations]);
  const rows = useMemo(() => {
    const s = filters.q.trim().toLowerCase();
    const digits = s.replace(/[^\d]/g, '');
    const owner = filters.owner === 'me' ? me : filters.owner;
    const list = all.filter(({ c, channels }) => {
      if (owner === 'none' ? c.ownerId : owner !== 'any' && c.ownerId !== owner) return false;
      if (filters.channel !== 'any' && !channels.includes(filters.channel)) return false;
      if (!s) return true;
      const text = `${c.name} ${c.company ?? ''} ${c.email ?? ''}`.toLowerCase();
      return (
        text.includes(s) || (digits.length >= 3 && (c.phone ?? '').replace(/[^\d]/g, '').includes(digits))
      );
    });
    const dir = filters.desc ? -1 : 1;
    // Names in the UI language's order (Russian puts Cyrillic before Latin), whatever the browser's.
    const names = new Intl.Collator(locale);
    return list.sort((a, b) =>
      filters.sort === 'activity'
        ? dir * a.activity.localeCompare(b.activity) || names.compare(a.c.name, b.c.name)
        : dir * names.compare(a.c.name || a.c.email || '', b.c.name || b.c.email || ''),
    );
  }, [all, filters, me, locale]);
  return { rows, total: all.length, loading };
}

function ContactFiltersBar(p: {
  filters: ContactFilters;
  onChange(f: ContactFilters): void;
  members: Member[];
  compact?: boolean;
}) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const f = p.filters;
  return (
    <div className="filters contacts-filters" data-testid="contacts-filters">
      <SearchBox
        label={t('contacts.searchLabel')}
        placeholder={t('common.search')}
        value={f.q}
        onSearch={(q) => p.onChange({ ...f, q })}
        testId="contacts-search"
      />
      {!p.compact && (
        <>
          <select
            aria-label={t('contacts.filter.owner')}
            value={f.owner}
            onChange={(e) => p.onChange({ ...f, owner: e.target.value })}
            data-testid="contacts-owner"
          >
            <option value="any">{t('contacts.filter.owner.any')}</option>
            <option value="me">{t('contacts.filter.owner.me')}</option>
            <option value="none">{t('contacts.filter.owner.none')}</option>
            {p.members
              .filter((m) => m.id !== ws.session.userId)
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {`${t('contacts.filter.owner')}: ${memberName(m)}`}
                </option>
              ))}
          </select>
          <select
            aria-label={t('contacts.filter.channel')}
            value={f.channel}
            onChange={(e) => p.onChange({ ...f, channel: e.target.value })}
            data-testid="contacts-channel"
          >
            <option value="any">{t('contacts.filter.channel.any')}</option>
            {channelSchema.enum.map((c) => (
              <option key={c} value={c}>
                {`${t('contacts.filter.channel')}: ${channelLabel(t, c)}`}
              </option>
            ))}
          </select>
          <SortSelect filters={f} onChange={p.onChange} />
        </>
      )}
    </div>
  );
}

const sortOrders = {
  'name-asc': { sort: 'name', desc: false },
  'name-desc': { sort: 'name', desc: true },
  'activity-desc': { sort: 'activity', desc: true },
  'activity-asc': { sort: 'activity', desc: false },
} as const satisfies Record<string, Pick<ContactFilters, 'sort' | 'desc'>>;
type SortOrder = keyof typeof sortOrders;

/** The order as a choice, for phones, where the table's sortable header row is not shown. */
function SortSelect(p: { filters: ContactFilters; onChange(f: ContactFilters): void }) {
  const { t } = useI18n();
  const value = `${p.filters.sort}-${p.filters.desc ? 'desc' : 'asc'}` as SortOrder;
  return (
    <select
      className="contacts-sort"
      aria-label={t('contacts.sort')}
      value={value}
      onChange={(e) => p.onChange({ ...p.filters, ...sortOrders[e.target.value as SortOrder] })}
      data-testid="contacts-sort"
    >
      {(Object.keys(sortOrders) as SortOrder[]).map((o) => (
        <option key={o} value={o}>
          {t(`contacts.sort.${o}`)}
        </option>
      ))}
    </select>
  );
}

/** A sortable column's heading: sorts by it, a second click turns the order round (activity: newest first). */
function SortableHeader({
  filters: f,
  onFilters,
  sort,
  label,
}: {
  filters: ContactFilters;
  onFilters(f: ContactFilters): void;
  sort: ContactFilters['sort'];
  label: string;
}) {
  const { t } = useI18n();
  return (
    <th
      scope="col"
      aria-sort={f.sort === sort ? (f.desc ? 'descending' : 'ascending') : 'none'}
      className={`contacts-col-${sort}`}
    >
      <button
        type="button"
        className="link sort-button"
        onClick={() => onFilters({ ...f, sort, desc: f.sort === sort ? !f.desc : sort === 'activity' })}
        aria-label={t('contacts.sortBy', { column: label })}
        data-testid={`contacts-sort-${sort}`}
      >
        {label}{' '}
        {f.sort === sort ? (
          f.desc ? (
            <ArrowDown size={12} aria-hidden="true" />
          ) : (
            <ArrowUp size={12} aria-hidden="true" />
          )
        ) : (
          <ArrowUpDown size={12} aria-hidden="true" />
        )}
      </button>
    </th>
  );
}

/** A contact's row of the table; a click anywhere opens the contact. */
function ContactTableRow({
  row: { c, channels, activity },
  index,
  measure,
  owner,
  now,
}: {
  row: ContactRow;
  index: number;
  measure: (el: Element | null) => void;
  owner: Member | undefined;
  now: number;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  return (
    <tr
      data-index={index}
      ref={measure}
      className="contact-row conv-row"
      data-testid="contact-row"
      onClick={() => navigate('contacts', c.id)}
    >
      <td className="contact-cell-name">
        <a
          href={`#/contacts/${encodeURIComponent(c.id)}`}
          onClick={(e) => e.stopPropagation()}
          data-testid="contact-row-name"
        >
          {contactName(t, c)}
        </a>
      </td>
      <td className="contact-cell-company ellipsis">{c.company ?? ''}</td>
      <td className="contact-cell-channels" data-testid="contact-row-channels">
        {channels.map((ch) => (
          <span key={ch} className="pill">
            {channelLabel(t, ch)}
          </span>
        ))}
      </td>
      <td className="contact-cell-email ellipsis">{c.email ?? ''}</td>
      <td className="contact-cell-phone">{c.phone ? fmt.phone(c.phone) : ''}</td>
      <td className="contact-cell-owner ellipsis" data-testid="contact-row-owner">
        {c.ownerId ? (memberName(owner) ?? t('contacts.formerMember')) : ''}
      </td>
      <td className="contact-cell-activity muted small" title={fmt.dateTime(activity)}>
        {fmt.when(activity, now)}
      </td>
    </tr>
  );
}

/** The full-width table (no contact open). */
export function ContactsTable(p: { filters: ContactFilters; onFilters(f: ContactFilters): void }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const members = useMembers();
  const byId = useMemo(() => new Map(members.map((m) => [m.id, m])), [members]);
  const { rows, total, loading } = useContactRows(p.filters);
  const [creating, setCreating] = useState(false);
  const mayCreate = mayDo(ws.role, 'contacts', 'create');
  const { parent, virtual } = useContactRowsVirtualizer(rows.length);
  const items = virtual.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtual.getTotalSize() - (items.at(-1)?.end ?? 0);
  const now = Date.now();
  const f = p.filters;
  const header = (sort: ContactFilters['sort'], key: 'contacts.col.name' | 'contacts.col.activity') => (
    <SortableHeader filters={f} onFilters={p.onFilters} sort={sort} label={t(key)} />
  );
  return (
    <div className="page" data-screen="contacts" data-testid="contacts-screen">
      <header className="page-head">
        <div>
          <h1>{t('contacts.title')}</h1>
          <span className="muted small" data-testid="contacts-count">
            {t('contacts.count', { n: rows.length })}
          </span>
        </div>
        {mayCreate && (
          <button
            type="button"
            className="primary"
            onClick={() => setCreating(true)}
            data-testid="contact-new"
          >
            {t('contacts.new')}
          </button>
        )}
      </header>
      <ContactFiltersBar filters={f} onChange={p.onFilters} members={members} />
      <section className="list-pane contacts-pane">
        <div ref={parent} className="scroll">
          <table className="contacts-table" data-testid="contacts-table">
            <thead>
              <tr>
                {header('name', 'contacts.col.name')}
                <th scope="col">{t('contacts.col.company')}</th>
                <th scope="col">{t('contacts.col.channels')}</th>
                <th scope="col">{t('contacts.col.email')}</th>
                <th scope="col">{t('contacts.col.phone')}</th>
                <th scope="col">{t('contacts.col.owner')}</th>
                {header('activity', 'contacts.col.activity')}
              </tr>
            </thead>
            <tbody>
              {top > 0 && <tr aria-hidden className="spacer" style={{ height: top }} />}
              {items.map((item) => {
                const { c } = rows[item.index]!;
                return (
                  <ContactTableRow
                    key={c.id}
                    row={rows[item.index]!}
                    index={item.index}
                    measure={virtual.measureElement}
                    owner={c.ownerId ? byId.get(c.ownerId) : undefined}
                    now={now}
                  />
                );
              })}
              {bottom > 0 && <tr aria-hidden className="spacer" style={{ height: bottom }} />}
            </tbody>
          </table>
          {!loading && rows.length === 0 && (
            <p className="empty" data-testid="contacts-empty">
              {total === 0 ? t('contacts.none') : t('contacts.empty')}
            </p>
          )}
        </div>
      </section>
      {creating && <NewContactDialog onClose={() => setCreating(false)} />}
    </div>
  );
}

/**
 * The contact rows' virtualizer, for the table and the narrow list alike: rows of the density's
 * height (`--contact-row-h`), measured again when the density changes.
 */
const useContactRowsVirtualizer = (count: number) => useRowsVirtualizer(count, '--contact-row-h', 52, 10);

/** The same list as a narrow column beside an open contact. */
export function CompactList(p: { id: string; filters: ContactFilters; onFilters(f: ContactFilters): void }) {
  const { t } = useI18n();
  const members = useMembers();
  const { rows } = useContactRows(p.filters);
  const { parent, virtual } = useContactRowsVirtualizer(rows.length);
  return (
    <section className="list-pane">
      <ContactFiltersBar filters={p.filters} onChange={p.onFilters} members={members} compact />
      <div ref={parent} className="scroll">
        <VirtualSpace
          virtual={virtual}
          rows={rows}
          row={({ c }, row) => (
            <button
              key={c.id}
              className={`conv-row ${c.id === p.id ? 'active' : ''}`}
              style={slotStyle(row)}
              onClick={() => navigate('contacts', c.id)}
            >
              <strong>{contactName(t, c)}</strong>
              <div className="muted small ellipsis">{c.company ?? ''}</div>
            </button>
          )}
        />
      </div>
    </section>
  );
}

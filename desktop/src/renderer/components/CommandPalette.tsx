// Ctrl/Cmd+K: commands (go to a screen, switch language, sync now, new lead) and global search, all
// keyboard-driven. Results come in groups, people and deals first (Contacts, Deals, Conversations,
// Knowledge: search/palette-groups.ts), then the commands that match. A name is found in either
// script ("Petrova" finds «Анна Петрова») and a deal by its contact's name. A kit Dialog: focus stays
// in it, Esc closes it.
import { useEffect, useMemo, useState } from 'react';
import { Dialog } from './ui/Dialog';
import { useWorkspace } from '../data/hooks';
import { useContactNames } from '../data/contact-names';
import { conversationIndexOf, leadIndexOf } from '../data/list-indexes';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../lib/router';
import { useIndexVersion, useSearch } from '../search/search-context';
import type { SearchHit } from '../search/local-search';
import { conversationsFound, groupResults, type Found, type GroupKind } from '../search/palette-groups';
import { spellings } from '../search/translit';
import { screens } from '../lib/nav';

type Item = { id: string; label: string; hint?: string; run: () => void };
type Section = { kind: GroupKind | 'commands'; items: Item[] };

/** The search's hits for `query` (none for an empty one), searched again as the index grows. */
function usePaletteHits(query: string): SearchHit[] {
  const search = useSearch();
  const indexVersion = useIndexVersion(search);
  const [hits, setHits] = useState<SearchHit[]>([]);
  useEffect(() => {
    let live = true;
    if (!query.trim()) {
      setHits([]);
      return;
    }
    // Enough hits that the people and deals among them survive a page of knowledge passages.
    void search.search(query, 40).then((r) => live && setHits(r.hits));
    return () => {
      live = false;
    };
  }, [query, search, indexVersion]);
  return hits;
}

/** The palette's commands: go to each screen, switch the language, sync now, a new lead. */
function useCommands(): Item[] {
  const { t, locale, setLocale } = useI18n();
  const ws = useWorkspace();
  return useMemo<Item[]>(
    () => [
      ...screens.map((s) => ({
        id: `go-${s.id}`,
        label: t('palette.goTo', { screen: t(s.key) }),
        hint: `G ${s.hotkey.toUpperCase()}`,
        run: () => navigate(s.id),
      })),
      { id: 'lang', label: t('palette.toggleLanguage'), run: () => setLocale(locale === 'en' ? 'ru' : 'en') },
      { id: 'sync', label: t('palette.syncNow'), run: () => ws.sync.syncNow() },
      { id: 'new-lead', label: t('palette.newLead'), run: () => navigate('leads', 'new') },
    ],
    [t, locale, setLocale, ws],
  );
}

export function CommandPalette({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const hits = usePaletteHits(query);
  const commands = useCommands();
  const groups = useMemo(() => {
    const contactIds = hits.filter((h) => h.type === 'contact').map((h) => h.id);
    const found = query.trim()
      ? conversationsFound(conversationIndexOf(ws).rows.values(), contactIds, spellings(query))
      : [];
    return groupResults(hits, found);
  }, [hits, query, ws]);
  // Who a deal or a conversation is with, for its hint.
  const leads = leadIndexOf(ws).rows;
  const contactOf = (f: Found) =>
    f.kind === 'conversation'
      ? f.row.contactId
      : f.kind === 'lead'
        ? leads.get(f.hit.id)?.contactId
        : undefined;
  const names = useContactNames(
    ws,
    groups.flatMap((g) => g.items.map(contactOf)).filter((id): id is string => Boolean(id)),
  );
  const itemOf = (f: Found): Item => {
    if (f.kind === 'conversation')
      return {
        id: `conversation-${f.row.id}`,
        label: names.get(f.row.contactId) || t('palette.conversation'),
        hint: f.row.lastMessagePreview,
        run: () => navigate('inbox', f.row.id),
      };
    const { hit } = f;
    const person = f.kind === 'lead' ? names.get(contactOf(f) ?? '') : undefined;
    return {
      id: `hit-${hit.id}`,
      label: hit.title,
      hint: person || undefined,
      run: () =>
        navigate(
          hit.type === 'lead' ? 'deals' : hit.type === 'contact' ? 'contacts' : 'knowledge',
          hit.type === 'knowledge' ? undefined : hit.id,
        ),
    };
  };
  const q = query.trim().toLowerCase();
  const sections: Section[] = [
    ...groups.map((g) => ({ kind: g.kind, items: g.items.map(itemOf) })),
    { kind: 'commands' as const, items: commands.filter((c) => !q || c.label.toLowerCase().includes(q)) },
  ].filter((s) => s.items.length > 0);
  const items = sections.flatMap((s) => s.items);
  const choose = (item: Item | undefined) => {
    if (!item) return;
    item.run();
    onClose();
  };

  return (
    <Dialog onClose={onClose} title={t('a11y.commandPalette')} hideTitle className="palette">
      <input
        value={query}
        placeholder={t('palette.placeholder')}
        data-testid="palette-input"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(items.length - 1, a + 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
          else if (e.key === 'Enter') choose(items[active]);
        }}
      />
      <div className="palette-list" role="listbox" aria-label={t('a11y.paletteResults')}>
        {sections.map((s) => (
          <div
            key={s.kind}
            role="group"
            aria-labelledby={`palette-group-${s.kind}`}
            data-testid={`palette-group-${s.kind}`}
          >
            {/* The commands need no heading when nothing was searched: they are all there is. */}
            <div
              className="palette-group"
              id={`palette-group-${s.kind}`}
              hidden={!q && s.kind === 'commands'}
            >
              {t(`palette.group.${s.kind}`)}
            </div>
            {s.items.map((item) => {
              const i = items.indexOf(item);
              return (
                <div
                  key={item.id}
                  role="option"
                  aria-selected={i === active}
                  className={`palette-item ${i === active ? 'active' : ''}`}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => choose(item)}
                >
                  <span className="ellipsis">{item.label}</span>
                  {item.hint && <span className="muted ellipsis palette-hint">{item.hint}</span>}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <div className="palette-footer muted">{t('palette.shortcuts')}</div>
    </Dialog>
  );
}

// Ctrl/Cmd+K: commands (go to a screen, switch language, sync now, new lead) and global search over
// leads, contacts and knowledge, all keyboard-driven. A kit Dialog: focus stays in it, Esc closes it.
import { useEffect, useMemo, useState } from 'react';
import { Dialog } from './ui/Dialog';
import { useWorkspace } from '../data/hooks';
import { useI18n } from '../i18n/i18n';
import { labelOf } from '../i18n/labels';
import { navigate } from '../lib/router';
import { useIndexVersion, useSearch } from '../search/search-context';
import type { SearchHit } from '../search/local-search';
import { screens } from '../lib/nav';

type Item = { id: string; label: string; hint?: string; run: () => void };

export function CommandPalette({ onClose }: { onClose: () => void }) {
  const { t, locale, setLocale } = useI18n();
  const ws = useWorkspace();
  const search = useSearch();
  const indexVersion = useIndexVersion(search);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  useEffect(() => {
    let live = true;
    if (!query.trim()) {
      setHits([]);
      return;
    }
    void search.search(query, 12).then((r) => live && setHits(r.hits));
    return () => {
      live = false;
    };
  }, [query, search, indexVersion]);

  const commands = useMemo<Item[]>(
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
  const q = query.trim().toLowerCase();
  const items: Item[] = [
    ...commands.filter((c) => !q || c.label.toLowerCase().includes(q)),
    ...hits.map((h) => ({
      id: `hit-${h.id}`,
      label: h.title,
      hint: labelOf(t, 'search.type', h.type),
      run: () =>
        navigate(
          h.type === 'lead' ? 'leads' : h.type === 'contact' ? 'contacts' : 'knowledge',
          h.type === 'knowledge' ? undefined : h.id,
        ),
    })),
  ];
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
      <ul className="palette-list" role="listbox" aria-label={t('a11y.paletteResults')}>
        {items.slice(0, 30).map((item, i) => (
          <li
            key={item.id}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : ''}
            onMouseEnter={() => setActive(i)}
            onClick={() => choose(item)}
          >
            <span>{item.label}</span>
            {item.hint && <span className="muted">{item.hint}</span>}
          </li>
        ))}
      </ul>
      <div className="palette-footer muted">{t('palette.shortcuts')}</div>
    </Dialog>
  );
}

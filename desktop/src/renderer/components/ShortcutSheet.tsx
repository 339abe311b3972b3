// "?" anywhere (not while typing): the app's keyboard shortcuts in the current language, in a kit
// Dialog. The G-then-letter list comes from lib/nav.ts, the same table Shell's key handler reads.
import { useEffect, useState } from 'react';
import { Dialog } from './ui/Dialog';
import { useI18n } from '../i18n/i18n';
import { screens } from '../lib/nav';

export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const rows: { keys: string[][]; what: string; testId?: string }[] = [
    {
      keys: [
        ['Ctrl', 'K'],
        ['⌘', 'K'],
      ],
      what: t('ui.shortcuts.palette'),
    },
    { keys: [['/']], what: t('ui.shortcuts.search') },
    ...screens.map((s) => ({
      keys: [['G'], [s.hotkey.toUpperCase()]],
      what: t('ui.shortcuts.goTo', { screen: t(s.key) }),
      testId: `shortcut-go-${s.id}`,
    })),
    { keys: [['?']], what: t('ui.shortcuts.help') },
    { keys: [['Esc']], what: t('ui.shortcuts.close') },
    { keys: [['F8']], what: t('ui.shortcuts.toasts') },
  ];
  return (
    <Dialog
      onClose={onClose}
      title={t('ui.shortcuts.title')}
      className="dialog shortcuts-sheet"
      testId="shortcut-sheet"
    >
      <dl>
        {rows.map((r, i) => (
          <div key={i} style={{ display: 'contents' }} data-testid={r.testId}>
            <dt>
              {r.keys.map((combo, j) => (
                <span key={j}>
                  {j > 0 && (r.keys[0]!.length > 1 ? ' / ' : ` ${t('ui.shortcuts.then')} `)}
                  {combo.map((k, n) => (
                    <span key={n}>
                      {n > 0 && '+'}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </span>
              ))}
            </dt>
            <dd>{r.what}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">{t('ui.shortcuts.note')}</p>
      <div className="reply-actions">
        <button type="button" onClick={onClose} data-testid="shortcut-sheet-close">
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}

/** Listens for "?" (outside text fields, no Ctrl/Alt/⌘) and shows the sheet. */
export function ShortcutKeys() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing =
        e.target instanceof HTMLElement &&
        (/^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName) || e.target.isContentEditable);
      if (e.key !== '?' || typing || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return open ? <ShortcutSheet onClose={() => setOpen(false)} /> : null;
}

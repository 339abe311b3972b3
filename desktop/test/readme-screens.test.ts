// The README's screenshots (issue 37): every screen it lists has a picture in English and in Russian at
// both widths (1440 px and the phone's 390 px), each link reaches a file in docs/screens, and every
// picture the screens walk writes there is linked (none left over from a screen that is gone).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const desktop = join(import.meta.dirname, '..');
const readme = readFileSync(join(desktop, 'README.md'), 'utf8');
const linked = [...readme.matchAll(/\(docs\/screens\/([^)]+\.png)\)/g)].map((m) => m[1]!);

describe('the README’s screenshots', () => {
  it('links only pictures that exist', () => {
    expect(linked.filter((f) => !existsSync(join(desktop, 'docs', 'screens', f)))).toEqual([]);
  });

  it('shows each screen in both languages at both widths', () => {
    const phone = linked.filter((f) => f.endsWith('-phone.png'));
    expect(phone.length).toBeGreaterThan(40);
    const missing: string[] = [];
    for (const f of phone) {
      const [, screen] = /^(.+)-(en|ru)-phone\.png$/.exec(f) ?? [];
      expect(screen, f).toBeDefined();
      // The phone's list of Settings' sections has no wide picture: a wide window shows it beside one.
      const wanted = ['en', 'ru'].flatMap((l) => [
        `${screen}-${l}-phone.png`,
        ...(screen === 'settings' ? [] : [`${screen}-${l}.png`]),
      ]);
      missing.push(...wanted.filter((w) => !linked.includes(w)));
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('links every picture in docs/screens', () => {
    const files = readdirSync(join(desktop, 'docs', 'screens')).filter((f) => f.endsWith('.png'));
    expect(files.filter((f) => !linked.includes(f))).toEqual([]);
  });
});

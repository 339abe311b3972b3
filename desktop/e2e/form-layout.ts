// Layout checks of the form kit (components/ui/FormField.tsx) for the e2e tests: every field's label is
// above its control or left of it, level with its first line; every checkbox row keeps its box beside
// the first line of its text, however many lines the text wraps to. Each returns what it found wrong
// (empty when the layout holds), with the label's text, so a failure says which field.
import type { Locator } from 'playwright-core';

/** Fields whose label is neither above nor beside its control, as `label: why`. */
export function misplacedLabels(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const out: string[] = [];
    for (const field of root.querySelectorAll<HTMLElement>('.form-field')) {
      const label = field.querySelector<HTMLElement>(':scope > .form-field-label');
      const control = field.querySelector<HTMLElement>(':scope > .form-field-control > :first-child');
      if (!label || !control) {
        out.push(`${field.textContent?.slice(0, 40)}: no label or control`);
        continue;
      }
      const l = label.getBoundingClientRect();
      const c = control.getBoundingClientRect();
      const name = label.textContent ?? '';
      const above = l.bottom <= c.top + 1 && l.left <= c.left + 1;
      // Beside: left of the control, its top within a few pixels of the control's text line.
      const beside = l.right <= c.left + 1 && Math.abs(l.top - c.top) <= 10;
      if (!above && !beside)
        out.push(
          `${name}: label ${Math.round(l.left)},${Math.round(l.top)} control ${Math.round(c.left)},${Math.round(c.top)}`,
        );
      // A label split mid-phrase by its control: the label's text must be one box (no control inside).
      if (label.contains(control)) out.push(`${name}: control inside its label`);
    }
    return out;
  });
}

/** Checkbox rows whose box is not beside the first line of their text, as `text: why`. */
export function boxesOffTheirText(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const out: string[] = [];
    for (const row of root.querySelectorAll<HTMLElement>('.check-row')) {
      const box = row.querySelector<HTMLElement>(':scope > input[type=checkbox]');
      const body = row.querySelector<HTMLElement>(':scope > .check-row-body');
      if (!box || !body) continue;
      const b = box.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(body);
      const lines = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      const first = lines[0];
      const name = (body.textContent ?? '').slice(0, 60);
      if (!first) {
        out.push(`${name}: no text`);
        continue;
      }
      const middle = (b.top + b.bottom) / 2;
      if (b.right > first.left + 1) out.push(`${name}: box not left of its text`);
      if (middle < first.top - 2 || middle > first.bottom + 2)
        out.push(
          `${name}: box at ${Math.round(middle)}, first line ${Math.round(first.top)}-${Math.round(first.bottom)}`,
        );
    }
    return out;
  });
}

/** How many lines a checkbox row's text takes (to prove a test's long title did wrap). */
export function linesOf(row: Locator): Promise<number> {
  return row.evaluate((el) => {
    const body = el.querySelector(':scope > .check-row-body') ?? el;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    const tops = new Set<number>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.height > 0) tops.add(Math.round(r.top));
    }
    // Text of one line in smaller type starts a few pixels lower: a new line is 8 px or more below.
    const sorted = [...tops].sort((a, b) => a - b);
    return sorted.filter((top, i) => i === 0 || top - sorted[i - 1]! >= 8).length;
  });
}

/** Rows of fields (FieldRow) whose controls on one line do not start level, as `labels: tops`. */
export function unevenRows(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const out: string[] = [];
    for (const row of root.querySelectorAll<HTMLElement>('.field-row')) {
      const fields = [...row.querySelectorAll<HTMLElement>(':scope > .form-field')].map((f) => ({
        top: Math.round(f.getBoundingClientRect().top),
        name: f.querySelector('.form-field-label')?.textContent ?? '',
        control: f.querySelector<HTMLElement>(
          '.form-field-control input, .form-field-control select, .form-field-control textarea',
        ),
      }));
      const lines = new Map<number, typeof fields>();
      for (const f of fields) lines.set(f.top, [...(lines.get(f.top) ?? []), f]);
      for (const line of lines.values()) {
        const tops = line.map((f) => Math.round(f.control?.getBoundingClientRect().top ?? -1));
        if (Math.max(...tops) - Math.min(...tops) > 1)
          out.push(`${line.map((f) => f.name).join(' | ')}: ${tops.join(', ')}`);
      }
    }
    return out;
  });
}

/** Whether `part` (a calendar button, a time zone) sits on the line of `field`, not under it. */
export async function onTheLineOf(field: Locator, part: Locator): Promise<boolean> {
  const f = (await field.boundingBox())!;
  const p = (await part.boundingBox())!;
  const middle = p.y + p.height / 2;
  return middle >= f.y && middle <= f.y + f.height;
}

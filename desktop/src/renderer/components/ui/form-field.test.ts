// The form kit's markup (FormField.tsx): a field's label names its control (for/id), the hint and the
// error describe it and the error marks it invalid; a control's own id is kept; a checkbox's label is
// beside it in one row and names it. The layout itself (label above or beside, a wrapping label beside
// its box) is checked in Chromium by the objections, tasks, deal-page and contact-record e2e tests.
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CheckField, CheckRow, FormField, describedBy } from './FormField';

const dom = (html: string) => {
  // A tiny reader of the static markup: attributes of the first element matching a tag and class.
  const attrs = (tag: string, cls?: string) => {
    const re = new RegExp(`<${tag}\\b([^>]*)>`, 'g');
    for (const m of html.matchAll(re)) {
      const a = Object.fromEntries([...m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
      if (!cls || (a.class ?? '').split(' ').includes(cls)) return a as Record<string, string>;
    }
    return undefined;
  };
  return { attrs };
};

describe('FormField', () => {
  it('names its control by the label and describes it by the hint', () => {
    const html = renderToStaticMarkup(
      h(FormField, {
        label: 'Name (English)',
        hint: 'One a line',
        children: h('input', { value: '', readOnly: true }),
      }),
    );
    const { attrs } = dom(html);
    const input = attrs('input')!;
    expect(input.id).toBeTruthy();
    expect(attrs('label', 'form-field-label')!.for).toBe(input.id);
    expect(input['aria-describedby']).toBe(`${input.id}-hint`);
    expect(attrs('p', 'form-field-hint')!.id).toBe(`${input.id}-hint`);
    expect(input['aria-invalid']).toBeUndefined();
    expect(html).not.toContain('form-field-error');
  });

  it('shows an error under the control and marks it invalid; keeps a control id given', () => {
    const html = renderToStaticMarkup(
      h(FormField, {
        label: 'E-mail',
        error: 'Not an e-mail',
        children: h('input', { id: 'mail', defaultValue: 'x' }),
      }),
    );
    const { attrs } = dom(html);
    expect(attrs('input')!.id).toBe('mail');
    expect(attrs('input')!['aria-invalid']).toBe('true');
    expect(attrs('input')!['aria-describedby']).toBe('mail-error');
    expect(attrs('label', 'form-field-label')!.for).toBe('mail');
    expect(html).toMatch(/<p class="form-field-error" id="mail-error" role="alert">Not an e-mail<\/p>/);
  });

  it('puts the label before the control and the hint after it, in that order', () => {
    const html = renderToStaticMarkup(
      h(FormField, { label: 'L', hint: 'H', children: h('textarea', { rows: 2, id: 'notes' }) }),
    );
    expect(html.indexOf('form-field-label')).toBeLessThan(html.indexOf('<textarea'));
    expect(html.indexOf('<textarea')).toBeLessThan(html.indexOf('form-field-hint'));
  });

  it('describedBy joins the hint and the error ids, or gives none', () => {
    expect(describedBy('a', 'hint', undefined)).toBe('a-hint');
    expect(describedBy('a', 'hint', 'err')).toBe('a-hint a-error');
    expect(describedBy('a', null, '')).toBe('');
  });
});

describe('CheckField and CheckRow', () => {
  it('a checkbox named by the label beside it, in one row', () => {
    const html = renderToStaticMarkup(
      h(CheckField, { label: 'Active', checked: true, onChange: () => {}, testId: 'active' }),
    );
    const { attrs } = dom(html);
    const box = attrs('input')!;
    expect(box.type).toBe('checkbox');
    expect(box.checked).toBe('');
    expect(attrs('label', 'check-field-label')!.for).toBe(box.id);
    expect(attrs('div', 'check-row')).toBeDefined();
    // The box is a direct child of the row, before the body holding the label.
    expect(html).toMatch(
      /^<div class="check-row check-field"><input[^>]*><div class="check-row-body"><label/,
    );
  });

  it('a row of a list: the box beside the content', () => {
    const html = renderToStaticMarkup(
      h(CheckRow, {
        as: 'li',
        box: h('input', { type: 'checkbox' }),
        className: 'open',
        children: 'A long title',
      }),
    );
    expect(html).toBe(
      '<li class="check-row open"><input type="checkbox"/><div class="check-row-body">A long title</div></li>',
    );
  });
});

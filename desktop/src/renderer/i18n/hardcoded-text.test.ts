// No text a user reads is written into a component: every JSX text and every attribute a user reads
// (title, placeholder, aria-label, alt, label) comes from the dictionaries through `t`, so the Russian
// UI has no English left in it. The TypeScript compiler reads each .tsx file of the renderer; what it
// finds is listed as `file:line "text"`, so a failure names the string to move into the dictionaries
// (new keys in i18n/ui-en.ts and ui-ru.ts). Strings that are not language (a language's own name, key
// caps, example values) are in the allowlist below, each with why. The same reading checks the calls
// of `t`: a message with arguments gets every one of them, and a count reaches a plural as a number.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from './en';
import { messageArguments, type ArgumentKind } from './i18n';

// The renderer's sources, read by Vite at test time (the renderer may not import node:fs).
const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const parse = (file: string, source: string) =>
  ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );

/** Attributes whose value is read (or heard, by a screen reader) by the user. */
const readAttributes = new Set(['title', 'placeholder', 'aria-label', 'alt', 'label', 'aria-description']);

/**
 * Texts that are not words of a language, so they read the same in the Russian and the English UI.
 * A text is allowed when it is one of these exactly (after trimming and joining whitespace).
 */
const allowlist = new Set<string>([
  // A language's own name, in the language switchers: a reader looks for their language by it.
  'English',
  'Русский',
  // Key caps, as printed on the keyboard in both languages.
  'Ctrl K',
  // GigaChat's API scopes: the values its console shows and its API takes.
  'GIGACHAT_API_PERS',
  'GIGACHAT_API_B2B',
  'GIGACHAT_API_CORP',
  // The shapes of values a user pastes (a PEM certificate, a Telegram bot token, a VK community key).
  '-----BEGIN CERTIFICATE-----',
  '123456789:AA…',
  'vk1.a.…',
]);

/** A web address as a placeholder (`https://shop.example`) is an example of a value, not a sentence. */
const isAddress = (text: string) => /^https?:\/\/\S*$/.test(text);

/** A text has something to translate when it holds a letter of any alphabet. */
const hasLetters = (text: string) => /\p{L}/u.test(text);

/** Object properties that end up on screen as they are (`{ label: ..., title: ... }` of a list). */
const readProperties = new Set(['label', 'title', 'placeholder']);

/**
 * The strings an expression can show: a literal, a template's fixed parts, both branches of a
 * condition, the fallback of `??` / `||`. A literal passed to a call (`t('nav.inbox')`) is not shown.
 */
function texts(e: ts.Expression, report: (node: ts.Node, text: string) => void): void {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) report(e, e.text);
  else if (ts.isTemplateExpression(e))
    report(e, [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(' '));
  else if (ts.isParenthesizedExpression(e)) texts(e.expression, report);
  else if (ts.isConditionalExpression(e)) {
    texts(e.whenTrue, report);
    texts(e.whenFalse, report);
  } else if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    const fallback = op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken;
    if (fallback) texts(e.left, report);
    if (fallback || op === ts.SyntaxKind.AmpersandAmpersandToken) texts(e.right, report);
  }
}

type Finding = { file: string; line: number; text: string };

function hardCodedTexts(file: string, source: string): Finding[] {
  const sf = parse(file, source);
  const found: Finding[] = [];
  const report = (node: ts.Node, text: string) => {
    const trimmed = text.replace(/\s+/g, ' ').trim();
    if (!hasLetters(trimmed) || allowlist.has(trimmed) || isAddress(trimmed)) return;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    found.push({ file, line, text: trimmed });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text.replace(/&(#\d+|#x[\da-f]+|\w+);/gi, ' '));
    if (ts.isJsxAttribute(node) && readAttributes.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init)) report(init, init.text);
      else if (ts.isJsxExpression(init) && init.expression) texts(init.expression, report);
    }
    // An expression among an element's children (`{busy ? 'Saving' : label}`) is text too.
    if (
      ts.isJsxExpression(node) &&
      node.expression &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    )
      texts(node.expression, report);
    if (ts.isPropertyAssignment(node) && readProperties.has(node.name.getText(sf)))
      texts(node.initializer, report);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const isKey = (key: string): key is MessageKey => Object.hasOwn(en, key);
const numeric = new Set<ArgumentKind>(['number', 'plural']);

/** Arguments of a message in either language (ru may use one that en writes as text). */
function argumentsOf(key: MessageKey): Map<string, ArgumentKind> {
  const all = new Map(messageArguments('en', key));
  for (const [name, kind] of messageArguments('ru', key))
    if (numeric.has(kind) || !all.has(name)) all.set(name, kind);
  return all;
}

/**
 * Calls `t('key', vars)` (or `i18n.t(...)`) whose `vars` leave out an argument of the message, or
 * give a plural or number a text already formatted (`fmt.number(n)`, `String(n)`): ICU then cannot
 * pick the plural form or write the number the language's way.
 */
function badCalls(file: string, source: string): Finding[] {
  const sf = parse(file, source);
  const found: Finding[] = [];
  const at = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isT = ts.isIdentifier(callee)
        ? callee.text === 't'
        : ts.isPropertyAccessExpression(callee) && callee.name.text === 't';
      const [first, vars] = node.arguments;
      if (isT && first && ts.isStringLiteral(first) && isKey(first.text)) {
        const wanted = argumentsOf(first.text);
        if (wanted.size > 0 && !vars) found.push({ file, line: at(node), text: `${first.text}: no values` });
        if (vars && ts.isObjectLiteralExpression(vars) && !vars.properties.some(ts.isSpreadAssignment)) {
          const given = new Map<string, ts.Expression | undefined>();
          for (const p of vars.properties) {
            if (ts.isPropertyAssignment(p)) given.set(p.name.getText(sf), p.initializer);
            else if (ts.isShorthandPropertyAssignment(p)) given.set(p.name.text, undefined);
          }
          for (const [name, kind] of wanted) {
            if (!given.has(name)) found.push({ file, line: at(node), text: `${first.text}: no ${name}` });
            const value = given.get(name);
            const formatted =
              value &&
              (ts.isStringLiteral(value) ||
                ts.isTemplateExpression(value) ||
                (ts.isCallExpression(value) &&
                  /(\.number|\.money|^String|\.toString|\.toFixed)$/.test(value.expression.getText(sf))));
            if (numeric.has(kind) && formatted)
              found.push({
                file,
                line: at(node),
                text: `${first.text}: ${name} is a ${kind}, pass the number`,
              });
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const list = (found: Finding[]) => found.map((f) => `${f.file}:${f.line} "${f.text}"`);
const components = Object.entries(sources)
  .filter(([file]) => file.endsWith('.tsx'))
  .map(([file, source]) => [file.replace(/^\.\.\//, ''), source] as const);

describe('hard-coded text in components', () => {
  it('finds texts, attributes users read and literal branches, and leaves keys, classes and allowed names', () => {
    const sample = `
      export const A = ({ t, busy }) => (
        <section aria-label="Command palette" className="panel wide" data-testid="save">
          Save &amp; close
          <input placeholder={busy ? 'Saving…' : t('common.save')} title={\`Row \${1}\`} />
          <option value="en">English</option>
          {t('common.cancel')} {busy && 'Wait'} {'→'} <kbd>Ctrl K</kbd>
          <img alt="" src="https://example.com/a.png" />
          <Select options={[{ value: 'x', label: 'Extra' }]} placeholder="https://shop.example" />
        </section>
      );`;
    expect(list(hardCodedTexts('sample.tsx', sample))).toEqual([
      'sample.tsx:3 "Command palette"',
      'sample.tsx:4 "Save close"',
      'sample.tsx:5 "Saving…"',
      'sample.tsx:5 "Row"',
      'sample.tsx:7 "Wait"',
      'sample.tsx:9 "Extra"',
    ]);
  });

  it('finds none in the renderer', () => {
    // A glob that matched nothing would pass without looking at anything.
    expect(components.length).toBeGreaterThan(40);
    expect(list(components.flatMap(([file, source]) => hardCodedTexts(file, source)))).toEqual([]);
  });
});

describe('calls of t', () => {
  it('finds a missing value and a count formatted before it reaches a plural', () => {
    const sample = `
      t('leads.count');
      t('leads.count', { n: fmt.number(3) });
      i18n.t('tasks.you', { who: 'me' });
      t('leads.count', { n: rows.length });
      t('tasks.you', { name });
      t('common.save');`;
    expect(list(badCalls('sample.ts', sample))).toEqual([
      'sample.ts:2 "leads.count: no values"',
      'sample.ts:3 "leads.count: n is a plural, pass the number"',
      'sample.ts:4 "tasks.you: no name"',
    ]);
  });

  it('finds none in the renderer', () => {
    const files = Object.entries(sources).map(
      ([file, source]) => [file.replace(/^\.\.\//, ''), source] as const,
    );
    expect(files.length).toBeGreaterThan(100);
    expect(list(files.flatMap(([file, source]) => badCalls(file, source)))).toEqual([]);
  });
});

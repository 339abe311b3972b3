// What a rep sees on a page, and which of it is in the wrong language or machine data: the screens
// walk (screens.e2e.test.ts) fails on Latin-script words in the Russian UI and on Cyrillic in the
// English one, and on ISO timestamps, raw ids and bare confidence numbers in either (`machineData`). Data (what the demo's customers wrote, names, e-mails, deal and document titles) is taken from
// the seed itself and removed first; what is left must be the UI's language, but for a short list of
// brand and format names.
import type { Page } from 'playwright-core';
import type { TestServer } from './harness';

/** Currency codes (ISO 4217, as Intl knows them): amounts and currency pickers are labelled with them. */
const currencyCodes = new Set(Intl.supportedValuesOf('currency'));

/** Names that stay as they are in a Russian UI: brands, products, formats and key names. */
const allowedLatin = new Set([
  'Telegram',
  'CRM',
  'CSV',
  'URL',
  'API',
  'LLM',
  'IMAP',
  'SMTP',
  'TLS',
  'Markdown',
  'HTML',
  'SSL',
  'STARTTLS',
  'PDF',
  'Word',
  // The language switch names each language in its own language.
  'English',
  // VK's API names as VK's own Russian documentation writes them.
  'Callback',
  'Long',
  'Poll',
  'ID',
  // The services a team connects (Settings: task tracker, calendar, tools) and their formats.
  'Notion',
  'Asana',
  'Trello',
  'GitHub',
  'Google',
  'MCP',
  'JSON',
  'HTTP',
  'POST',
  'GET',
  'PUT',
  'PATCH',
  'DELETE',
  // Model providers (Settings) and their key and certificate formats.
  'OpenAI',
  'OpenRouter',
  'Ollama',
  'vLLM',
  'LM',
  'Studio',
  'GigaChat',
  'YandexGPT',
  'IAM',
  'PEM',
  'scope',
  // Calendar apps a feed is subscribed in, and the time zone name UTC.
  'Apple',
  'Outlook',
  'UTC',
  // The keys of the shortcuts the command palette lists (Ctrl/⌘+K, G then I/L/C/K), as on the keyboard.
  'Ctrl',
  'G',
  'I',
  'L',
  'C',
  'K',
]);

/** Words in Cyrillic an English UI shows: the language switch names Russian in Russian. */
const allowedCyrillic = new Set(['Русский']);

/** Texts that are data but not in the seed's customer docs: placeholders and stored names. */
const fixedData = [
  'Excel',
  'Daisy CRM: onboarding and delivery',
  'Support',
  'gpt-4o-mini', // an example model name (placeholder)
  'text-embedding-3-small', // an example embeddings model (placeholder)
  // The built-in pipeline's name (schemas/pipelines.ts), stored as data; its screens are issue 18's
  // and should show it in the UI's language, as Agents does for the default profile's name.
  'Sales',
  '123456789:AA…', // the shape of a bot token (placeholder)
];

/**
 * What the demo team's customers, reps and admins typed (names, companies, e-mails, messages, deal,
 * task and meeting titles, lost reasons, next steps), what the agents' pipeline read from the
 * customers' messages (twin facts) and the knowledge it was given: data, shown as it was written,
 * read from the server (sync-server/src/seed). Longest first, so a text is removed before its parts.
 */
export async function seedTexts(server: TestServer): Promise<string[]> {
  const all = await teamDocs(server);
  const out = new Set<string>(fixedData);
  const add = (v: unknown) => {
    if (typeof v === 'string' && /[A-Za-zА-Яа-яЁё]/.test(v)) out.add(v);
  };
  for (const c of await all('contacts')) {
    for (const k of ['name', 'company', 'email']) add(c[k]);
    // Tags are the team's own words ("demo"), shown as written on the contact's record.
    for (const t of (c.tags ?? []) as string[]) add(t);
    const twin = c.twin as { facts: { value: string }[]; summary?: string } | undefined;
    for (const f of twin?.facts ?? []) add(f.value);
    add(twin?.summary);
    // What a field held before the twin replaced it (the name the channel gave, stored as JSON).
    for (const h of (c.history ?? []) as { value: string }[]) add(String(JSON.parse(h.value)));
  }
  for (const m of await all('messages')) add(m.text);
  for (const c of await all('conversations')) add(c.lastMessagePreview);
  for (const l of await all('leads')) {
    for (const k of ['company', 'lostReason', 'nextStep']) add(l[k]);
    add(leadTitleData(String(l.title ?? '')));
  }
  for (const x of [...(await all('tasks')), ...(await all('events'))])
    for (const k of ['title', 'description', 'location']) add(x[k]);
  for (const s of await all('knowledge_sources')) add(s.title);
  for (const ch of await all('knowledge_chunks')) add(ch.text);
  // The team's members as the app names them (a card's owner, the owner picker): their display name,
  // else the words of their login before the @, capitalised (lib/board-cards.ts personName). Whole
  // names only: a part alone ("Mark") would be cut out of other words ("Markdown").
  for (const m of await members(server)) {
    const words = (m.email.split('@')[0] ?? '').split(/[._\-+]+/).filter(Boolean);
    // Their address whole (the owner picker, the team's list), so no shorter text is cut out of it.
    add(m.email);
    add(m.displayName || words.map((w) => w.charAt(0).toLocaleUpperCase() + w.slice(1)).join(' '));
  }
  // An admin's names for the A/B tests of a profile and their variants.
  for (const p of await all('agent_settings'))
    for (const e of (p.experiments ?? []) as { name: string; variants: { name: string }[] }[]) {
      add(e.name);
      for (const v of e.variants) add(v.name);
    }
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * What of a deal's title is data. A title the agents wrote («Заявка: Анна», "Lead: Anna") is the
 * app's words around the customer's name: the words must be in the customer's language, so a title
 * that mixes the two ("Lead: Посетитель сайта", issue 64) leaves its prefix to the language check.
 */
export function leadTitleData(title: string): string {
  const auto = /^(Lead|Заявка):\s+(.+)$/su.exec(title);
  if (!auto) return title;
  const cyrillic = (s: string) => /[А-Яа-яЁё]/.test(s) && !/[A-Za-z]/.test(s);
  return cyrillic(auto[1]!) === cyrillic(auto[2]!) ? title : auto[2]!;
}

type Doc = Record<string, unknown>;

async function accessToken(server: TestServer): Promise<string> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: server.email, password: server.password }),
  });
  return ((await login.json()) as { accessToken: string }).accessToken;
}

/** The demo team's members (id, login, display name), read as its admin. */
async function members(server: TestServer): Promise<{ email: string; displayName?: string }[]> {
  const res = await fetch(`${server.url}/api/v1/members`, {
    headers: { authorization: `Bearer ${await accessToken(server)}` },
  });
  if (!res.ok) throw new Error(`reading members: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { items: { email: string; displayName?: string }[] }).items;
}

/** Reads a collection of the demo team's docs from the server, signed in as its admin. */
async function teamDocs(server: TestServer): Promise<(collection: string) => Promise<Doc[]>> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: server.email, password: server.password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  return async (collection: string): Promise<Doc[]> => {
    const res = await fetch(`${server.url}/sync/${collection}/_all_docs?include_docs=true`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    if (!res.ok) throw new Error(`reading ${collection}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { rows: { doc?: Doc }[] };
    return body.rows.flatMap((r) => (r.doc && !String(r.doc._id).startsWith('_design') ? [r.doc] : []));
  };
}

/**
 * A demo contact whose deal is scored for a planned meeting (a `timing` reason from its `meeting_at`
 * fact) and who has a meeting booked: the contact page that shows meeting times in score reasons,
 * the summary, the facts and the meetings list. The Russian customers' meetings are set in Moscow time.
 */
export async function contactWithMeeting(server: TestServer): Promise<string | undefined> {
  const all = await teamDocs(server);
  const [leads, events] = [await all('leads'), await all('events')];
  const booked = new Set(events.map((e) => e.contactId));
  const scored = leads.find((l) => {
    const reasons = ((l.score as { reasons?: { factor: string }[] } | undefined)?.reasons ?? []).map(
      (r) => r.factor,
    );
    return reasons.includes('timing') && booked.has(l.contactId);
  });
  return scored?.contactId as string | undefined;
}

export type ShownText = { text: string; where: string };

/**
 * Every visible text of the page, the options of its lists and its fields' hints and labels. With
 * `code`, the text of code and key caps too (not a language's words, but machine data shown there is
 * still shown to a person).
 */
export function visibleTexts(page: Page, opts: { code?: boolean } = {}): Promise<ShownText[]> {
  return page.evaluate((withCode) => {
    const found: { text: string; where: string }[] = [];
    const shown = (el: Element) =>
      el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) &&
      el.getClientRects().length > 0;
    // Identifiers (code), key caps (kbd), what a user typed into a field and the initials of a
    // customer's name on an avatar (their data, in their script) are not UI text.
    const skipped = `script, style, noscript, option, textarea, .avatar${withCode ? '' : ', code, kbd'}`;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim() || el.closest(skipped) || !shown(el)) continue;
      found.push({ text: node.textContent, where: el.tagName.toLowerCase() });
    }
    for (const el of document.querySelectorAll('input, textarea, select, [aria-label], [title]')) {
      if (!shown(el)) continue;
      if (el instanceof HTMLSelectElement)
        for (const option of el.options) found.push({ text: option.text, where: 'option' });
      const hint = (el as HTMLInputElement).placeholder;
      if (hint) found.push({ text: hint, where: 'placeholder' });
      for (const attr of ['aria-label', 'title']) {
        const value = el.getAttribute(attr);
        if (value) found.push({ text: value, where: attr });
      }
    }
    return found;
  }, opts.code ?? false);
}

/** A text without the seed's data, addresses and host or file names: what is left is the UI's. */
function withoutData(text: string, data: readonly string[]): string {
  // The start of a message or note, cut to fit a line (a deal's timeline shows the first words).
  const cut = text.trim().replace(/…$/, '');
  if (cut.length >= 20 && data.some((d) => d.startsWith(cut))) return '';
  let rest = text;
  for (const d of data) if (rest.includes(d)) rest = rest.split(d).join(' ');
  return rest
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ') // e-mails
    .replace(/\b[\w-]+(\.[\w-]+)+\b/g, ' '); // host and file names
}

/** The words of a text in the other language's script than the UI's, but for data and names. */
export function foreignWords(text: string, locale: 'en' | 'ru', data: readonly string[]): string[] {
  const rest = withoutData(text, data);
  if (locale === 'ru')
    return [...rest.matchAll(/[A-Za-z][A-Za-z'’]*/g)]
      .map((m) => m[0])
      .filter((w) => !allowedLatin.has(w) && !currencyCodes.has(w));
  return [...rest.matchAll(/[А-Яа-яЁё][А-Яа-яЁё-]*/g)]
    .map((m) => m[0])
    .filter((w) => !allowedCyrillic.has(w));
}

/** What `machineData` finds, by kind: what a person should never have to read. */
export type MachineKind = 'iso-time' | 'device-id' | 'doc-id' | 'uuid' | 'hex-id' | 'bare-confidence';

const machinePatterns: [MachineKind, RegExp][] = [
  // 2026-11-20T11:00:00.000Z, 2026-11-20T11:00
  ['iso-time', /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g],
  // The desktop's device id (data/workspace.ts): device-5c9ccd54.
  ['device-id', /\bdevice-[0-9a-f]{6,}\b/gi],
  // A doc id with its collection's prefix, as the server writes some: lead:…, contact:…
  [
    'doc-id',
    /\b(?:lead|contact|conversation|conv|message|msg|task|event|activity|chunk|source|user|team|run):[A-Za-z0-9][\w.:-]{2,}/gi,
  ],
  ['uuid', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi],
  // 8 or more hex digits with both letters and digits (a plain number, a phone or a word is not one).
  ['hex-id', /(?<![\w-])(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,}(?![\w-])/gi],
  // 0.79 alone, before ▸ or a closing bracket, after "·" or "(" at the end, or compared ("0.21 < 0.35").
  ['bare-confidence', /(?:^|(?<=[\s(·:]))0[.,]\d{1,3}(?=\s*(?:▸|\)|<|$))|(?<=<\s*)0[.,]\d{1,3}\b/g],
];

/**
 * The machine data in one shown text: ISO timestamps, device ids, prefixed doc ids, UUIDs, hex ids
 * of 8 or more digits, and confidences written as a bare 0.xx number (alone, or followed by ▸). Each
 * as `kind: fragment`. Prices, phone numbers, dates (20.11.2026), times and durations (0,8 мин) are
 * not, nor a share written as a percentage.
 */
export function machineData(text: string): string[] {
  const out: string[] = [];
  for (const [kind, pattern] of machinePatterns)
    for (const m of text.matchAll(pattern)) {
      // A bare number counts only when it stands for a share: inside a longer number it is a part.
      if (kind === 'bare-confidence' && /\d[.,]?$/.test(text.slice(0, m.index))) continue;
      out.push(`${kind}: ${m[0]}`);
    }
  return out;
}

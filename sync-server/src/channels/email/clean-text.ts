// What the agents read of an e-mail: the customer's new words only. HTML becomes plain text (links
// without their URLs, no images, headings as written), and the quoted history and the signature are
// cut: quoting blocks by their markup where the mail has HTML (Gmail, Thunderbird, Apple Mail,
// Outlook on the web), then by the usual text markers in English and Russian (`> ` lines, "On … wrote:",
// "… пишет:", "-----Original Message-----", Outlook's From:/Sent: block, the `-- ` signature line, "Sent
// from my iPhone"). The full original stays stored with the mail (threading.ts); this is only the view.
import { convert } from 'html-to-text';

const skip = (selector: string) => ({ selector, format: 'skip' as const });
const headings = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
  selector,
  options: { uppercase: false },
}));

const htmlOptions = {
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ...headings,
    skip('img'),
    skip('style'),
    skip('script'),
    skip('head'),
    skip('blockquote'),
    skip('div.gmail_quote'),
    skip('div.gmail_extra'),
    skip('div.gmail_signature'),
    skip('div.moz-cite-prefix'),
    skip('div.moz-signature'),
    skip('pre.moz-signature'),
    skip('div#divRplyFwdMsg'),
    skip('div#appendonsend'),
    skip('div.yahoo_quoted'),
    skip('div[data-marker="__QUOTED_TEXT__"]'),
    skip('div[data-marker="__SIG_PRE__"]'),
    skip('div.js-compose-signature'),
  ],
  limits: { maxDepth: 200, maxInputLength: 2_000_000 },
};

/** HTML -> plain text, quoting blocks left out. */
export function htmlToPlainText(html: string): string {
  return convert(html, htmlOptions);
}

/** A line that introduces the quoted mail ("On Mon, 3 Mar 2025 at 10:00, Ann <a@x> wrote:"). */
const quoteHeader = [
  /^\s*On\s.{0,300}\bwrote:\s*$/i,
  /^(.{0,300}[\s,])?(пишет|написал|написала|написал\(а\)|wrote|schrieb|a écrit)\s*:\s*$/i,
  /^\s*-{2,}\s*(Original Message|Исходное сообщение|Пересылаемое сообщение|Forwarded message|Reply message)\s*-{2,}\s*$/i,
  /^\s*_{10,}\s*$/,
  // Gmail and Yandex in Russian: "пн, 3 мар. 2025 г. в 10:00, Иван <ivan@x.ru>:" / "03.03.2025, 10:00, "Иван" <ivan@x.ru>:"
  /^.{0,200}\d.{0,200}<[^<>\s]+@[^<>\s]+>\s*:\s*$/,
];

/** Outlook's header block of the quoted mail: "From: …" followed by "Sent:"/"Date:"/"To:"/"Subject:". */
const outlookFrom = /^\s*\*?(From|От|De|Von)\s*:\*?\s+\S/i;
const outlookNext = /^\s*\*?(Sent|Date|To|Subject|Cc|Отправлено|Дата|Кому|Тема|Копия)\s*:\*?/i;

/** Where a signature starts. */
const signatureStart = [
  /^--\s*$/,
  /^\s*(Sent from my|Sent from Mail for|Sent from Outlook|Get Outlook for|Отправлено с (моего )?(iPhone|iPad|Android|телефона)|Отправлено из мобильной|Sent with Proton|Envoyé de mon)\b/i,
];

/** A valediction on a line of its own; what follows it (a short block) is the signature. */
const valediction =
  /^\s*(best( regards)?|kind regards|regards|cheers|thanks( a lot)?|thank you|sincerely|с уважением|всего (доброго|хорошего)|спасибо|благодарю)[,.!]?\s*$/i;

/** Cuts the quoted history and the signature of a plain-text body. */
export function cutQuotedAndSignature(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const twoLines = `${line} ${lines[i + 1] ?? ''}`;
    if (
      quoteHeader.some((re) => re.test(line)) ||
      // "On Mon, 3 Mar 2025 at 10:00, Ann Lee <ann@x.com>\nwrote:" (a client wrapped it)
      (/^\s*On\s/i.test(line) && /^\s*On\s.{0,300}\bwrote:\s*$/i.test(twoLines)) ||
      (outlookFrom.test(line) && lines.slice(i + 1, i + 4).some((l) => outlookNext.test(l))) ||
      signatureStart.some((re) => re.test(line))
    ) {
      end = i;
      break;
    }
    // A block of `>` lines with nothing new after it is the quote (replies written under it keep it).
    if (/^\s*>/.test(line) && lines.slice(i).every((l) => /^\s*(>|$)/.test(l))) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end).filter((l) => !/^\s*>/.test(l));
  // A valediction near the end: the rest is a name, a title, a phone.
  for (let i = Math.max(0, kept.length - 10); i < kept.length; i++) {
    if (valediction.test(kept[i]!) && i > 0) {
      kept.length = i;
      break;
    }
  }
  return tidy(kept.join('\n'));
}

/** Trailing spaces off, at most one empty line in a row, no empty lines around. */
export function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The text the agents read: from the HTML part when there is one (its markup tells quotes apart best),
 * else the plain part; quotes and signature cut. A mail that is all quote keeps its full text.
 */
export function readableText(parts: { text?: string; html?: string | false }): {
  text: string;
  full: string;
} {
  const html = typeof parts.html === 'string' && parts.html.trim() ? parts.html : undefined;
  const fromHtml = html ? htmlToPlainText(html) : undefined;
  const full = tidy((parts.text ?? '').trim() || (html ? convert(html, { wordwrap: false }) : ''));
  const cut = cutQuotedAndSignature(fromHtml ?? parts.text ?? '');
  return { text: cut || full, full };
}

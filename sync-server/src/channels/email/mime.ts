// A raw RFC 5322 / MIME message -> what the channel needs of it: who wrote, the thread headers, the
// readable text (clean-text.ts), the full text, and the attachments' bytes. mailparser is lenient;
// what the channel cannot take in (no headers at all, no sender address, a parser failure) is a
// MalformedEmail with a reason a rep can read, so the mailbox loop records it and goes on.
import type { AddressObject, ParsedMail } from 'mailparser';
import { readableText } from './clean-text';
import { hashOf, messageIdList, normalizeMessageId } from './threading';

export type EmailAddress = { address: string; name?: string };

export type EmailAttachment = {
  fileName: string;
  contentType: string;
  size: number;
  content: Buffer;
};

export type ParsedEmail = {
  /** The Message-ID without brackets; one derived from the bytes when the mail has none. */
  messageId: string;
  hasMessageId: boolean;
  inReplyTo?: string;
  references: string[];
  subject: string;
  from: EmailAddress;
  /** Where answers go: Reply-To when set, else From. */
  replyTo: EmailAddress;
  to: string[];
  date?: string;
  /** What the agents read: new words only (quotes and signature cut). */
  text: string;
  /** The whole body as text. */
  fullText: string;
  attachments: EmailAttachment[];
  /** An auto-reply, a bounce or a list mail (RFC 3834 `Auto-Submitted`, `Precedence`): not answered. */
  automatic: boolean;
};

export class MalformedEmail extends Error {
  readonly code = 'email-malformed';
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`malformed e-mail: ${reason}`, options);
    this.name = 'MalformedEmail';
  }
}

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

function firstAddress(value: AddressObject | AddressObject[] | undefined): EmailAddress | undefined {
  for (const obj of Array.isArray(value) ? value : value ? [value] : []) {
    for (const a of obj.value) {
      const address = a.address?.trim();
      if (address && EMAIL.test(address))
        return { address: address.toLowerCase(), ...(a.name?.trim() ? { name: a.name.trim() } : {}) };
      for (const member of a.group ?? []) {
        const m = member.address?.trim();
        if (m && EMAIL.test(m)) return { address: m.toLowerCase() };
      }
    }
  }
  return undefined;
}

function allAddresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const out: string[] = [];
  for (const obj of Array.isArray(value) ? value : value ? [value] : [])
    for (const a of obj.value) if (a.address && EMAIL.test(a.address)) out.push(a.address.toLowerCase());
  return out;
}

/** A header block must end before the body: at least one `Name: value` line at the start. */
function looksLikeMail(raw: Buffer): boolean {
  const head = raw.subarray(0, 4096).toString('latin1');
  return /^[\x21-\x39\x3b-\x7e]+:/.test(head);
}

function isAutomatic(mail: ParsedMail): boolean {
  const auto = String(mail.headers.get('auto-submitted') ?? '').toLowerCase();
  const precedence = String(mail.headers.get('precedence') ?? '').toLowerCase();
  const type = String((mail.headers.get('content-type') as { value?: string } | undefined)?.value ?? '');
  return (
    (auto !== '' && auto !== 'no') ||
    ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence) ||
    type.toLowerCase() === 'multipart/report'
  );
}

/** Parses a raw message; throws MalformedEmail when the channel cannot take it in. */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  if (raw.length === 0) throw new MalformedEmail('the message is empty');
  if (!looksLikeMail(raw)) throw new MalformedEmail('no header lines at the start of the message');
  let mail: ParsedMail;
  try {
    const { simpleParser } = await import('mailparser');
    mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, keepCidLinks: true });
  } catch (cause) {
    throw new MalformedEmail(`the MIME structure cannot be parsed (${String(cause)})`, { cause });
  }
  const from = firstAddress(mail.from);
  if (!from) {
    const header = String(
      mail.headers.get('from') ? (mail.headers.get('from') as { text?: string }).text : '',
    );
    throw new MalformedEmail(
      header
        ? `the sender address (From: ${header.slice(0, 120)}) is not an e-mail address`
        : 'no sender (From)',
    );
  }
  const own = normalizeMessageId(mail.messageId);
  const messageId = own ?? `generated-${hashOf(raw.toString('latin1'), 32)}@mail.invalid`;
  const inReplyTo = messageIdList(mail.inReplyTo)[0];
  const { text, full } = readableText({ text: mail.text, html: mail.html });
  const attachments = mail.attachments
    // Images a signature or the HTML shows inline (cid:) are part of the body, not files sent.
    .filter((a) => !(a.related && a.contentDisposition !== 'attachment'))
    .map((a, i) => ({
      fileName: (a.filename ?? `attachment-${i + 1}`).replace(/[\\/\0]/g, '_').slice(0, 255),
      contentType: (a.contentType || 'application/octet-stream').slice(0, 127),
      size: a.content.length,
      content: a.content,
    }));
  return {
    messageId,
    hasMessageId: !!own,
    ...(inReplyTo ? { inReplyTo } : {}),
    references: messageIdList(mail.references),
    subject: (mail.subject ?? '').replace(/\s+/g, ' ').trim().slice(0, 998),
    from,
    replyTo: firstAddress(mail.replyTo) ?? from,
    to: allAddresses(mail.to),
    ...(mail.date && !Number.isNaN(mail.date.getTime()) ? { date: mail.date.toISOString() } : {}),
    text,
    fullText: full,
    attachments,
    automatic: isAutomatic(mail),
  };
}

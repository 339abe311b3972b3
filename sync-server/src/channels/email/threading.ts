// E-mail threads and ids. A thread follows `Message-ID`, `In-Reply-To` and `References`: every mail
// taken in or sent is recorded in the team's `files` database under an id derived from its
// Message-ID (`mail-<hash>`, holding the conversation it belongs to and the raw original), so a reply
// finds its conversation by looking up the ids it refers to, whichever client wrote it. Ids of the
// docs a mail makes derive from its Message-ID, so a mail taken in twice writes nothing new.
import { createHash } from 'node:crypto';

export const hashOf = (value: string, length = 40) =>
  createHash('sha256').update(value, 'utf8').digest('hex').slice(0, length);

/** `<abc@host>` or `abc@host` -> `abc@host` (angle brackets, whitespace and folding dropped). */
export function normalizeMessageId(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const inner = /<([^<>]+)>/.exec(value)?.[1] ?? value;
  const id = inner.replace(/\s+/g, '').slice(0, 998);
  return id.length > 0 ? id : undefined;
}

/** The ids of a `References` or `In-Reply-To` header (a string, or mailparser's string list). */
export function messageIdList(value: string | string[] | undefined | null): string[] {
  if (!value) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const bracketed = text.match(/<[^<>]+>/g);
  const parts = bracketed ?? text.split(/\s+/);
  const ids = parts.map((p) => normalizeMessageId(p)).filter((p): p is string => !!p);
  return [...new Set(ids)];
}

/** The files-db doc that records a mail of the thread (and holds its raw original). */
export const mailDocId = (messageId: string) => `mail-${hashOf(messageId)}`;

/** The message doc of an inbound mail. */
export const emailMessageDocId = (messageId: string) => `msg:email:${hashOf(messageId)}`;

/** The mail doc of an inbound message doc (`msg:email:<hash>` -> `mail-<hash>`). */
export const mailDocIdOfMessage = (messageDocId: string) =>
  messageDocId.startsWith('msg:email:') ? `mail-${messageDocId.slice('msg:email:'.length)}` : undefined;

/** A new thread's conversation: derived from the mailbox and the thread's first Message-ID. */
export const emailConversationId = (mailbox: string, rootMessageId: string) =>
  `conv:email:${hashOf(`${mailbox.toLowerCase()}\n${rootMessageId}`, 32)}`;

/** The contact first seen writing from this address. */
export function emailContactId(address: string): string {
  const clean = address.trim().toLowerCase();
  const id = `contact:email:${clean.replace(/[^A-Za-z0-9_.@-]/g, '_')}`;
  return id.length <= 128 ? id : `contact:email:${hashOf(clean)}`;
}

/**
 * Where a mail belongs, in the order to look: the mail it answers, then its references from the
 * newest back. The first one the team knows names the conversation.
 */
export function threadCandidates(mail: { inReplyTo?: string; references: string[] }): string[] {
  return [...new Set([...(mail.inReplyTo ? [mail.inReplyTo] : []), ...[...mail.references].reverse()])];
}

/** The thread's first mail, as its headers name it (the mail itself when it starts the thread). */
export function threadRoot(mail: { messageId: string; inReplyTo?: string; references: string[] }): string {
  return mail.references[0] ?? mail.inReplyTo ?? mail.messageId;
}

const replyPrefix = /^\s*(re|aw|sv|antw|ответ|отв)\s*(\[\d+\])?\s*:/i;

/** "Re: <subject>", once (a subject that already says Re:, Aw:, Ответ: stays as it is). */
export function replySubject(subject: string | undefined): string {
  const s = (subject ?? '').replace(/\s+/g, ' ').trim();
  if (!s) return 'Re:';
  return replyPrefix.test(s) ? s : `Re: ${s}`;
}

/**
 * Threading headers of a reply to `parent`: In-Reply-To its Message-ID, References its references
 * plus its id. A long chain keeps its first id and the newest ones (RFC 5322 3.6.4 lets clients trim).
 */
export function replyHeaders(parent: { messageId: string; references: string[] }): {
  inReplyTo: string;
  references: string[];
} {
  const chain = [...parent.references.filter((r) => r !== parent.messageId), parent.messageId];
  const references = chain.length > 20 ? [chain[0]!, ...chain.slice(-19)] : chain;
  return { inReplyTo: parent.messageId, references };
}

/** The Message-ID of an outbound message doc: stable, so a resend after a crash carries the same id. */
export function outboundMessageId(teamId: string, messageDocId: string, fromAddress: string): string {
  const domain = fromAddress.split('@')[1]?.toLowerCase() || 'localhost';
  return `${hashOf(`${teamId}\n${messageDocId}`, 32)}@${domain}`;
}

export const bracket = (id: string) => `<${id}>`;

// Outbound e-mail: an outbound message doc of an e-mail conversation (an AI answer or a rep's reply)
// becomes a mail in the customer's thread: To the address they answer at (Reply-To, else From),
// "Re: <subject>", In-Reply-To the mail it answers and References its chain plus that mail, read
// back from the stored original. Its Message-ID derives from the doc (a resend after a crash carries
// the same id, so mail clients show one), and its record (`mail-<hash>` in `files`, the raw mail
// attached) threads the customer's answer to it even from a client that sends only In-Reply-To.
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Logger } from 'pino';
import { RFQ_TAG } from '@app/shared/packs';
import type { ConversationDoc, MessageDoc } from '@app/shared/schemas';
import type { Store } from '../../context';
import { teamData, teamStored } from '../../store/data';
import { inboundMessages } from '../../store/queries';
import { textWithChoices } from './mail-choices';
import { createRepNames, signedText } from '../rep-names';
import type { MailFileDoc } from './mail-intake';
import type { EmailSettings, ServerSettings } from './settings';
import {
  bracket,
  mailDocId,
  mailDocIdOfMessage,
  messageIdList,
  normalizeMessageId,
  outboundMessageId,
  replyHeaders,
  replySubject,
} from './threading';

export type SmtpAccount = ServerSettings & { password: string };

/**
 * A transport for the account. `pooled`: a team's sender keeps up to `maxConnections` SMTP sessions
 * open and sends mail after mail over them (no connection, greeting and login per mail); closed with
 * the sender (its team stopped, or its settings changed). A one-off check or notice goes unpooled.
 */
export function createMailTransport(
  smtp: SmtpAccount,
  pooled?: { maxConnections: number },
  target?: { host: string; servername?: string },
): Transporter {
  return nodemailer.createTransport({
    ...(pooled ? { pool: true as const, maxConnections: pooled.maxConnections, maxMessages: 500 } : {}),
    // The checked address (mail-target.ts), the typed name kept for TLS.
    host: target?.host ?? smtp.host,
    ...(target?.servername ? { servername: target.servername } : {}),
    port: smtp.port,
    secure: smtp.tls === 'implicit',
    requireTLS: smtp.tls === 'starttls',
    ignoreTLS: smtp.tls === 'none',
    auth: { user: smtp.user, pass: smtp.password },
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

/** The headers of a stored mail that a reply needs (read from its original's header block). */
export type ParentMail = { messageId: string; references: string[]; subject: string; replyTo?: string };

/** The header block of an attachment's bytes: read until the blank line (at most 256 KiB). */
async function readHeaderBlock(store: Store, teamId: string, docId: string): Promise<Buffer | undefined> {
  const stream = teamData(store, teamId).files.originalStream(docId);
  const parts: Buffer[] = [];
  let size = 0;
  return new Promise((resolve) => {
    const finish = (found: boolean) => {
      stream.removeAllListeners('data');
      stream.destroy?.();
      resolve(found || size > 0 ? Buffer.concat(parts) : undefined);
    };
    stream.on('data', (chunk: Buffer) => {
      parts.push(chunk);
      size += chunk.length;
      const text = Buffer.concat(parts).toString('latin1');
      const end = text.search(/\r?\n\r?\n/);
      if (end >= 0 || size > 256 * 1024) {
        parts.splice(0, parts.length, Buffer.concat(parts).subarray(0, end >= 0 ? end + 2 : size));
        finish(true);
      }
    });
    stream.on('end', () => finish(false));
    stream.on('error', () => resolve(undefined));
  });
}

/** The stored mail a message doc came from, or undefined (not an e-mail, or its original is gone). */
export async function parentMail(
  store: Store,
  teamId: string,
  messageDocId: string,
): Promise<ParentMail | undefined> {
  const fileId = mailDocIdOfMessage(messageDocId);
  if (!fileId) return undefined;
  const head = await readHeaderBlock(store, teamId, fileId);
  if (!head) return undefined;
  const { simpleParser } = await import('mailparser');
  const mail = await simpleParser(Buffer.concat([head, Buffer.from('\r\n')]));
  const messageId = normalizeMessageId(mail.messageId);
  if (!messageId) return undefined;
  const replyTo = mail.replyTo?.value[0]?.address ?? mail.from?.value[0]?.address;
  return {
    messageId,
    references: messageIdList(mail.references),
    subject: mail.subject ?? '',
    ...(replyTo ? { replyTo: replyTo.toLowerCase() } : {}),
  };
}

/** The conversation's newest inbound mail (a rep's message that names none answers that one). */
async function latestInbound(store: Store, teamId: string, conversationId: string) {
  const docs = await teamStored<MessageDoc>(store, teamId, 'messages').find({
    selector: inboundMessages(conversationId),
    fields: ['_id', 'createdAt'],
    limit: 1000,
  });
  // Only `_id` and `createdAt` are there (the fields asked for): all that is read.
  const newest = docs.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
  return newest?._id;
}

/** A new thread's subject: a request for a quote's first line (packs' Vendors agent), else the sender. */
function newThreadSubject(conv: ConversationDoc | undefined, doc: MessageDoc, settings: EmailSettings) {
  const first = doc.text.split('\n', 1)[0]!.trim();
  if (conv?.tags?.includes(RFQ_TAG) && first) return first.slice(0, 200);
  return settings.fromName ?? settings.address;
}

export type OutboundMail = {
  raw: Buffer;
  messageId: string;
  envelope: { from: string; to: string[] };
};

/** Builds the mail of an outbound message doc (not sent yet). */
export async function composeOutbound(
  store: Store,
  settings: EmailSettings,
  doc: MessageDoc,
  at: Date,
): Promise<OutboundMail> {
  const { teamId } = settings;
  const conv = (await teamData(store, teamId).conversations.get(doc.conversationId)) ?? undefined;
  const parentId =
    doc.replyToId?.startsWith('msg:email:') === true
      ? doc.replyToId
      : await latestInbound(store, teamId, doc.conversationId);
  const parent = parentId ? await parentMail(store, teamId, parentId) : undefined;
  const to = parent?.replyTo ?? conv?.externalChatId;
  if (!to) throw new Error(`no address to write to in conversation ${doc.conversationId}`);
  const messageId = outboundMessageId(teamId, doc.id, settings.address);
  const thread = parent ? replyHeaders(parent) : undefined;
  const files = teamData(store, teamId).files;
  const attachments = await Promise.all(
    doc.attachments
      .filter((a) => a.fileDocId)
      .map(async (a) => ({
        filename: a.fileName ?? 'file',
        contentType: a.mimeType ?? 'application/octet-stream',
        content: await files.original(a.fileDocId!),
      })),
  );
  // A rep's reply is signed with their display name (From and the last line), never their login.
  const rep = await createRepNames(store).of(doc.author);
  const fromName = rep ? (settings.fromName ? `${rep} (${settings.fromName})` : rep) : settings.fromName;
  const composer = new MailComposer({
    from: fromName ? { name: fromName, address: settings.address } : settings.address,
    to,
    subject: parent ? replySubject(parent.subject) : newThreadSubject(conv, doc, settings),
    text: textWithChoices(doc, signedText(doc.text, rep)),
    messageId: bracket(messageId),
    date: at,
    ...(thread
      ? { inReplyTo: bracket(thread.inReplyTo), references: thread.references.map(bracket).join(' ') }
      : {}),
    attachments,
  });
  const raw = await new Promise<Buffer>((resolve, reject) =>
    composer.compile().build((err, message) => (err ? reject(err) : resolve(message))),
  );
  return { raw, messageId, envelope: { from: settings.address, to: [to] } };
}

/**
 * Records the mail in `files` before it goes (its conversation: the customer's answer threads to it),
 * sends it, then stores the raw mail sent. Answers the Message-ID.
 */
export async function sendOutbound(
  store: Store,
  transport: { sendMail(mail: SendMailOptions): Promise<unknown> },
  settings: EmailSettings,
  doc: MessageDoc,
  at: Date,
  log: Logger,
): Promise<string> {
  const mail = await composeOutbound(store, settings, doc, at);
  const record: MailFileDoc = {
    kind: 'other',
    fileName: 'sent.eml',
    mimeType: 'message/rfc822',
    size: mail.raw.length,
    messageId: doc.id,
    conversationId: doc.conversationId,
    createdAt: at.toISOString(),
  };
  const records = teamStored<MailFileDoc>(store, settings.teamId, 'files');
  const files = teamData(store, settings.teamId).files;
  const fileId = mailDocId(mail.messageId);
  // null: recorded before (a resend): storeFile finds it.
  const rev = await records.put({ _id: fileId, ...record });
  await transport.sendMail({ envelope: mail.envelope, raw: mail.raw });
  // On the record just written (its revision in hand), else as storeFile finds it.
  const stored = rev
    ? files
        .attachOriginal(fileId, rev, mail.raw, 'message/rfc822')
        .catch(() => files.store(fileId, record, mail.raw, 'message/rfc822'))
    : files.store(fileId, record, mail.raw, 'message/rfc822');
  await stored.catch((err: unknown) => log.warn({ err, id: doc.id }, 'the sent mail was not stored'));
  return mail.messageId;
}

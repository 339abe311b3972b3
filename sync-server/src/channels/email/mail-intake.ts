// Taking in one customer e-mail: the raw original and each attachment go to the team's `files`
// database (a doc, then a standalone attachment PUT of the raw bytes, as knowledge uploads do), then
// contact, conversation and message through the shared intake. Every id derives from the mail's
// Message-ID, so a mail taken in twice (a restart before the checkpoint moved) writes nothing new.
// The conversation is the one of the first mail the team knows among those this one answers or
// refers to (threading.ts); else a new one. The contact is the one that holds the sender's address
// verified, in any channel, else the address's own (sender-contact.ts). A mail the channel cannot read becomes an activity error
// that reps see, and the mailbox goes on.
import type { Logger } from 'pino';
import type { AttachmentMeta, MessageDoc } from '@app/shared/schemas';
import type { Store } from '../../context';
import { teamData, teamStored, type TeamFiles } from '../../store/data';
import { ingestInbound } from '../intake';
import { mailPick } from './mail-choices';
import { MalformedEmail, parseEmail, type EmailAttachment, type ParsedEmail } from './mime';
import { createActivity, proposeMerge, senderContact } from './sender-contact';
import {
  emailConversationId,
  emailMessageDocId,
  hashOf,
  mailDocId,
  threadCandidates,
  threadRoot,
} from './threading';

const MiB = 1024 * 1024;
/** A mail up to this size is stored with its record in one write (files.ts). */
const INLINE_BYTES = 256 * 1024;
const mib = (bytes: number) => `${Math.round((bytes / MiB) * 10) / 10} MiB`;

export type MailLimits = {
  /** One attachment larger than this is listed on the message but not stored. */
  maxAttachmentBytes: number;
  /** A whole message larger than this is not fetched (an activity error says so). */
  maxMessageBytes: number;
};
/** As the files collection takes them (gateway/files.ts: 25 MiB an attachment, 30 MiB a doc). */
export const defaultMailLimits: MailLimits = { maxAttachmentBytes: 25 * MiB, maxMessageBytes: 30 * MiB };

export type MailIntake = {
  store: Store;
  teamId: string;
  /** The team's address (the mailbox): its own mail is not taken in. */
  address: string;
  log: Logger;
  limits?: MailLimits;
  now?: () => Date;
};

/** Where a mail came from in the mailbox, for error reports. */
export type MailSource = { mailbox: string; uidValidity: string; uid: number; size?: number };

export type IntakeResult =
  | { status: 'created' | 'duplicate'; messageDocId: string; conversationId: string }
  | { status: 'malformed'; reason: string }
  | { status: 'skipped'; reason: string };

/**
 * The record of a mail in the files db (`mail-<hash of its Message-ID>`, metadata as the files
 * collection allows: gateway/files.ts), the raw original as its attachment. Its `conversationId`
 * threads the replies; the headers a reply needs are read back from the original (outbound.ts).
 */
export type MailFileDoc = {
  kind: 'other';
  fileName: 'original.eml' | 'sent.eml';
  mimeType: 'message/rfc822';
  size?: number;
  /** The message doc of the mail. */
  messageId: string;
  conversationId: string;
  createdAt: string;
};

/** The conversation of the first mail the team knows that this one answers or refers to. */
async function knownConversation(
  store: Store,
  teamId: string,
  mail: ParsedEmail,
): Promise<string | undefined> {
  const candidates = threadCandidates(mail).slice(0, 50);
  if (candidates.length === 0) return undefined;
  const found = await teamStored<Partial<MailFileDoc>>(store, teamId, 'files').byIds(
    candidates.map(mailDocId),
  );
  for (const doc of found) {
    if (doc.mimeType === 'message/rfc822' && typeof doc.conversationId === 'string')
      return doc.conversationId;
  }
  return undefined;
}

const kindOf = (contentType: string): AttachmentMeta['kind'] => {
  const t = contentType.toLowerCase();
  if (t.startsWith('image/')) return 'photo';
  if (t.startsWith('audio/')) return 'audio';
  if (t.startsWith('video/')) return 'video';
  return 'document';
};

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** What the agents read: a new thread's subject above the new words. */
function messageText(mail: ParsedEmail): string {
  const startsThread = !mail.inReplyTo && mail.references.length === 0;
  const subject = mail.subject && startsThread ? `${mail.subject}\n\n` : '';
  return clip(`${subject}${mail.text}`.trim(), 16_000);
}

/** An activity error reps see (the server alone writes activity); the same mail twice writes one. */
export async function recordMailError(
  store: Store,
  teamId: string,
  key: string,
  error: string,
  input: Record<string, unknown>,
  at: string,
): Promise<void> {
  const doc = {
    id: `act:email:${hashOf(key, 32)}`,
    runId: `email-intake:${hashOf(key, 16)}`,
    role: 'runtime' as const,
    kind: 'error' as const,
    name: 'email-intake',
    status: 'error' as const,
    error: clip(error, 2000),
    input: clip(JSON.stringify(input), 20_000),
    startedAt: at,
    finishedAt: at,
  };
  await createActivity(store, teamId, doc);
}

/** A mail that cannot be parsed: logged and recorded once as the team's mail error. */
async function recordMalformed(
  deps: MailIntake,
  raw: Buffer,
  source: MailSource,
  error: MalformedEmail,
  at: string,
  log: MailIntake['log'],
): Promise<IntakeResult> {
  // Keyed by the bytes: the same broken mail seen again (a restart) records one error.
  const where = `${source.mailbox} UID ${source.uid} (UIDVALIDITY ${source.uidValidity})`;
  const reason = `${error.message}; the mail at ${where} was not taken in`;
  log.error({ reason }, 'e-mail not taken in');
  await recordMailError(
    deps.store,
    deps.teamId,
    `malformed\n${hashOf(raw.toString('latin1'))}`,
    reason,
    {
      ...source,
      size: raw.length,
      head: raw.subarray(0, 500).toString('utf8'),
    },
    at,
  );
  return { status: 'malformed', reason };
}

export async function takeInMail(deps: MailIntake, raw: Buffer, source: MailSource): Promise<IntakeResult> {
  const { store, teamId } = deps;
  const limits = deps.limits ?? defaultMailLimits;
  const at = (deps.now ?? (() => new Date()))().toISOString();
  const log = deps.log.child({ mailbox: source.mailbox, uid: source.uid, uidValidity: source.uidValidity });
  let mail: ParsedEmail;
  try {
    mail = await parseEmail(raw);
  } catch (error) {
    if (!(error instanceof MalformedEmail)) throw error;
    return recordMalformed(deps, raw, source, error, at, log);
  }
  if (mail.from.address === deps.address.toLowerCase())
    return { status: 'skipped', reason: 'sent from the team address itself' };

  const files = teamData(store, teamId).files;
  const messageDocId = emailMessageDocId(mail.messageId);
  const messages = teamStored<{ conversationId: string }>(store, teamId, 'messages');
  const base = mailDocId(mail.messageId);
  /** The attachments, then the original (its record threads the replies): they need no contact. */
  const storeFiles = async (conversationId: string) => {
    const attachments: AttachmentMeta[] = [];
    for (const [i, a] of mail.attachments.slice(0, 20).entries()) {
      attachments.push(
        await storeAttachment(deps, files, `${base}-a${i + 1}`, a, limits, {
          messageDocId,
          conversationId,
          at,
        }),
      );
    }
    const mailDoc: MailFileDoc = {
      kind: 'other',
      fileName: 'original.eml',
      mimeType: 'message/rfc822',
      size: raw.length,
      messageId: messageDocId,
      conversationId,
      createdAt: at,
    };
    await files.store(base, mailDoc, raw, 'message/rfc822', INLINE_BYTES);
    return attachments;
  };
  // A new thread of one small doc (most of a burst): its conversation needs no lookup, so the sender
  // lookup and the original's write go side by side with the check whether the mail was taken in
  // before, one store round trip less per mail. A mail taken in before (a restart) then costs a write
  // the store refuses (409, nothing changes) and a read, and is a duplicate as ever.
  const startsThread =
    threadCandidates(mail).length === 0 && mail.attachments.length === 0 && raw.length <= INLINE_BYTES;
  const early = startsThread ? emailConversationId(deps.address, threadRoot(mail)) : undefined;
  // The lookups that do not wait on each other go side by side (the store answers a burst's in a
  // few batches): whether the mail was taken in before, and the thread it answers.
  const [seen, known, earlyWork] = await Promise.all([
    messages.get(messageDocId),
    knownConversation(store, teamId, mail),
    early
      ? Promise.all([senderContact(store, teamId, mail.from.address, undefined), storeFiles(early)])
      : undefined,
  ]);
  if (seen) return { status: 'duplicate', messageDocId, conversationId: seen.conversationId };

  const conversationId = early ?? known ?? emailConversationId(deps.address, threadRoot(mail));
  // The message is written once both are done (a retry after a failure of either writes them again:
  // each is a no-op the second time).
  const [{ contactId, claimedBy, kept }, attachments] =
    earlyWork ??
    (await Promise.all([senderContact(store, teamId, mail.from.address, known), storeFiles(conversationId)]));

  const doc: MessageDoc = {
    id: messageDocId,
    conversationId,
    contactId,
    channel: 'email',
    direction: 'inbound',
    author: {
      kind: 'customer',
      id: contactId,
      ...(mail.from.name ? { name: clip(mail.from.name, 200) } : {}),
    },
    text: messageText(mail),
    attachments,
    delivery: { status: 'received' },
    idempotencyKey: `email:${hashOf(mail.messageId)}`,
    // Auto-replies and bounces are kept for reps; the agents do not answer them (no mail loops).
    ...(mail.automatic ? { signals: { handledByBot: true } } : {}),
    // A reply that is just the number of an offered choice is the customer's pick (mail-choices.ts).
    ...(known && !mail.automatic ? await mailPick(store, teamId, conversationId, mail) : undefined),
    createdAt: at,
  };
  const status = await ingestInbound(
    store,
    teamId,
    {
      doc,
      customer: {
        contactId,
        name: mail.from.name ?? mail.from.address.split('@')[0] ?? mail.from.address,
        identity: { channel: 'email', externalId: mail.from.address },
        // The address the customer wrote from is theirs: the channel vouches for it (verified), and it
        // is one of the contact's identities (a contact first known in another channel gains it here).
        email: mail.from.address,
      },
      conversation: {
        id: conversationId,
        channel: 'email',
        externalChatId: mail.replyTo.address,
        botId: deps.address,
      },
    },
    { kept },
  );
  if (status === 'created') {
    for (const other of claimedBy.slice(0, 5))
      await proposeMerge(
        store,
        teamId,
        {
          address: mail.from.address,
          claimedBy: other,
          mailContactId: contactId,
          conversationId,
          messageId: messageDocId,
        },
        at,
      );
  }
  log.info({ messageDocId, conversationId, status, attachments: attachments.length }, 'e-mail taken in');
  return { status, messageDocId, conversationId };
}

async function storeAttachment(
  deps: MailIntake,
  files: TeamFiles,
  fileDocId: string,
  a: EmailAttachment,
  limits: MailLimits,
  refs: { messageDocId: string; conversationId: string; at: string },
): Promise<AttachmentMeta> {
  const meta = {
    kind: kindOf(a.contentType),
    fileName: a.fileName,
    mimeType: a.contentType,
    size: a.size,
  } satisfies AttachmentMeta;
  if (a.size > limits.maxAttachmentBytes) {
    const reason = `attachment "${a.fileName}" is ${mib(a.size)}, over the ${mib(limits.maxAttachmentBytes)} limit: not stored`;
    await recordMailError(
      deps.store,
      deps.teamId,
      `too-large\n${fileDocId}`,
      reason,
      {
        messageId: refs.messageDocId,
        fileName: a.fileName,
        size: a.size,
      },
      refs.at,
    );
    return { ...meta, caption: clip(reason, 1024) };
  }
  await files.store(
    fileDocId,
    {
      kind: 'attachment',
      fileName: a.fileName,
      mimeType: a.contentType,
      size: a.size,
      messageId: refs.messageDocId,
      conversationId: refs.conversationId,
      createdAt: refs.at,
    },
    a.content,
    a.contentType,
  );
  return { ...meta, fileDocId };
}

// The web chat channel: public endpoints a company's site talks to through the embeddable widget
// (`<script src=".../webchat/widget.js" data-key="..." async></script>`). A visitor's message becomes
// the same inbound message doc a Telegram update does, so the same agents answer it; replies are
// outbound docs that the widget fetches (fetching them is their delivery). A widget with allowed
// sites answers only calls naming one in Origin; messages are limited per client IP, and new visitors
// capped per IP per hour (webchat-guard.ts). Files the team sent (a proposal's PDF) are listed on their
// message and downloaded by the visitor whose conversation holds it, as attachments, never rendered;
// a download is told to `onFileOpened` (a proposal's "opened"). An agent message's offered choices are
// shown as buttons, and a click comes back as a message with `choiceId` (webchat-choices.ts).
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { contactIdFor, conversationIdFor, inboundMessageId } from '@app/shared/ids';
import { plannedMessageOutdated } from '@app/shared/agents';
import { agentPlugins } from '@app/shared/packs';
import { detectLanguage } from '@app/shared/llm';
import type { MessageDoc } from '@app/shared/schemas';
import { parseJsonBody } from '../../http/body';
import { publicBaseUrl } from '../../http/public-url';
import type { Store } from '../../context';
import { teamData, teamStored, type StoredDocs } from '../../store/data';
import { keptContactId } from '../../store/kept-contact';
import { deliverPulled } from '../outbox/pull';
import { ingestInbound } from '../intake';
import { createRepNames, type RepNames } from '../rep-names';
import { parse, route } from '../../http/route';
import {
  checkOrigin,
  clientOf,
  createWebchatGuard,
  defaultWebchatLimits,
  type WebchatLimits,
} from './webchat-guard';
import type { ReplyDrafts } from '../../agents/reply-drafts';
import { streamDraft, webchatDraftSchema, type DraftStreamOptions } from './draft-stream';
import { previewPage, previewQuerySchema } from './widget-preview';
import { notePagesViewed, webchatPagesSchema } from './webchat-pages';
import { publicChoices, webchatChoiceFields, webchatPick } from './webchat-choices';
import { widgetScript } from './widget-script';
import { greetsByDefault, shownGreeting, shownTitle, type WidgetDoc, type Widgets } from './widgets';

const visitorId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be 16-64 letters, digits, - or _');

/** Body of a visitor's message (exported for the fuzz benchmark's route table). */
export const webchatPostSchema = z.object({
  visitorId,
  clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, - or _'),
  text: z.string().trim().min(1, 'must not be empty').max(4000),
  name: z.string().trim().max(200).optional(),
  page: z.string().max(500).optional(),
  /**
   * The pages of the site the visitor viewed, oldest first (the widget's list: path and title), sent
   * only after the visitor said yes (`pagesConsent`), and taken only when the widget records pages
   * (webchat-pages.ts). More than 50 entries, or a path that is not a path of the site: 400.
   */
  pages: webchatPagesSchema.optional(),
  pagesConsent: z.literal(true).optional(),
  /** A click of an offered choice: `text` is then the choice's label, whatever was sent. */
  ...webchatChoiceFields,
});

/** Query of a widget's poll for messages. */
export const webchatListSchema = z.object({
  visitorId,
  since: z.string().datetime({ offset: true }).optional(),
  wait: z.enum(['0', '1']).optional(),
});

/** Query and path of a visitor's file download. */
export const webchatFileSchema = z.object({ visitorId });
const fileParams = z.object({
  messageId: z.string().min(1).max(200),
  index: z.coerce.number().int().min(0).max(49),
});
/** Types a downloaded file keeps; anything else goes as bytes (it is never shown inline either way). */
const keptTypes = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'text/csv',
]);

type StoredMessage = MessageDoc & { _id: string; _rev: string };

const isRussian = (req: Request) => /^ru\b/i.test(req.get('accept-language') ?? '');

export type WebchatDeps = {
  store: Store;
  widgets: Widgets;
  now: () => Date;
  /** How long a `wait=1` poll may hold the request when nothing new is there. */
  longPollMs?: number;
  /** Per-IP limits (WEBCHAT_* config); a widget may set its own new-visitor cap. */
  limits?: WebchatLimits;
  /** Told of an answer the visitor's widget fetched (its follow-up is planned then). */
  log?: Pick<Logger, 'warn'>;
  /** Answers the agents are writing in this process (none: the draft stream only says done). */
  drafts?: Pick<ReplyDrafts, 'read' | 'watch'>;
  /** How often a draft is sent at most, and how long its stream stays open. */
  draftStream?: DraftStreamOptions;
  /** PUBLIC_URL: the preview loads the widget from there (http/public-url.ts). */
  publicUrl?: string;
  /** A visitor downloaded a file of this message (the first time or again): a proposal is "opened". */
  onFileOpened?: (teamId: string, message: MessageDoc) => Promise<void>;
};

/** Conversations known to exist, so a returning visitor's message needs no store read to tell. */
function createKnownConversations(max = 10_000) {
  const known = new Set<string>();
  return {
    has: (id: string) => known.has(id),
    add(id: string) {
      if (known.has(id)) return;
      if (known.size >= max) known.delete(known.values().next().value!);
      known.add(id);
    },
  };
}

/**
 * Public view of a message: nothing internal (ids of runs, citations' chunk ids, delivery details).
 * A rep's message carries the rep's display name (`name`), never the author name a device wrote on it
 * (which may be the login e-mail); without a display name the widget shows its own word for "team".
 */
async function publicMessage(m: StoredMessage, names: RepNames) {
  const name = await names.of(m.author);
  return {
    id: m._id,
    direction: m.direction,
    author: m.author.kind === 'customer' ? 'you' : m.author.kind === 'rep' ? 'rep' : 'assistant',
    ...(name ? { name } : {}),
    text: m.text,
    ...publicChoices(m),
    ...(m.direction === 'outbound' && m.attachments.some((a) => a.fileDocId)
      ? {
          files: m.attachments.flatMap((a, index) =>
            a.fileDocId
              ? [{ index, name: a.fileName ?? 'file', ...(a.size !== undefined ? { size: a.size } : {}) }]
              : [],
          ),
        }
      : {}),
    createdAt: m.createdAt,
    /** When the visitor could first see it (a planned message: when it came due); the widget's `since`. */
    shownAt: shownAt(m),
  };
}

/**
 * The conversation's language once known, for a widget whose texts follow it: the contact's (the
 * agents' twin sets it), else that of the messages answered (the replies are written in it).
 */
async function conversationLanguage(
  store: Store,
  widget: WidgetDoc,
  visitorId: string,
  found: StoredMessage[],
): Promise<'ru' | 'en' | undefined> {
  if ((widget.language ?? 'auto') !== 'auto') return undefined;
  // The contact the visitor is now: theirs, or the one a rep merged it into.
  const contactId = await keptContactId(store, widget.teamId, contactIdFor('webchat', visitorId));
  const contact = await teamData(store, widget.teamId).contacts.get(contactId);
  if (contact?.language) return contact.language;
  const text = found.map((m) => m.text).join(' ');
  return /\p{L}/u.test(text) ? detectLanguage(text) : undefined;
}

export function createWebchatRouter(deps: WebchatDeps): Router {
  const router = express.Router();
  const parts = webchatParts(deps);
  addWidgetPages(router, deps);
  addVisitorWrites(router, deps, parts);
  addVisitorReads(router, deps, parts);
  return router;
}

/** What the visitor routes share: the abuse guard, the conversations known, the widget of a call. */
function webchatParts(deps: WebchatDeps) {
  const guard = createWebchatGuard(deps.limits ?? defaultWebchatLimits, () => deps.now().getTime());
  const known = createKnownConversations();
  const names = createRepNames(deps.store);
  const longPollMs = deps.longPollMs ?? 15_000;

  /**
   * Finds the widget and answers CORS for the calling site; throws when either is not allowed (a
   * widget with allowed sites needs a matching Origin header on every call).
   */
  async function widgetFor(req: Request, res: Response): Promise<WidgetDoc> {
    const widget = await deps.widgets.find(String(req.params.key));
    if (!widget) throw new DomainError('not-found', 'No such chat widget');
    const origin = req.get('origin');
    checkOrigin(widget, origin);
    if (origin) res.set({ 'Access-Control-Allow-Origin': origin, Vary: 'Origin' });
    return widget;
  }

  /** Whether the visitor already has a conversation with this widget (a store read, then cached). */
  async function isKnown(widget: WidgetDoc, conversationId: string): Promise<boolean> {
    if (known.has(conversationId)) return true;
    if (!(await teamStored(deps.store, widget.teamId, 'conversations').get(conversationId))) return false;
    known.add(conversationId);
    return true;
  }

  return { guard, known, names, longPollMs, widgetFor, isKnown };
}
type WebchatParts = ReturnType<typeof webchatParts>;

/** The widget's script and its preview page. */
function addWidgetPages(router: Router, deps: WebchatDeps): void {
  router.get('/widget.js', (_req, res) => {
    res.type('application/javascript').set('Cache-Control', 'public, max-age=300').send(widgetScript);
  });

  /** The widget in preview mode (widget-preview.ts), for the Settings card's iframe; posts nothing. */
  router.get(
    '/preview',
    route(async (req, res) => {
      const query = parse(previewQuerySchema, req.query);
      const widget = await deps.widgets.find(query.key);
      if (!widget) throw new DomainError('not-found', 'No such chat widget');
      const page = previewPage(widget, query, publicBaseUrl(deps.publicUrl, req));
      res.set({ 'Content-Security-Policy': page.csp, 'Cache-Control': 'no-store' });
      res.type('html').send(page.html);
    }),
  );
}

/** CORS, the widget's config and a visitor's message. */
function addVisitorWrites(
  router: Router,
  deps: WebchatDeps,
  { guard, known, widgetFor, isKnown }: WebchatParts,
): void {
  router.options('/v1/:key/*', (req: Request, res: Response, next: NextFunction) => {
    widgetFor(req, res)
      .then(() => {
        res.set({
          'Access-Control-Allow-Methods': 'GET, POST',
          'Access-Control-Allow-Headers': 'Content-Type',
          'Access-Control-Max-Age': '600',
        });
        res.status(204).end();
      })
      .catch(next);
  });

  router.get(
    '/v1/:key/config',
    route(async (req, res) => {
      const w = await widgetFor(req, res);
      res.json({
        title: shownTitle(w),
        greeting: shownGreeting(w),
        greetings: w.greetings ?? {},
        defaultGreeting: greetsByDefault(w),
        color: w.color,
        language: w.language ?? 'auto',
        pages: w.recordPages === true,
      });
    }),
  );

  router.post(
    '/v1/:key/messages',
    // A message (4000 characters) and the pages viewed (20 paths and titles), in any script.
    parseJsonBody({ limit: '32kb' }),
    route(async (req, res) => {
      const widget = await widgetFor(req, res);
      const body = parse(webchatPostSchema, req.body);
      // Limits count the client's network, never the visitorId it chose.
      const client = clientOf(req);
      guard.message(widget, client);
      const conversationId = conversationIdFor('webchat', widget.key, body.visitorId);
      // Counted after the read, with no await between check and count: concurrent floods are capped too.
      if (!(await isKnown(widget, conversationId))) guard.newVisitor(widget, client);
      const contactId = contactIdFor('webchat', body.visitorId);
      const doc = {
        id: inboundMessageId('webchat', body.visitorId, body.clientMessageId),
        conversationId,
        contactId,
        channel: 'webchat',
        direction: 'inbound',
        author: { kind: 'customer', id: contactId, ...(body.name ? { name: body.name } : {}) },
        text: body.text,
        attachments: [],
        delivery: { status: 'received' },
        idempotencyKey: `webchat:${body.visitorId}:${body.clientMessageId}`,
        ...(body.page ? { signals: { campaign: body.page.slice(0, 200) } } : {}),
        createdAt: deps.now().toISOString(),
      } satisfies MessageDoc;
      const picked = body.choiceId
        ? await webchatPick(
            deps.store,
            widget.teamId,
            conversationId,
            { choiceId: body.choiceId, replyTo: body.replyTo },
            { contactId, ...(body.name ? { name: body.name } : {}) },
            doc.createdAt,
          )
        : undefined;
      const outcome = await ingestInbound(deps.store, widget.teamId, {
        doc: picked ?? doc,
        customer: {
          contactId,
          name: body.name || (isRussian(req) ? 'Посетитель сайта' : 'Website visitor'),
          identity: { channel: 'webchat', externalId: body.visitorId },
          ...(isRussian(req) ? { language: 'ru' as const } : {}),
        },
        conversation: {
          id: doc.conversationId,
          channel: 'webchat',
          externalChatId: body.visitorId,
          botId: widget.key,
        },
      });
      known.add(conversationId);
      if (outcome === 'created' && body.pages?.length && body.pagesConsent && widget.recordPages === true)
        await notePagesViewed(deps.store, widget.teamId, contactId, doc, body.pages).catch((err: unknown) =>
          deps.log?.warn({ err, teamId: widget.teamId }, 'pages viewed not noted'),
        );
      // A retried send (same clientMessageId) was taken in already: 200 instead of 202.
      res
        .status(outcome === 'created' ? 202 : 200)
        .json({ id: (picked ?? doc).id, duplicate: outcome === 'duplicate' });
    }),
  );
}

/** The visitor's messages (their fetch is their delivery), files, and the answer being written. */
function addVisitorReads(
  router: Router,
  deps: WebchatDeps,
  { guard, names, longPollMs, widgetFor }: WebchatParts,
): void {
  router.get(
    '/v1/:key/messages',
    route(async (req, res) => {
      const widget = await widgetFor(req, res);
      const query = parse(webchatListSchema, req.query);
      const db = teamStored<StoredMessage>(deps.store, widget.teamId, 'messages');
      const conversationId = conversationIdFor('webchat', widget.key, query.visitorId);
      const deadline = Date.now() + (query.wait === '1' ? longPollMs : 0);
      let found: StoredMessage[];
      for (let round = 0; ; round++) {
        // Planned messages that came due are looked for at the first round and every 2.5 s after.
        found = await visibleMessages(db, conversationId, query.since, deps.now(), round % 5 === 0);
        found = await withoutOutdated(deps.store, widget.teamId, db, found, deps.now());
        if (found.length > 0 || Date.now() >= deadline || req.socket.destroyed) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      // The fetch is the delivery (web chat's pull transport: outbox/pull.ts).
      await deliverPulled(
        { store: deps.store, teamId: widget.teamId, log: deps.log ?? silent },
        found,
        deps.now(),
      );
      const language = await conversationLanguage(deps.store, widget, query.visitorId, found);
      res.set('Cache-Control', 'no-store').json({
        messages: await Promise.all(found.map((m) => publicMessage(m, names))),
        ...(language ? { language } : {}),
      });
    }),
  );

  /**
   * A file of a message the team sent this visitor: only from the visitor's own conversation, only
   * outbound and visible, as an attachment download with the browser told not to sniff or run it.
   */
  router.get(
    '/v1/:key/files/:messageId/:index',
    route(async (req, res) => {
      const widget = await widgetFor(req, res);
      const { visitorId: visitor } = parse(webchatFileSchema, req.query);
      const { messageId, index } = parse(fileParams, req.params);
      guard.message(widget, clientOf(req));
      const m = await teamStored<StoredMessage>(deps.store, widget.teamId, 'messages').get(messageId);
      const now = deps.now().toISOString();
      const file = m?.attachments[index];
      if (
        !m ||
        m.conversationId !== conversationIdFor('webchat', widget.key, visitor) ||
        m.direction !== 'outbound' ||
        m.cancelledAt ||
        (m.scheduledFor && m.scheduledFor > now) ||
        !file?.fileDocId
      )
        throw new DomainError('not-found', 'No such file');
      const bytes = await teamData(deps.store, widget.teamId).files.originalOrNone(file.fileDocId);
      if (!bytes) throw new DomainError('not-found', 'No such file');
      await deps
        .onFileOpened?.(widget.teamId, m)
        .catch((err: unknown) => deps.log?.warn({ err, teamId: widget.teamId }, 'file opened not noted'));
      const type = file.mimeType && keptTypes.has(file.mimeType) ? file.mimeType : 'application/octet-stream';
      res.set({
        'Content-Type': type,
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName ?? 'file')}`,
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'private, no-store',
      });
      res.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    }),
  );

  /** The answer being written to this visitor, as server-sent events (draft-stream.ts). */
  router.get(
    '/v1/:key/draft',
    route(async (req, res) => {
      const widget = await widgetFor(req, res);
      const query = parse(webchatDraftSchema, req.query);
      const where = {
        teamId: widget.teamId,
        conversationId: conversationIdFor('webchat', widget.key, query.visitorId),
      };
      streamDraft(res, deps.drafts ?? noDrafts, where, deps.draftStream);
    }),
  );
}

const noDrafts = { read: () => undefined, watch: () => () => undefined };

/**
 * When the visitor could first see a message: when it was written, or, for a planned one (a hand-off
 * status, a follow-up), when it came due. The widget's `since` is this time of the last message it has.
 */
const shownAt = (m: Pick<MessageDoc, 'createdAt' | 'scheduledFor'>) =>
  m.scheduledFor && m.scheduledFor > m.createdAt ? m.scheduledFor : m.createdAt;

/**
 * The conversation's messages the visitor may see that they have not seen yet: written after
 * `since`, and (`dueToo`) planned ones that came due after it. A planned message is dated when it was
 * planned, before the messages written while it waited, so asking for what was written after the
 * last one shown never found it: an open widget waited in silence for a hand-off status, and after a
 * reload showed it above the notice it follows. In the order the visitor could see them.
 */
async function visibleMessages(
  db: StoredDocs<StoredMessage>,
  conversationId: string,
  since: string | undefined,
  now: Date,
  dueToo = true,
) {
  const nowIso = now.toISOString();
  const [written, due] = await Promise.all([
    db.find({
      selector: { conversationId, createdAt: since ? { $gt: since } : { $gt: '' } },
      sort: [{ conversationId: 'asc' }, { createdAt: 'asc' }],
      limit: 100,
    }),
    since && dueToo
      ? db.find({
          // The conversation index (every doc of this conversation, none of another's).
          selector: { conversationId, createdAt: { $gt: '' }, scheduledFor: { $gt: since, $lte: nowIso } },
          limit: 100,
        })
      : Promise.resolve([] as StoredMessage[]),
  ]);
  const byId = new Map<string, StoredMessage>();
  for (const m of [...written, ...due]) byId.set(m._id, m);
  return [...byId.values()]
    .filter(
      (m) =>
        !m.cancelledAt &&
        !(m.scheduledFor && m.scheduledFor > nowIso) &&
        !(m.direction === 'outbound' && m.delivery.status === 'failed'),
    )
    .sort((a, b) => (shownAt(a) < shownAt(b) ? -1 : shownAt(a) > shownAt(b) ? 1 : a._id < b._id ? -1 : 1));
}

/**
 * Planned messages that fell due but are out of date (plannedMessageOutdated, as the Telegram and
 * e-mail senders judge them): a follow-up the visitor has answered since, a hand-off status once a rep
 * wrote or the AI has the conversation back. They are cancelled here, never shown. Answers the rest.
 */
async function withoutOutdated(
  store: Store,
  teamId: string,
  db: StoredDocs<StoredMessage>,
  messages: StoredMessage[],
  now: Date,
): Promise<StoredMessage[]> {
  const planned = messages.filter(
    (m) => m.direction === 'outbound' && m.scheduledFor && m.delivery.status !== 'sent',
  );
  if (planned.length === 0) return messages;
  const conv = await teamData(store, teamId).conversations.get(planned[0]!.conversationId);
  const outdated = conv ? planned.filter((m) => plannedMessageOutdated(m, conv, agentPlugins)) : [];
  if (outdated.length === 0) return messages;
  const at = now.toISOString();
  // A 409 means the doc changed meanwhile (the agent run cancelling it too): not shown either way.
  await db.bulk(outdated.map((m) => ({ ...m, cancelledAt: at, updatedAt: at })));
  const gone = new Set(outdated.map((m) => m._id));
  return messages.filter((m) => !gone.has(m._id));
}

const silent = { warn: () => undefined };

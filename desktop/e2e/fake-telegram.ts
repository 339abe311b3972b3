// A fake Telegram Bot API on loopback for the e2e suite: the sync server's bot (grammY, polling)
// talks to it through TELEGRAM_API_ROOT. Tests queue customer messages (and posts of a channel the bot
// administers) as updates and read what the server sent back.
import { createServer, type IncomingMessage } from 'node:http';

export type SentMessage = { chat_id: number | string; text: string };
type Update = {
  update_id: number;
  message?: Record<string, unknown>;
  channel_post?: Record<string, unknown>;
};

const readBody = (req: IncomingMessage) =>
  new Promise<Record<string, unknown>>((resolve) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      try {
        resolve(raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
      } catch {
        resolve(Object.fromEntries(new URLSearchParams(raw)));
      }
    });
  });

export async function startFakeTelegram(botId = 7700001) {
  const token = `${botId}:AAFakeTokenForEndToEndTestsOnly_0123456789`;
  const updates: Update[] = [];
  const sent: SentMessage[] = [];
  let nextUpdate = 1;
  let nextMessage = 1000;
  const waiters = new Set<() => void>();
  /** While set, every sendMessage gets this Bot API error answer (as Telegram gives it). */
  let sendFailure: { status: number; description: string } | undefined;

  const server = createServer(async (req, res) => {
    const method = (req.url ?? '').split('/').pop()?.split('?')[0] ?? '';
    const body = await readBody(req);
    // Telegram's answer to a token it does not know (a fake or revoked one).
    if (!(req.url ?? '').startsWith(`/bot${token}/`)) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }));
      return;
    }
    const reply = (result: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, result }));
    };
    if (method === 'getMe') {
      reply({
        id: botId,
        is_bot: true,
        first_name: 'E2E',
        username: 'e2e_bot',
        can_join_groups: false,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
      });
    } else if (method === 'getUpdates') {
      const offset = Number(body.offset ?? 0);
      const pending = () => updates.filter((u) => u.update_id >= offset);
      if (pending().length === 0) {
        const wait = Math.min(Number(body.timeout ?? 0), 1) * 1000;
        await new Promise<void>((r) => {
          const done = () => {
            waiters.delete(done);
            r();
          };
          waiters.add(done);
          setTimeout(done, wait);
        });
      }
      reply(pending());
    } else if (method === 'sendMessage' && sendFailure) {
      res.writeHead(sendFailure.status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ ok: false, error_code: sendFailure.status, description: sendFailure.description }),
      );
    } else if (method === 'sendMessage') {
      sent.push({ chat_id: body.chat_id as number, text: String(body.text ?? '') });
      reply({
        message_id: nextMessage++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: Number(body.chat_id), type: 'private' },
        text: body.text,
      });
    } else {
      reply(true);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    botId,
    sent,
    /** Queues a private message from a customer, as Telegram would deliver it. */
    customerWrites(chatId: number, firstName: string, text: string) {
      const messageId = nextMessage++;
      updates.push({
        update_id: nextUpdate++,
        message: {
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: 'private', first_name: firstName },
          from: { id: chatId, is_bot: false, first_name: firstName, language_code: 'ru' },
          text,
        },
      });
      waiters.forEach((w) => w());
      return messageId;
    },
    /** Queues a post in a channel the bot administers (a `channel_post` update). */
    channelPosts(channel: { id: number; title: string; username?: string }, text: string) {
      const messageId = nextMessage++;
      const chat = { type: 'channel', ...channel };
      updates.push({
        update_id: nextUpdate++,
        channel_post: {
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat,
          sender_chat: chat,
          text,
        },
      });
      waiters.forEach((w) => w());
      return messageId;
    },
    /** Telegram refuses every message from now on (e.g. 403 "Forbidden: bot was blocked by the user"). */
    failSends(status: number, description: string) {
      sendFailure = { status, description };
    },
    /** Telegram delivers again. */
    recover() {
      sendFailure = undefined;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

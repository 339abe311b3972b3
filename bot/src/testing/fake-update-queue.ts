// The fake server's update queue: updates wait here until getUpdates confirms them (offset) or the
// webhook accepts them (2xx). One long poll at a time, as on Telegram. `allowed_updates` (of getUpdates
// or setWebhook) holds until the next call that gives it; without one, every kind is sent but
// chat_member, message_reaction and message_reaction_count, and an update of a kind not asked for is
// dropped, not kept for later (Telegram's Bot API, getUpdates).
import type { ServerResponse } from 'node:http';
import type { Update } from 'grammy/types';

export type Webhook = { url: string; secretToken?: string };
export type WebhookDelivery = { updateId: number; status: number; at: number };
export type PollResult = Update[] | 'conflict-webhook' | 'conflict-poll';

type Poll = { offset: number; limit: number; respond: (result: PollResult) => void };

export class UpdateQueue {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly queue: Update[] = [];
  private nextUpdateId = 1;
  private poll: Poll | undefined;
  private hook: Webhook | undefined;
  private delivering = false;
  private closed = false;
  private allowed: ReadonlySet<string> | undefined;

  constructor(
    private readonly now: () => number,
    private readonly changed: () => void,
    private readonly webhookRetryMs: number,
  ) {}

  pending(): Update[] {
    return [...this.queue];
  }

  push(update: Omit<Update, 'update_id'>): Update {
    const full = { ...update, update_id: this.nextUpdateId++ } as Update;
    this.queue.push(full);
    this.wakePoll();
    void this.deliver();
    this.changed();
    return full;
  }

  drop(): void {
    this.queue.length = 0;
  }

  webhook(): Webhook | undefined {
    return this.hook;
  }

  /** The kinds of update asked for (`allowed_updates`, an array or its JSON); absent: as before. */
  allow(kinds: unknown): void {
    let list = kinds;
    if (typeof kinds === 'string') {
      try {
        list = JSON.parse(kinds) as unknown;
      } catch {
        return;
      }
    }
    if (!Array.isArray(list)) return;
    this.allowed = list.length ? new Set(list.map(String)) : undefined;
  }

  setWebhook(hook: Webhook | undefined): void {
    this.hook = hook;
    if (!hook) return;
    this.endPoll('conflict-poll');
    void this.deliver();
  }

  /** getUpdates: confirms updates below `offset`, answers at once or when one arrives or on timeout. */
  getUpdates(params: Record<string, unknown>, res: ServerResponse, respond: (r: PollResult) => void): void {
    if (this.hook) return respond('conflict-webhook');
    const offset = Number(params.offset ?? 0);
    const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100)));
    const timeout = Math.min(50, Math.max(0, Number(params.timeout ?? 0)));
    while (this.queue.length > 0 && this.queue[0]!.update_id < offset) this.queue.shift();
    // A newer poll terminates the older one, as Telegram does.
    this.endPoll('conflict-poll');
    const ready = this.available(offset, limit);
    if (ready.length > 0 || timeout === 0 || this.closed) return respond(ready);
    const mine: Poll = {
      offset,
      limit,
      respond: (r) => {
        clearTimeout(timer);
        respond(r);
      },
    };
    const timer = setTimeout(() => this.endPoll([], mine), timeout * 1000);
    this.poll = mine;
    // The client went away (an aborted poll): forget it.
    res.once('close', () => {
      clearTimeout(timer);
      if (this.poll === mine) this.poll = undefined;
    });
  }

  close(): void {
    this.closed = true;
    this.hook = undefined;
    this.endPoll([]);
  }

  private available(offset: number, limit: number): Update[] {
    this.dropUnwanted();
    return this.queue.filter((u) => u.update_id >= offset).slice(0, limit);
  }

  private dropUnwanted(): void {
    const wanted = (u: Update) => {
      const kind = Object.keys(u).find((k) => k !== 'update_id') ?? '';
      return this.allowed ? this.allowed.has(kind) : !notByDefault.has(kind);
    };
    for (let i = this.queue.length - 1; i >= 0; i--) if (!wanted(this.queue[i]!)) this.queue.splice(i, 1);
  }

  private endPoll(result: PollResult, only?: Poll): void {
    const p = this.poll;
    if (!p || (only && p !== only)) return;
    this.poll = undefined;
    p.respond(result);
  }

  private wakePoll(): void {
    if (!this.poll) return;
    const ready = this.available(this.poll.offset, this.poll.limit);
    if (ready.length > 0) this.endPoll(ready);
  }

  /** POSTs queued updates to the webhook in order, retrying each until it answers 2xx. */
  private async deliver(): Promise<void> {
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (;;) {
        this.dropUnwanted();
        if (!this.hook || this.queue.length === 0 || this.closed) break;
        const update = this.queue[0]!;
        const status = await post(this.hook, update);
        this.deliveries.push({ updateId: update.update_id, status, at: this.now() });
        this.changed();
        if (status >= 200 && status < 300) {
          if (this.queue[0] === update) this.queue.shift();
        } else {
          await new Promise((r) => setTimeout(r, this.webhookRetryMs));
        }
      }
    } finally {
      this.delivering = false;
    }
  }
}

/** What Telegram leaves out unless `allowed_updates` names it. */
const notByDefault = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

async function post(hook: Webhook, update: Update): Promise<number> {
  try {
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(hook.secretToken ? { 'x-telegram-bot-api-secret-token': hook.secretToken } : {}),
      },
      body: JSON.stringify(update),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0; // connection refused or reset: retried like any failure
  }
}

// Reads a team's IMAP mailbox: new mail in UID order, each handed to `take`, then the position
// (UIDVALIDITY and the last UID handled) saved in `app_runtime`, so a restart goes on where it was
// and nothing is taken in twice. New mail is fetched in chunks (one FETCH of the sizes, then one of
// the sources, a few MiB at most each) and taken in side by side, up to 32 mails at once (a burst of
// new customers would otherwise wait on each other's store round trips): the next chunk is fetched
// while the last one is taken in, with no wait for a whole chunk to be done. A reply waits for the
// mails before it, since its parent may be one of them, and the position moves only past mails all
// taken in (once a chunk). Waits for new mail with IMAP IDLE (imapflow idles between commands
// and reports EXISTS), or polls every `pollMs` in poll mode and on servers without IDLE. A mailbox
// whose UIDVALIDITY changed (recreated) is read again from its start: ids derived from Message-IDs
// make what was taken in before a no-op. A mail that keeps failing (not the store: a bug) is
// reported and passed after a few tries, so one mail cannot stop the mailbox; a store that does not
// answer stops the loop, which reconnects with a backoff and goes on from the saved position. A pass
// with more than one chunk of new mail (a burst) tells the agents to yield to it (store/intake-load.ts).
import { setTimeout as delay } from 'node:timers/promises';
import type { SsrfPolicy } from '@app/shared/agents';
import type { ImapFlow, ImapFlowOptions } from 'imapflow';
import type { Logger } from 'pino';
import { statusOf } from '../../store/couch-errors';
import type { SystemDocs } from '../../store/data';
import type { IntakeLoad } from '../../store/intake-load';
import type { MailSource } from './mail-intake';
import type { ServerSettings } from './settings';
import { mailServerAt } from './mail-target';
import { hashOf } from './threading';

/** Mails fetched together (their sizes in one FETCH); the position is saved once per chunk. */
const CHUNK = 16;
/** Mails being taken in at most at once (a chunk is fetched while the one before is taken in). */
const WINDOW = 32;
/** Sources fetched in one FETCH at most (a larger mail alone), and held in memory at most. */
const FETCH_BYTES = 8 * 1024 * 1024;
const HELD_BYTES = 64 * 1024 * 1024;

type Settled = PromiseSettledResult<unknown>;
/** A mail being taken in (or reported), in UID order. */
type Work = { uid: number; bytes: number; done: Promise<Settled> };

/** Settled at once: a rejection waits for its turn without going unhandled meanwhile. */
const settled = (p: Promise<unknown>): Promise<Settled> =>
  p.then(
    (value): Settled => ({ status: 'fulfilled', value }),
    (reason: unknown): Settled => ({ status: 'rejected', reason }),
  );

/** Whether the mail answers or refers to another (In-Reply-To or References in its header). */
function isReply(raw: Buffer): boolean {
  const head = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  return /^(in-reply-to|references)[ \t]*:/im.test(end >= 0 ? head.slice(0, end) : head);
}

export type MailboxCheckpoint = {
  _id: string;
  _rev?: string;
  uidValidity: string;
  lastUid: number;
  updatedAt: string;
};

export type ImapAccount = ServerSettings & { password: string; mailbox: string };

export type MailboxReader = {
  stop(): Promise<void>;
  /** Mailbox passes (each reads what is new) done since the start: tests wait on it. */
  readonly passes: number;
  /** The last connection or pass error, until a pass succeeds. */
  readonly lastError: string | undefined;
};

/** The checkpoint of a team's mailbox (one per server, user and folder: another account starts afresh). */
export const mailboxCheckpointId = (teamId: string, imap: ImapAccount) =>
  `cp:email:${teamId}:${hashOf(`${imap.host}:${imap.port}\n${imap.user}\n${imap.mailbox}`, 24)}`;

/** imapflow's options for an account (TLS as configured; a plain session only on loopback: settings.ts). */
export function imapOptions(imap: ImapAccount, extra: Partial<ImapFlowOptions> = {}): ImapFlowOptions {
  const options: ImapFlowOptions & { doSTARTTLS?: boolean } = {
    host: imap.host,
    port: imap.port,
    secure: imap.tls === 'implicit',
    doSTARTTLS: imap.tls === 'starttls' ? true : imap.tls === 'none' ? false : undefined,
    auth: { user: imap.user, pass: imap.password },
    logger: false,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    ...extra,
  };
  return options;
}

export type MailboxReaderOptions = {
  imap: ImapAccount;
  mode: 'idle' | 'poll';
  pollMs: number;
  checkpoints: SystemDocs<MailboxCheckpoint>;
  checkpointId: string;
  /** With no checkpoint yet: take in what the mailbox holds (true) or only mail that comes later. */
  readExisting: boolean;
  maxMessageBytes: number;
  take: (raw: Buffer, source: MailSource) => Promise<unknown>;
  /** A mail over `maxMessageBytes` (not fetched) or one that kept failing: reported, then passed. */
  report: (source: MailSource, reason: string) => Promise<void>;
  log: Logger;
  /** Tries for one mail before it is reported and passed. */
  maxTries?: number;
  retryMs?: number;
  /** In idle mode, a pass at least this often anyway (a lost EXISTS costs no more than this). */
  idleCheckMs?: number;
  /** Told while a pass takes in more than one chunk (a burst): the agents' runs yield to it. */
  intakeLoad?: Pick<IntakeLoad, 'begin'>;
  /** The outbound policy the IMAP host is checked against (mail-target.ts). */
  policy: SsrfPolicy;
};

export function startMailboxReader(opts: MailboxReaderOptions): MailboxReader {
  const { imap, log } = opts;
  const controller = new AbortController();
  let passes = 0;
  let lastError: string | undefined;
  let wake: (() => void) | undefined;
  /** New mail was reported (EXISTS) since the current pass began: the next wait ends at once. */
  let reported = false;
  const nudge = () => {
    reported = true;
    wake?.();
  };
  controller.signal.addEventListener('abort', nudge);

  const { readCheckpoint, saveCheckpoint } = mailboxCheckpoint(opts);
  const { takeIn } = mailTaker(opts, controller.signal, saveCheckpoint);

  /** Takes in every mail after the checkpoint, oldest first, saving the position after each. */
  async function pass(client: ImapFlow): Promise<void> {
    const box = client.mailbox;
    if (!box) throw new Error(`mailbox ${imap.mailbox} is not open`);
    const uidValidity = String(box.uidValidity);
    let cp = await readCheckpoint();
    if (!cp) {
      const lastUid = opts.readExisting ? 0 : Math.max(0, Number(box.uidNext) - 1);
      log.info({ uidValidity, lastUid, readExisting: opts.readExisting }, 'mailbox read for the first time');
      cp = await saveCheckpoint({ _id: opts.checkpointId, uidValidity, lastUid, updatedAt: '' });
    } else if (cp.uidValidity !== uidValidity) {
      log.warn(
        { was: cp.uidValidity, now: uidValidity },
        'the mailbox UIDVALIDITY changed (it was recreated): reading it again from the start',
      );
      cp = await saveCheckpoint({ ...cp, uidValidity, lastUid: 0 });
    }
    if (box.exists === 0) return;
    const after = cp.lastUid;
    const found = await client.search({ uid: `${after + 1}:*` }, { uid: true });
    // `n:*` always names the newest mail, even one below n.
    const uids = (found || []).filter((u) => u > after).sort((a, b) => a - b);
    // A backlog (more than a chunk): stored before the answers to it take the CPU (intake-load.ts).
    const endBacklog = uids.length > CHUNK ? opts.intakeLoad?.begin() : undefined;
    try {
      await takeIn(client, uids, uidValidity, cp);
    } finally {
      endBacklog?.();
    }
  }

  /** Waits for EXISTS, the poll interval, or stop. */
  async function waitForMail(client: ImapFlow, idle: boolean): Promise<void> {
    const ms = idle ? (opts.idleCheckMs ?? 5 * 60_000) : opts.pollMs;
    // IDLE until the server reports EXISTS; the next command ends it.
    if (idle) client.idle().catch((err: unknown) => log.debug({ err }, 'IDLE ended with an error'));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
      if (controller.signal.aborted || !client.usable || reported) wake();
    });
    wake = undefined;
  }

  async function session(): Promise<void> {
    const idleWanted = opts.mode === 'idle';
    const { ImapFlow } = await import('imapflow');
    // The checked address only (a refused host fails the session, retried later like any failure).
    const target = await mailServerAt(imap, opts.policy);
    const client = new ImapFlow(imapOptions(imap, { ...target, disableAutoIdle: true }));
    client.on('error', (err: unknown) => log.warn({ err }, 'IMAP connection error'));
    client.on('exists', nudge);
    client.on('close', nudge);
    try {
      await client.connect();
      const lock = await client.getMailboxLock(imap.mailbox);
      try {
        const idle = idleWanted && client.capabilities.has('IDLE');
        if (idleWanted && !idle) log.info('the IMAP server has no IDLE: polling');
        log.info({ mailbox: imap.mailbox, idle }, 'reading the mailbox');
        while (!controller.signal.aborted && client.usable) {
          reported = false;
          await pass(client);
          passes++;
          lastError = undefined;
          if (controller.signal.aborted) break;
          await waitForMail(client, idle);
        }
      } finally {
        lock.release();
      }
    } finally {
      client.removeListener('close', nudge);
      await Promise.race([client.logout().catch(() => undefined), delay(3_000)]);
      client.close();
    }
  }

  const done = (async () => {
    let backoff = opts.retryMs ?? 1_000;
    while (!controller.signal.aborted) {
      const before = passes;
      try {
        await session();
      } catch (err) {
        lastError = String((err as Error)?.message ?? err);
        log.warn({ err }, 'reading the mailbox failed; will reconnect');
      }
      if (controller.signal.aborted) break;
      if (passes > before) backoff = opts.retryMs ?? 1_000;
      await delay(backoff, undefined, { signal: controller.signal }).catch(() => undefined);
      backoff = Math.min(60_000, backoff * 2);
    }
  })();

  return {
    get passes() {
      return passes;
    },
    get lastError() {
      return lastError;
    },
    async stop() {
      controller.abort();
      await done;
    },
  };
}

/** The mailbox's position (its checkpoint doc), read and saved; a further position written meanwhile is kept. */
function mailboxCheckpoint(opts: Pick<MailboxReaderOptions, 'checkpoints' | 'checkpointId'>) {
  async function readCheckpoint(): Promise<MailboxCheckpoint | undefined> {
    return (await opts.checkpoints.get(opts.checkpointId)) ?? undefined;
  }

  async function saveCheckpoint(cp: MailboxCheckpoint): Promise<MailboxCheckpoint> {
    const body = { ...cp, _id: opts.checkpointId, updatedAt: new Date().toISOString() };
    const rev = await opts.checkpoints.put(body);
    if (rev) return { ...body, _rev: rev };
    // Written meanwhile (a process that held the mailbox before us): keep the further position.
    const current = await readCheckpoint();
    const next =
      current && current.uidValidity === cp.uidValidity && current.lastUid > cp.lastUid
        ? current
        : { ...body, ...(current?._rev ? { _rev: current._rev } : {}) };
    if (next === current) return current;
    const again = await opts.checkpoints.put(next);
    if (!again) throw new Error(`the mailbox checkpoint ${opts.checkpointId} keeps changing`);
    return { ...next, _rev: again };
  }

  return { readCheckpoint, saveCheckpoint };
}

/** Taking mails in, in windows of work, the checkpoint moved past those taken in. */
function mailTaker(
  opts: MailboxReaderOptions,
  signal: AbortSignal,
  saveCheckpoint: (cp: MailboxCheckpoint) => Promise<MailboxCheckpoint>,
) {
  const { imap, log } = opts;
  const maxTries = opts.maxTries ?? 5;
  const failures = new Map<number, number>();
  /** Takes in the mails, oldest first, moving the checkpoint past those taken in. */
  async function takeIn(
    client: ImapFlow,
    uids: number[],
    uidValidity: string,
    from: MailboxCheckpoint,
  ): Promise<void> {
    let cp = from;
    const work: Work[] = [];
    const held = () => work.reduce((n, w) => n + w.bytes, 0);
    /**
     * Waits for the oldest mails in turn until at most `keep` (and `HELD_BYTES`) are under way; the
     * position moves past those taken in. A failed one is tried again from there (what came after it
     * and was taken in is then a no-op: ids derive from Message-IDs).
     */
    const settle = async (keep: number) => {
      let upTo: number | undefined;
      let failed: PromiseRejectedResult | undefined;
      while (work.length > 0 && (work.length > keep || held() > HELD_BYTES)) {
        const result = await work[0]!.done;
        if (result.status === 'rejected') {
          failed = result;
          await Promise.all(work.map((w) => w.done));
          break;
        }
        upTo = work.shift()!.uid;
      }
      if (upTo !== undefined) cp = await saveCheckpoint({ ...cp, lastUid: upTo });
      if (failed) throw failed.reason;
    };
    for (let i = 0; i < uids.length && !signal.aborted; i += CHUNK) {
      const chunk = uids.slice(i, i + CHUNK);
      const sizes = new Map<number, number>();
      for await (const m of client.fetch(chunk.join(','), { size: true }, { uid: true }))
        sizes.set(m.uid, m.size ?? 0);
      // Sources in UID order, a few MiB a FETCH; each batch is started before the next is fetched.
      let next = 0;
      while (next < chunk.length) {
        const batch: number[] = [];
        let bytes = 0;
        for (; next < chunk.length; next++) {
          const size = sizes.get(chunk[next]!);
          const fetched = size !== undefined && size <= opts.maxMessageBytes;
          if (fetched && batch.length > 0 && bytes + size > FETCH_BYTES) break;
          batch.push(chunk[next]!);
          if (fetched) bytes += size;
        }
        const wanted = batch.filter((uid) => (sizes.get(uid) ?? Infinity) <= opts.maxMessageBytes);
        const sources = new Map<number, Buffer>();
        if (wanted.length > 0)
          for (const m of await client.fetchAll(wanted.join(','), { source: true }, { uid: true }))
            if (m.source) sources.set(m.uid, m.source);
        for (const uid of batch) start(uid, sizes.get(uid), sources.get(uid), uidValidity, work);
        await settle(WINDOW);
      }
      await settle(WINDOW - CHUNK);
    }
    await settle(0);
  }

  /** Starts taking in one mail (or reporting it as too large), after the mails before it for a reply. */
  function start(
    uid: number,
    size: number | undefined,
    raw: Buffer | undefined,
    uidValidity: string,
    work: Work[],
  ): void {
    const source: MailSource = { mailbox: imap.mailbox, uidValidity, uid };
    const add = (bytes: number, done: Promise<unknown>) => work.push({ uid, bytes, done: settled(done) });
    if (size === undefined)
      add(0, Promise.resolve()); // expunged meanwhile
    else if (size > opts.maxMessageBytes)
      add(
        0,
        opts.report(
          { ...source, size },
          `the mail is ${Math.round(size / 1024 / 102.4) / 10} MiB, over the ${Math.round(opts.maxMessageBytes / 1024 / 102.4) / 10} MiB limit: not taken in`,
        ),
      );
    else if (!raw) add(0, Promise.resolve());
    else if (isReply(raw)) {
      const before = Promise.all(work.map((w) => w.done));
      add(
        size,
        before.then(() => takeOne(raw, { ...source, size })),
      );
    } else add(size, takeOne(raw, { ...source, size }));
  }

  async function takeOne(raw: Buffer, source: MailSource): Promise<void> {
    try {
      await opts.take(raw, source);
      failures.delete(source.uid);
    } catch (err) {
      // The store not answering stops the pass (retried from the checkpoint); anything else is
      // this mail's problem and is passed after a few tries.
      if (statusOf(err) !== undefined || (err as { code?: string }).code === 'ECONNREFUSED') throw err;
      const tries = (failures.get(source.uid) ?? 0) + 1;
      failures.set(source.uid, tries);
      if (tries < maxTries) throw err;
      failures.delete(source.uid);
      log.error({ err, uid: source.uid }, 'an e-mail failed again and again; passed');
      await opts.report(source, `taking the mail in failed ${tries} times: ${String(err)}`);
    }
  }

  return { takeIn };
}

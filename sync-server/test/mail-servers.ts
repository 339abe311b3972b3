// Real mail servers on loopback for the e-mail channel's tests:
// - IMAP: Debian's dovecot (`dovecot-imapd`), started with a generated config in a temp dir
//   (passwd-file auth, maildir, plaintext login on 127.0.0.1 only, no TLS), run in the foreground
//   (`dovecot -F`) and killed by `stop()`. Customer mail "arrives" by IMAP APPEND from a second
//   client, a real IMAP operation that wakes a reader in IDLE.
// - SMTP: the `smtp-server` package as the receiving server for outbound mail; every message it
//   accepts is kept with its envelope and raw bytes, for the tests to check the headers.
// Tests skip (with `dovecotMissing` as the reason) only when dovecot is not installed.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { onFreePort, PortTaken } from '@app/shared/testing';
import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const DOVECOT_PATHS = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'];
const dovecotBin = DOVECOT_PATHS.find((p) => existsSync(p));

/** Why the mail-server tests cannot run here, or undefined when they can. */
export const dovecotMissing: string | undefined = dovecotBin
  ? undefined
  : `dovecot is not installed (apt-get install -y dovecot-imapd); looked in ${DOVECOT_PATHS.join(', ')}`;

/**
 * Waits until dovecot greets on the port. A greeting that is not dovecot's means another file's
 * listener took the port first (and dovecot, failing to bind it, exits): PortTaken, to start again.
 */
async function waitForDovecot(port: number, timeoutMs: number, exited: () => string | undefined) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const why = exited();
    if (why) throw /Address already in use/i.test(why) ? new PortTaken(port, why) : new Error(why);
    const greeting = await new Promise<string | undefined>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.setTimeout(2_000, () => socket.destroy());
      socket.once('data', (d: Buffer) => {
        socket.destroy();
        resolve(d.toString('latin1'));
      });
      socket.once('error', () => resolve(undefined));
      socket.once('close', () => resolve(undefined));
    });
    if (greeting?.includes('Dovecot')) return;
    if (greeting !== undefined)
      throw new PortTaken(port, `another server answered: ${greeting.slice(0, 200)}`);
    if (Date.now() > until) throw new Error(`dovecot did not listen on 127.0.0.1:${port} in ${timeoutMs} ms`);
    await delay(50);
  }
}

export type MailUser = { user: string; password: string };

export type Dovecot = {
  host: string;
  port: number;
  users: MailUser[];
  /** Puts a message into a user's mailbox (INBOX by default) by IMAP APPEND; answers its UID. */
  append(user: string, raw: string | Buffer, mailbox?: string): Promise<number | undefined>;
  /**
   * Delivers a message into the user's INBOX as a local delivery agent does with Maildir (written in
   * `tmp/`, renamed into `new/`), without an IMAP session: dovecot finds it and reports it to IDLE.
   * Far quicker than APPEND, for bursts (the benchmark).
   */
  deliver(user: string, raw: string | Buffer): void;
  /** An IMAP client logged in as the user (the caller logs out). */
  client(user: string): Promise<ImapFlow>;
  /** Dovecot's log so far (for a failing test's message). */
  log(): string;
  stop(): Promise<void>;
};

/**
 * Starts dovecot for these users (password = `secret-<user>` unless given). When the tests run as
 * root, mail is owned by `nobody` (dovecot refuses uid 0 for mail); otherwise everything runs as
 * the test user.
 */
export function startDovecot(opts: { users: Array<string | MailUser> }): Promise<Dovecot> {
  if (!dovecotBin) return Promise.reject(new Error(dovecotMissing));
  return onFreePort((port) => startDovecotOn(dovecotBin, port, opts.users));
}

async function startDovecotOn(
  dovecotBin: string,
  port: number,
  list: Array<string | MailUser>,
): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'dovecot-test-'));
  const me = userInfo();
  const root = me.uid === 0;
  const mailUid = root ? 65534 : me.uid;
  const mailGid = root ? 65534 : me.gid;
  const serviceUser = root ? 'dovenull' : me.username;
  const internalUser = root ? 'dovecot' : me.username;
  const users = list.map((u) => (typeof u === 'string' ? { user: u, password: `secret-${u}` } : u));
  // dovecot's auth and mail processes run as other users when we are root: they must reach the dir.
  if (root) chmodSync(dir, 0o755);
  const mailRoot = join(dir, 'mail');
  mkdirSync(mailRoot);
  if (root) chownSync(mailRoot, mailUid, mailGid);
  writeFileSync(join(dir, 'passwd'), users.map((u) => `${u.user}:{PLAIN}${u.password}::::::`).join('\n'), {
    mode: 0o644,
  });
  const logFile = join(dir, 'dovecot.log');
  const conf = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${logFile}
info_log_path = ${logFile}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_login_user = ${serviceUser}
default_internal_user = ${internalUser}
${root ? '' : `default_internal_group = ${execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim()}`}
first_valid_uid = ${Math.min(mailUid, 500)}
mail_location = maildir:~/Maildir
# IDLE sessions hear of new mail at once through inotify; this is the fallback where it is missing.
mailbox_idle_check_interval = 1 secs
mail_uid = ${mailUid}
mail_gid = ${mailGid}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${mailRoot}/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`;
  const confPath = join(dir, 'dovecot.conf');
  writeFileSync(confPath, conf);
  const child: ChildProcess = spawn(dovecotBin, ['-F', '-c', confPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let exit: string | undefined;
  child.once('exit', (code, signal) => {
    exit = `dovecot exited (${code ?? signal}): ${output}${readLog()}`;
  });
  const readLog = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      // dovecot -F stops its children and exits on SIGTERM; SIGKILL if it hangs.
      if ((await Promise.race([gone, delay(5_000, 'timeout')])) === 'timeout') {
        child.kill('SIGKILL');
        await gone;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForDovecot(port, 10_000, () => exit);
  } catch (error) {
    await stop();
    throw error;
  }

  let delivered = 0;
  const client = async (user: string) => {
    const found = users.find((u) => u.user === user);
    if (!found) throw new Error(`no mail user ${user}`);
    const imap = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user: found.user, pass: found.password },
      logger: false,
    });
    await imap.connect();
    return imap;
  };

  return {
    host: '127.0.0.1',
    port,
    users,
    client,
    async append(user, raw, mailbox = 'INBOX') {
      const imap = await client(user);
      try {
        const res = await imap.append(mailbox, raw);
        return res && typeof res === 'object' && res.uid ? res.uid : undefined;
      } finally {
        await imap.logout().catch(() => undefined);
      }
    },
    deliver(user, raw) {
      const maildir = join(mailRoot, user, 'Maildir');
      for (const sub of ['tmp', 'new', 'cur']) {
        const path = join(maildir, sub);
        if (existsSync(path)) continue;
        mkdirSync(path, { recursive: true });
        if (root) for (const p of [join(mailRoot, user), maildir, path]) chownSync(p, mailUid, mailGid);
      }
      const name = `${Date.now()}.M${++delivered}P${process.pid}.bench`;
      const tmp = join(maildir, 'tmp', name);
      writeFileSync(tmp, raw);
      if (root) chownSync(tmp, mailUid, mailGid);
      renameSync(tmp, join(maildir, 'new', name));
    },
    log: () => `${output}${readLog()}`,
    stop,
  };
}

export type ReceivedMail = {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
};

export type SmtpSink = {
  host: string;
  port: number;
  user: string;
  password: string;
  received: ReceivedMail[];
  /** Sign-ins so far: one per SMTP session (a sender that keeps sessions open signs in less often). */
  readonly logins: number;
  /** Resolves once `count` messages in all have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** The next `n` answers to DATA are this SMTP error (e.g. 451 to test retries). */
  failNext(n: number, code?: number): void;
  stop(): Promise<void>;
};

/** A receiving SMTP server (plain, AUTH PLAIN/LOGIN with the given user) that keeps what it gets. */
export async function startSmtpSink(opts: { user?: string; password?: string } = {}): Promise<SmtpSink> {
  const user = opts.user ?? 'sender';
  const password = opts.password ?? 'smtp-secret';
  const received: ReceivedMail[] = [];
  let failures = 0;
  let failCode = 451;
  let logins = 0;
  const server = new SMTPServer({
    secure: false,
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    size: 50 * 1024 * 1024,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) {
        logins++;
        callback(null, { user });
      } else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const parts: Buffer[] = [];
      stream.on('data', (d: Buffer) => parts.push(d));
      stream.on('end', () => {
        if (failures > 0) {
          failures--;
          const err = new Error('Try again later') as Error & { responseCode: number };
          err.responseCode = failCode;
          callback(err);
          return;
        }
        const raw = Buffer.concat(parts);
        simpleParser(raw)
          .then((parsed) => {
            received.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              raw,
              parsed,
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  // Port 0: the kernel's pick, bound at once (no port to lose to another file).
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    received,
    get logins() {
      return logins;
    },
    async waitFor(count, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > until)
          throw new Error(`the SMTP server got ${received.length} of ${count} messages in ${timeoutMs} ms`);
        await delay(25);
      }
      return received;
    },
    failNext(n, code = 451) {
      failures = n;
      failCode = code;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

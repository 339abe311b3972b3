// The e-mail channel at run time: for each team with an enabled e-mail channel, the one server process
// holding the team's mailbox lease (`email:<teamId>`) reads the mailbox (mailbox.ts) and has the
// core's outbox send the team's outbound mail (email-sender.ts declares how); when it dies its lease expires and another takes over,
// going on from the checkpoints in `app_runtime`. Settings are looked at every `checkMs` and at once
// after a change through this process (`refresh`); a change of settings restarts the team's reader.
import type { SsrfPolicy } from '@app/shared/agents';
import type { Logger } from 'pino';
import type { Store } from '../../context';
import { startLeasedWork } from '../../store/feeds/leased-work';
import type { Leases } from '../../store/leases';
import { systemDocs } from '../../store/data';
import { startTeamChannels, type TeamChannels } from '../team-channels';
import type { Outboxes } from '../outbox/host';
import { emailDelivery, type EmailSender } from './email-sender';
import {
  defaultMailLimits,
  recordMailError,
  takeInMail,
  type MailLimits,
  type MailSource,
} from './mail-intake';
import {
  mailboxCheckpointId,
  startMailboxReader,
  type MailboxCheckpoint,
  type MailboxReader,
} from './mailbox';
import { emailSettingsOf, listEmailTeams, type EmailSettings } from './settings';

export type TeamMail = {
  readonly owned: boolean;
  readonly reader: MailboxReader | undefined;
  readonly sender: EmailSender | undefined;
  close(): Promise<void>;
};

export type TeamMailOptions = {
  store: Store;
  settings: EmailSettings;
  leases: Leases;
  log: Logger;
  /** The core's outboxes: the lease holder's is started over the team's SMTP transport. */
  outboxes: Outboxes;
  limits?: MailLimits;
  checkMs?: number;
  /** Sender tuning (tests make retries quick). */
  sender?: { sweepMs?: number; retryBaseMs?: number };
  /** The outbound policy the IMAP and SMTP hosts are checked against (mail-target.ts). */
  policy: SsrfPolicy;
};

/** Runs one team's mailbox and sender in whichever process holds the team's lease. */
export function startTeamMail(opts: TeamMailOptions): TeamMail {
  const { store, settings } = opts;
  const teamId = settings.teamId;
  const log = opts.log.child({ teamId, channel: 'email', mailbox: settings.address });
  const limits = opts.limits ?? defaultMailLimits;
  function start() {
    const intake = { store, teamId, address: settings.address, log, limits };
    const reader = startMailboxReader({
      imap: settings.imap,
      policy: opts.policy,
      mode: settings.mode,
      pollMs: settings.pollSeconds * 1000,
      checkpoints: systemDocs<MailboxCheckpoint>(store, 'app_runtime'),
      checkpointId: mailboxCheckpointId(teamId, settings.imap),
      readExisting: settings.readExisting,
      maxMessageBytes: limits.maxMessageBytes,
      take: (raw, source) => takeInMail(intake, raw, source),
      report: (source: MailSource, reason: string) =>
        recordMailError(
          store,
          teamId,
          `report\n${source.mailbox}\n${source.uidValidity}\n${source.uid}`,
          `${reason} (${source.mailbox} UID ${source.uid}, UIDVALIDITY ${source.uidValidity})`,
          source,
          new Date().toISOString(),
        ),
      log,
      intakeLoad: store.intakeLoad,
    });
    const sender = opts.outboxes.start(
      emailDelivery({ store, settings, log, policy: opts.policy, ...opts.sender }),
    );
    log.info('this process now reads the team mailbox');
    return { reader, sender };
  }

  const work = startLeasedWork({
    leases: opts.leases,
    key: `email:${teamId}`,
    log,
    what: 'mailbox',
    ...(opts.checkMs ? { checkMs: opts.checkMs } : {}),
    start,
    stop: (r) => Promise.all([r.reader.stop(), r.sender.stop()]),
  });

  return {
    get owned() {
      return work.running !== undefined;
    },
    get reader() {
      return work.running?.reader;
    },
    get sender() {
      return work.running?.sender;
    },
    close: () => work.close(),
  };
}

export type EmailRuntime = TeamChannels<TeamMail>;

/** Every team's e-mail channel: started, restarted on a change of settings, stopped when removed. */
export function startEmailRuntime(opts: {
  store: Store;
  encryptionKey: Buffer;
  leases: Leases;
  log: Logger;
  outboxes: Outboxes;
  checkMs?: number;
  limits?: MailLimits;
  sender?: TeamMailOptions['sender'];
  teamCheckMs?: number;
  policy: SsrfPolicy;
}): EmailRuntime {
  const log = opts.log.child({ component: 'email' });
  return startTeamChannels({
    log,
    what: 'e-mail',
    list: () => listEmailTeams(opts.store),
    read: (teamId) => emailSettingsOf(opts.store, opts.encryptionKey, teamId),
    start: (settings) =>
      startTeamMail({
        store: opts.store,
        settings,
        leases: opts.leases,
        log,
        outboxes: opts.outboxes,
        policy: opts.policy,
        ...(opts.limits ? { limits: opts.limits } : {}),
        ...(opts.teamCheckMs ? { checkMs: opts.teamCheckMs } : {}),
        ...(opts.sender ? { sender: opts.sender } : {}),
      }),
    idle,
    ...(opts.checkMs ? { checkMs: opts.checkMs } : {}),
  });
}

/** A disabled channel: nothing runs. */
const idle: TeamMail = { owned: false, reader: undefined, sender: undefined, close: async () => undefined };

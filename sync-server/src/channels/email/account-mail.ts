// Account mail (invites, password resets; auth/account-mail.ts) through the team's e-mail channel:
// its SMTP account, From its address. A team without an enabled e-mail channel cannot send it
// (`unavailable`): the invite's link is then shown to the admin to pass on.
import type { Store } from '../../context';
import type { AccountMailer } from '../../auth/account-mail';
import type { SsrfPolicy } from '@app/shared/agents';
import { pinnedMailTransport } from './mail-target';
import { emailSettingsOf } from './settings';

export function teamAccountMailer(store: Store, encryptionKey: Buffer, policy: SsrfPolicy): AccountMailer {
  return async (teamId, mail) => {
    const settings = await emailSettingsOf(store, encryptionKey, teamId);
    if (!settings?.enabled) return 'unavailable';
    const transport = pinnedMailTransport(settings.smtp, policy);
    try {
      await transport.sendMail({
        from: { name: settings.fromName ?? settings.address, address: settings.address },
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        // Not an answer to anyone: no auto-replies back into the sales mailbox.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      return 'sent';
    } finally {
      transport.close();
    }
  };
}

// Mail about accounts (an invite to a team, a password reset link), sent through the team's own
// e-mail transport (its e-mail channel's SMTP; channels/email/account-mail.ts). Links point at the
// configured PUBLIC_URL, never at the Host a request named (a forged Host would send a reset token to
// an attacker's site), and carry the token in the URL fragment, which browsers do not send to servers
// or in Referer headers. The recipient's language is not known yet: each mail is in Russian and English.

export type AccountMail = { to: string; subject: string; text: string };

/** Sends `mail` for `teamId`; `unavailable` when the team has no way to send mail (no e-mail channel). */
export type AccountMailer = (teamId: string, mail: AccountMail) => Promise<'sent' | 'unavailable'>;

/** A mailer for a server where no team can send mail. */
export const noAccountMail: AccountMailer = () => Promise.resolve('unavailable');

/** The web app's page for a token: `<public url>/app/#reset=<token>` or `#invite=<token>`. */
export function accountLink(publicUrl: string, kind: 'reset' | 'invite', token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/app/#${kind}=${encodeURIComponent(token)}`;
}

export function resetMail(to: string, link: string, minutes: number): AccountMail {
  return {
    to,
    subject: 'Сброс пароля / Password reset',
    text: [
      'Здравствуйте!',
      '',
      `Чтобы задать новый пароль, откройте ссылку (она действует ${minutes} мин. и только один раз):`,
      link,
      'Если вы не просили сбросить пароль, просто удалите это письмо: пароль не изменится.',
      '',
      '---',
      '',
      'Hello,',
      '',
      `To set a new password, open this link (it works once, for ${minutes} minutes):`,
      link,
      'If you did not ask for a reset, ignore this mail: your password stays as it is.',
    ].join('\n'),
  };
}

export function inviteMail(to: string, link: string, team: string, role: string, days: number): AccountMail {
  return {
    to,
    subject: `Приглашение в команду ${team} / Invitation to ${team}`,
    text: [
      'Здравствуйте!',
      '',
      `Вас пригласили в команду «${team}» (роль: ${role}). Чтобы присоединиться, откройте ссылку и задайте`,
      `пароль (ссылка действует ${days} дн.):`,
      link,
      '',
      '---',
      '',
      'Hello,',
      '',
      `You are invited to the team "${team}" as ${role}. Open this link and set a password to join`,
      `(the link works for ${days} days):`,
      link,
    ].join('\n'),
  };
}

// English strings of sign-in through the server's providers (Google, Yandex ID, a company's SSO): the
// sign-in screen's buttons and the linked accounts card in Settings (spread into en.ts).
export const ssoEn = {
  'sso.or': 'or',
  'sso.signInWith': 'Sign in with {name}',
  'sso.joinWith': 'Join with {name}',
  'sso.finishing': 'Finishing the sign-in…',
  'sso.inBrowser': 'Sign in with {name} in your browser; this window waits for it.',
  'sso.browserTimeout': 'No answer came from {name} in your browser in 10 minutes. Try again.',
  'sso.pendingTitle': 'Link {name} to your account',
  'sso.pendingHint':
    '{name} says this is {email}. An account with this e-mail exists: sign in with its password once to link {name} to it. After that, {name} signs you in.',
  'sso.pendingSubmit': 'Sign in and link',
  'sso.cancelPending': 'Do not link; back to sign in',
  'sso.cardTitle': 'Sign-in accounts',
  'sso.cardIntro':
    'Accounts of your company’s or a public sign-in provider that sign you in to this workspace.',
  'sso.none': 'No account is linked.',
  'sso.linkedAs': 'linked as {email}',
  'sso.link': 'Link {name}',
  'sso.unlink': 'Unlink',
  'sso.confirmUnlink': 'Unlink {name}? It will no longer sign you in.',
  'sso.linkedNotice': '{name} is linked: it signs you in from now on.',
  'sso.linkInBrowser': 'Sign in with {name} in your browser to link it; this window waits for it.',
  'sso.linkTimeout':
    'No answer came from {name} in your browser in 10 minutes; nothing was linked. Try again.',
  'sso.unlinked': '{name} is unlinked.',
  'sso.required': 'Members sign in through a provider only (passwords are refused)',
  'sso.requiredHint':
    'Only admins change this. Link your own account first and turn it on from a session begun through that provider. Turning it on ends at once every session begun otherwise, and the team’s calendar feed links.',
  'sso.allowedTitle': 'Providers that may sign members in',
  'sso.allowedHint':
    'None ticked: any of them. A personal account of a provider left out no longer signs its member in.',
  'error.sso-refused': 'The sign-in through the provider was refused: {detail}',
  'error.sso-provider-unknown': 'This sign-in provider is not configured on the server.',
  'error.sso-no-account':
    'No member signs in with this provider account. Sign in with your e-mail and password and link it in Settings, or ask your team’s admin for an invite.',
  'error.sso-required': 'Your team signs in through its sign-in provider only: use the provider’s button.',
  'error.identity-taken':
    'This provider account is linked to another member, or you have linked another one already.',
  'error.sso-provider-unavailable': 'The sign-in provider cannot be reached right now; try again later.',
  'error.sso-link-pending':
    'This provider account is not linked to you yet, and this server links it in the web app only: sign in with your password there and link it in Settings; then it signs you in here.',
} as const;

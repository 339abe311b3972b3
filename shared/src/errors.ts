// Domain errors carry a string-literal code; the HTTP layer maps codes to statuses in one place.

export const errorStatus = {
  'bad-request': 400,
  'validation-failed': 400,
  /** An address the server's outbound policy does not let it fetch (loopback, private, link-local). */
  'address-refused': 400,
  /** A new password that a strength check (zxcvbn) refused: the message says why. */
  'password-too-weak': 400,
  'invalid-json': 400,
  'unsupported-file': 415,
  'file-too-large': 413,
  'payload-too-large': 413,
  'file-unreadable': 422,
  'file-encrypted': 422,
  'file-empty': 422,
  /** A knowledge file over a parsing limit (unpacked size, pages, characters): the message names it. */
  'file-over-limit': 422,
  unauthorized: 401,
  'token-expired': 401,
  'token-invalid': 401,
  /** A valid access token of a session that ended (member removed, role or password changed). */
  'token-revoked': 401,
  'invalid-credentials': 401,
  forbidden: 403,
  'team-forbidden': 403,
  'role-forbidden': 403,
  'not-found': 404,
  'lead-not-found': 404,
  'pipeline-not-found': 404,
  /** A lead's stage that its pipeline does not have, or a pipeline edit that breaks its stages. */
  'unknown-stage': 400,
  'invalid-pipeline': 400,
  /** A lead moved to a lost stage without saying why. */
  'lost-reason-required': 400,
  /** Removing a stage (or pipeline) that still holds leads, without saying where they go. */
  'stage-in-use': 409,
  /** An objection type that another objection of the team's library has already. */
  'objection-type-taken': 409,
  'contact-not-found': 404,
  /** A merge of a contact into itself. */
  'merge-self': 400,
  /** A contact that was merged into another already (a tombstone): merge into or from the kept one. */
  'contact-merged': 409,
  /** A split of a contact that is not merged into the other one. */
  'contact-not-merged': 409,
  'conversation-not-found': 404,
  /** A commercial proposal the deal does not have. */
  'proposal-not-found': 404,
  /** A proposal asked of a deal that has no quote (or an empty one). */
  'quote-missing': 409,
  /** A proposal that cannot be sent (no conversation, a demo one) or accepted as it stands. */
  'proposal-unsendable': 409,
  /** The PDF could not be rendered within its limits (time, memory, size). */
  'proposal-failed': 503,
  'product-not-found': 404,
  /** A product SKU that another product of the team has already. */
  'sku-taken': 409,
  'collection-not-found': 404,
  'route-not-found': 404,
  conflict: 409,
  'email-taken': 409,
  /** A sign-in through a provider that failed its checks (state, code, ID token): the message says which. */
  'sso-refused': 400,
  /** A provider the server was not configured with. */
  'sso-provider-unknown': 404,
  /** A provider account that signs in no member (not linked, no invite). */
  'sso-no-account': 403,
  /** The team signs in through its provider only: password sign-in refused. */
  'sso-required': 403,
  /**
   * An earlier server's refusal of a native client's first sign-in whose e-mail is a member's (the
   * link was confirmed in the web app only); this one lets the app confirm it with the password.
   */
  'sso-link-pending': 409,
  /** A provider account linked to another member already. */
  'identity-taken': 409,
  /** The provider did not answer (discovery, token or user-info endpoint down). */
  'sso-provider-unavailable': 502,
  'lease-held': 409,
  /** Over one of the team's plan limits (seats, channels, knowledge size): details name it (billing). */
  'plan-limit-reached': 402,
  /** Billing is switched off on this server (the operator's BILLING), or the provider is not configured. */
  'billing-off': 404,
  /** A payment provider's webhook that failed its check (signature, re-read, sender): nothing changed. */
  'webhook-refused': 400,
  /** The payment provider did not answer or refused the request. */
  'payment-provider-unavailable': 502,
  /** A channel's network (VK, Telegram) refused or did not answer a call the request needed. */
  'channel-unavailable': 502,
  'rate-limited': 429,
  'tool-not-allowed': 403,
  'tool-unknown': 404,
  'tool-arguments-invalid': 400,
  'llm-unavailable': 503,
  'llm-timeout': 504,
  'llm-rate-limited': 429,
  'llm-bad-response': 502,
  'store-unavailable': 503,
  'insufficient-storage': 507,
  'config-invalid': 500,
  'internal-error': 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class DomainError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly details?: unknown;

  constructor(code: C, message: string, options?: { details?: unknown; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    if (options?.details !== undefined) this.details = options.details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function isDomainError(value: unknown, code?: ErrorCode): value is DomainError {
  return value instanceof DomainError && (code === undefined || value.code === code);
}

/** The JSON body of every error the HTTP API answers. */
export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

export function errorBody(error: DomainError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}

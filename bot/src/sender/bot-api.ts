// A Bot API client without a bot (for the sender in a process that does not poll), on the same
// TELEGRAM_API_ROOT. Callers need no direct grammy dependency.
import { Api } from 'grammy';

export function createBotApi(
  token: string,
  options: { apiRoot?: string; timeoutSeconds?: number } = {},
): Api {
  return new Api(token, {
    ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
    ...(options.timeoutSeconds ? { timeoutSeconds: options.timeoutSeconds } : {}),
  });
}

// The channels this server runs, one line each. A new channel is a folder beside telegram/ and
// webchat/ holding its settings, secrets, inbound sink, routes and delivery (port.ts), and a line here.
import { emailChannel } from './email/index';
import type { ChannelWing } from './port';
import { telegramChannel } from './telegram/index';
import { vkChannel } from './vk/index';
import { webchatChannel } from './webchat/index';

// prettier-ignore
export const channels: readonly ChannelWing[] = [
  telegramChannel,
  webchatChannel,
  emailChannel,
  vkChannel,
];

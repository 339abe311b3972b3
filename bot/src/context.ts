// The context every handler gets: grammY's own plus a per-update child logger and the bot's ports.
import type { Context } from 'grammy';
import type { BotIdentity, InboundSink, Logger, StoreFile } from './ports';

export type BotServices = BotIdentity & {
  sink: InboundSink;
  storeFile?: StoreFile;
  /** Bot API root and token, for file downloads on the same server grammY talks to. */
  apiRoot: string;
  token: string;
  isHumanRequest(text: string): boolean;
};

export type BotContext = Context & { log: Logger; services: BotServices };

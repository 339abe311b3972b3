// /start, with the deep-link payload (t.me/<bot>?start=<payload>) recorded as the lead source.
import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { inboundFor, saveInbound } from '../inbound/build';
import type { InboundSignals } from '../ports';

export const startFeature = new Composer<BotContext>();

startFeature.command('start', async (ctx) => {
  const payload = ctx.match.trim().slice(0, 200);
  const signals: InboundSignals = { command: 'start' };
  if (payload) signals.leadSource = { channel: 'telegram', campaign: payload, botId: ctx.services.botId };
  const inbound = inboundFor(ctx, { text: ctx.message?.text ?? '/start' }, signals);
  if (inbound) await saveInbound(ctx, inbound);
});

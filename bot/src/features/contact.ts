// Contact sharing (the "share my phone" keyboard button or a contact card): phone -> contact info.
import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { inboundFor, saveInbound } from '../inbound/build';
import { contentOf } from '../inbound/content';
import type { SharedContact } from '../ports';

export const contactFeature = new Composer<BotContext>();

contactFeature.on('message:contact', async (ctx) => {
  const c = ctx.message.contact;
  const contact: SharedContact = {
    phone: c.phone_number,
    firstName: c.first_name,
    ...(c.last_name ? { lastName: c.last_name } : {}),
    ...(c.user_id !== undefined ? { userId: String(c.user_id) } : {}),
    isOwn: c.user_id !== undefined && c.user_id === ctx.from.id,
    ...(c.vcard ? { vcard: c.vcard } : {}),
  };
  const content = contentOf(ctx.message);
  if (!content) return;
  const inbound = inboundFor(ctx, content, { contact });
  if (inbound) await saveInbound(ctx, inbound);
});

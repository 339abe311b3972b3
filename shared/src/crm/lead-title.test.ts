// Deals the agents open on their own are titled in the customer's language (issue 64 item 4: a Russian
// visitor's deal was "Lead: Посетитель сайта", a nameless Telegram one "Lead from telegram").
import { describe, expect, it } from 'vitest';
import { intake } from '../agents/roles/intake';
import { createMemoryStore } from '../testing/memory-store';
import { inbound } from '../agents/test-support';
import { leadTitle, localiseLeadTitle } from './lead-title';

const now = new Date('2026-03-02T10:00:00.000Z');

describe('auto-created deal titles', () => {
  it('intake titles the deal in the language of the name and the message', async () => {
    const store = createMemoryStore();
    const ru = await intake(
      store,
      inbound('Здравствуйте, сколько стоит?', { chat: '1', name: 'Посетитель сайта' }),
      now,
    );
    expect(ru.lead.title).toBe('Заявка: Посетитель сайта');
    const en = await intake(
      store,
      inbound('Hi, how much is it?', { chat: '2', name: 'Website visitor' }),
      now,
    );
    expect(en.lead.title).toBe('Lead: Website visitor');
    const nameless = await intake(store, inbound('Добрый день', { chat: '3' }), now);
    expect(nameless.lead.title).toBe('Заявка из Telegram');
    const web = await intake(store, inbound('Hello', { chat: '4', channel: 'webchat' }), now);
    expect(web.lead.title).toBe('Lead from the website');
  });

  it('titles the agents wrote before read in the document language; a rep’s own title stays', () => {
    expect(localiseLeadTitle('Lead: Посетитель сайта', 'ru')).toBe('Заявка: Посетитель сайта');
    expect(localiseLeadTitle('Lead from telegram', 'ru')).toBe('Заявка из Telegram');
    expect(localiseLeadTitle('Заявка с сайта', 'en')).toBe('Lead from the website');
    expect(localiseLeadTitle('Заявка: Анна', 'en')).toBe('Lead: Анна');
    expect(localiseLeadTitle('Office chairs for Acme', 'ru')).toBe('Office chairs for Acme');
    expect(leadTitle('ru', '  ', 'vk')).toBe('Заявка из VK');
  });
});

// Inbound: the real grammY client polling the fake Bot API server; each update -> one valid doc.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactIdFor, conversationIdFor, inboundMessageId } from '@app/shared/ids';
import { helpTexts } from './features/help';
import { stopTexts } from './features/stop';
import { startBotHarness, validationError, type BotHarness } from './test-support/bot-harness';

describe('createBot inbound', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await startBotHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('turns a text message into a valid inbound doc with derived ids', async () => {
    const anna = h.fake.user({ id: 1001, first_name: 'Anna', last_name: 'P', language_code: 'ru' });
    const update = anna.says('Здравствуйте! Сколько стоит тариф для команды из 20 человек?');
    const [msg] = await h.created(1);
    expect(validationError(msg!.doc)).toBeUndefined();
    expect(msg!.doc).toMatchObject({
      id: inboundMessageId('telegram', 1001, update.message!.message_id),
      conversationId: conversationIdFor('telegram', 'bot-1', 1001),
      contactId: contactIdFor('telegram', 1001),
      channel: 'telegram',
      direction: 'inbound',
      author: { kind: 'customer', id: contactIdFor('telegram', 1001), name: 'Anna P' },
      text: 'Здравствуйте! Сколько стоит тариф для команды из 20 человек?',
      attachments: [],
      delivery: { status: 'received' },
      idempotencyKey: `telegram:1001:${update.message!.message_id}`,
      createdAt: new Date(update.message!.date * 1000).toISOString(),
    });
    expect(msg).toMatchObject({
      teamId: 'team-1',
      botId: 'bot-1',
      updateId: update.update_id,
      customer: { externalId: '1001', firstName: 'Anna', languageCode: 'ru', language: 'ru' },
      chat: { externalChatId: '1001', type: 'private' },
      signals: {},
    });
    // "20 человек" is about team size, not a request for a human.
    expect(msg!.signals.humanRequested).toBeUndefined();
    expect(h.fake.sent).toHaveLength(0); // the bot itself does not answer: the runtime does
  });

  it('writes one doc for a redelivered update', async () => {
    const bob = h.fake.user({ id: 1002 });
    const update = bob.says('hello');
    await h.created(1);
    h.fake.redeliver(update);
    bob.says('second');
    await h.created(2);
    expect(h.sink.duplicates).toBe(1);
    expect(h.sink.created.map((m) => m.doc.text)).toEqual(['hello', 'second']);
  });

  it('records shared contacts with the phone', async () => {
    const c = h.fake.user({ id: 1003, first_name: 'Ivan' });
    c.sharesContact({ phone: '+79001234567', firstName: 'Ivan', lastName: 'Petrov' });
    const [msg] = await h.created(1);
    expect(validationError(msg!.doc)).toBeUndefined();
    expect(msg!.signals.contact).toEqual({
      phone: '+79001234567',
      firstName: 'Ivan',
      lastName: 'Petrov',
      userId: '1003',
      isOwn: true,
    });
    expect(msg!.doc.text).toContain('+79001234567');
    expect(msg!.doc.attachments).toEqual([{ kind: 'contact', fileName: 'Ivan Petrov' }]);
  });

  it('keeps photo and document metadata and hands the bytes to the file store', async () => {
    const c = h.fake.user({ id: 1004 });
    const photoBytes = new Uint8Array([0xff, 0xd8, 9, 9, 9]);
    c.sendsPhoto({ bytes: photoBytes, caption: 'our office' });
    const pdf = new TextEncoder().encode('%PDF-1.4 fake');
    c.sendsDocument({ bytes: pdf, fileName: 'brief.pdf', mimeType: 'application/pdf', caption: 'the brief' });
    const [photo, doc] = await h.created(2);
    for (const m of [photo!, doc!]) expect(validationError(m.doc)).toBeUndefined();
    expect(photo!.doc.text).toBe('our office');
    expect(photo!.doc.attachments).toEqual([
      expect.objectContaining({
        kind: 'photo',
        mimeType: 'image/jpeg',
        size: photoBytes.byteLength,
        caption: 'our office',
        fileDocId: 'file-1',
      }),
    ]);
    expect(doc!.doc.attachments).toEqual([
      expect.objectContaining({
        kind: 'document',
        fileName: 'brief.pdf',
        mimeType: 'application/pdf',
        size: pdf.byteLength,
        fileDocId: 'file-2',
      }),
    ]);
    expect(h.stored.map((s) => s.file.messageId)).toEqual([photo!.doc.id, doc!.doc.id]);
    expect(Buffer.from(h.stored[0]!.bytes)).toEqual(Buffer.from(photoBytes)); // the largest size
    expect(Buffer.from(h.stored[1]!.bytes)).toEqual(Buffer.from(pdf));
    expect(h.fake.calls.filter((c) => c.method === 'getFile')).toHaveLength(2);
  });

  it('keeps the message and its file id when the file store fails', async () => {
    await h.close();
    h = await startBotHarness({
      deps: {
        storeFile: async () => {
          throw new Error('disk full');
        },
      },
    });
    h.fake.user({ id: 1016 }).sendsDocument({ fileName: 'price.xlsx' });
    const [msg] = await h.created(1);
    expect(msg!.doc.attachments[0]).toMatchObject({ kind: 'document', fileName: 'price.xlsx' });
    expect(msg!.doc.attachments[0]!.externalFileId).toMatch(/^fake-file-/);
    expect(msg!.doc.attachments[0]!.fileDocId).toBeUndefined();
    expect(h.log.lines.some((l) => l.level === 'warn' && l.msg?.startsWith('storing the file failed'))).toBe(
      true,
    );
  });

  it('updates text and editedAt of the same doc on an edit', async () => {
    const c = h.fake.user({ id: 1005 });
    const original = c.says('I need 5 seats');
    await h.created(1);
    c.edits(original, 'I need 7 seats');
    await h.fake.waitFor(() => h.sink.edits.length === 1);
    const id = inboundMessageId('telegram', 1005, original.message!.message_id);
    const stored = h.sink.docs.get(id)!;
    expect(stored.text).toBe('I need 7 seats');
    expect(stored.editedAt).toBeDefined();
    expect(validationError(stored)).toBeUndefined();
    expect(h.sink.created).toHaveLength(1);
  });

  it('saves an edit of a message it never saw as a new doc', async () => {
    const c = h.fake.user({ id: 1006 });
    c.edits(77, 'edited before we saw it');
    const [msg] = await h.created(1);
    expect(msg!.doc.id).toBe(inboundMessageId('telegram', 1006, 77));
    expect(msg!.doc.editedAt).toBeDefined();
    expect(validationError(msg!.doc)).toBeUndefined();
  });

  it('records the /start deep-link payload as the lead source', async () => {
    const c = h.fake.user({ id: 1007 });
    c.command('start', 'spring-promo');
    c.command('start');
    const [withPayload, plain] = await h.created(2);
    expect(validationError(withPayload!.doc)).toBeUndefined();
    expect(withPayload!.signals).toEqual({
      command: 'start',
      leadSource: { channel: 'telegram', campaign: 'spring-promo', botId: 'bot-1' },
    });
    expect(plain!.signals).toEqual({ command: 'start' });
  });

  it('answers /help in the customer language, once per message', async () => {
    const ru = h.fake.user({ id: 1008, language_code: 'ru' });
    const en = h.fake.user({ id: 1009, language_code: 'en-US' });
    const help = ru.command('help');
    en.command('help');
    await h.fake.waitForSent(2);
    expect(h.fake.sentTo(1008).map((s) => s.text)).toEqual([helpTexts.ru]);
    expect(h.fake.sentTo(1009).map((s) => s.text)).toEqual([helpTexts.en]);
    expect(h.sink.created.map((m) => m.signals)).toEqual([
      { command: 'help', handledByBot: true },
      { command: 'help', handledByBot: true },
    ]);
    h.fake.redeliver(help);
    await h.fake.waitFor(() => h.sink.duplicates === 1);
    expect(h.fake.sentTo(1008)).toHaveLength(1);
  });

  it('emits an opt-out on /stop and confirms it', async () => {
    const c = h.fake.user({ id: 1010, language_code: 'en' });
    c.command('stop');
    const [msg] = await h.created(1);
    await h.fake.waitForSent(1);
    expect(h.sink.optOuts).toEqual([
      {
        teamId: 'team-1',
        botId: 'bot-1',
        contactId: contactIdFor('telegram', 1010),
        conversationId: conversationIdFor('telegram', 'bot-1', 1010),
        externalChatId: '1010',
        messageId: msg!.doc.id,
        at: msg!.doc.createdAt,
      },
    ]);
    expect(msg!.signals).toEqual({ command: 'stop', handledByBot: true });
    expect(h.fake.sentTo(1010)[0]!.text).toBe(stopTexts.en);
  });

  it('flags a request for a human', async () => {
    const c = h.fake.user({ id: 1011 });
    c.says('Позовите оператора, пожалуйста');
    c.says('agent please');
    c.says('what is the price?');
    const msgs = await h.created(3);
    expect(msgs.map((m) => m.signals.humanRequested ?? false)).toEqual([true, true, false]);
    for (const m of msgs) expect(validationError(m.doc)).toBeUndefined();
  });

  it('logs each update with its update_id through a child logger', async () => {
    const update = h.fake.user({ id: 1012 }).says('hi');
    await h.created(1);
    await h.fake.waitFor(() => h.log.lines.some((l) => l.msg === 'update handled'));
    const lines = h.log.lines.filter((l) => (l.obj as { update_id?: number }).update_id === update.update_id);
    expect(lines.map((l) => l.msg)).toEqual(['inbound message saved', 'update handled']);
    expect(lines[0]!.obj).toMatchObject({ teamId: 'team-1', botId: 'bot-1', chat_id: 1012 });
  });

  it('retries an update while the sink fails, then moves on in order', async () => {
    h.sink.failNext(2);
    const c = h.fake.user({ id: 1013 });
    c.says('first, while the store is down');
    c.says('second');
    const msgs = await h.created(2);
    expect(msgs.map((m) => m.doc.text)).toEqual(['first, while the store is down', 'second']);
    expect(h.log.lines.filter((l) => l.level === 'error' && l.msg === 'update failed')).toHaveLength(2);
    expect(h.log.lines.filter((l) => l.msg === 'update failed; will retry')).toHaveLength(2);
  });

  it('skips service messages that carry no content', async () => {
    h.fake.pushUpdate({
      message: {
        message_id: 1,
        date: 1_760_000_000,
        chat: { id: -500, type: 'group', title: 'g' },
        from: { id: 1014, is_bot: false, first_name: 'X' },
        new_chat_title: 'renamed',
      },
    } as never);
    h.fake.user({ id: 1015 }).says('after');
    const [msg] = await h.created(1);
    expect(msg!.doc.text).toBe('after');
  });
});

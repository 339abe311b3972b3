// Vendors' requests for quotes end to end (issue 39) through the real server with the demo team: its
// Telegram bot on the fake Bot API, its mailbox on dovecot (IMAP) and an SMTP server on loopback
// (test/mail-servers.ts), the events pack applied and the host in the directory reachable only on
// Telegram. A customer's event request in the web chat makes Maestro ask the three vendors with an
// e-mail by mail (their language, the request as the subject) and the host through the bot; the venue's
// reply in the mail thread and the host's Telegram message become their quotes on the deal with the
// amounts, nobody answers them, and a rep marks the venue contracted and the host declined.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadDoc, PipelineDoc } from '@app/shared/schemas';
import { call, eventually } from './helpers';
import { dovecotMissing, startDovecot, startSmtpSink, type Dovecot, type SmtpSink } from './mail-servers';
import { startDemoTelegram, type DemoTelegram } from './telegram-kit';

const address = 'sales@demo.test';
const hostChat = 5150;
let t: DemoTelegram;
let dovecot: Dovecot;
let smtp: SmtpSink;

const api = (method: string, path: string, body?: unknown) =>
  call(t.server.url, method, `/api/v1${path}`, { token: t.token, ...(body === undefined ? {} : { body }) });

async function eventDeal(): Promise<LeadDoc> {
  return eventually(async () => {
    const leads = (await api('GET', '/leads?pipelineId=events&limit=200')).body.items as LeadDoc[];
    return leads.find((l) => l.pipelineId === 'events' && l.vendorRequests?.length);
  }, 45_000);
}

describe.skipIf(!!dovecotMissing)(
  `requests for quotes by e-mail and Telegram${dovecotMissing ? ` (skipped: ${dovecotMissing})` : ''}`,
  () => {
    beforeAll(async () => {
      [dovecot, smtp] = await Promise.all([startDovecot({ users: ['sales'] }), startSmtpSink()]);
      // The mail servers listen on loopback: opened explicitly, as an operator would (issue 34).
      t = await startDemoTelegram('vendor-quotes-e2e-', { OUTBOUND_ALLOW_PRIVATE: '127.0.0.1' });
    }, 90_000);

    afterAll(async () => {
      await t?.server.close();
      await t?.fake.close();
      await Promise.all([dovecot?.stop(), smtp?.stop()]);
      t?.dir.remove();
    });

    it('asks the vendors by mail and Telegram, takes their answers as quotes, and a rep decides', async () => {
      expect((await api('POST', '/packs/events-agency/apply', { language: 'ru' })).status).toBe(200);
      const pipeline = (await api('GET', '/pipelines/events')).body as PipelineDoc;
      const vendors = pipeline.vendors!.map(({ email, ...v }) =>
        v.id === 'host-ivanov' ? { ...v, telegram: String(hostChat) } : { ...v, email },
      );
      expect((await api('PATCH', '/pipelines/events', { vendors })).status).toBe(200);
      const mailbox = await api('PUT', '/channels/email', {
        address,
        fromName: 'Demo Events',
        imap: {
          host: dovecot.host,
          port: dovecot.port,
          tls: 'none',
          user: 'sales',
          password: 'secret-sales',
        },
        smtp: { host: smtp.host, port: smtp.port, tls: 'none', user: smtp.user, password: smtp.password },
      });
      expect(mailbox.status, JSON.stringify(mailbox.body)).toBe(200);
      const host = t.fake.user({ id: hostChat, first_name: 'Иван', language_code: 'ru' });

      const widget = await api('POST', '/channels/webchat', { title: 'Events' });
      const sent = await fetch(`${t.server.url}/webchat/v1/${widget.body.key}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          visitorId: 'v_vendor_quotes_000001',
          clientMessageId: 'm1',
          text: 'Нужен корпоратив на 120 человек в Москве 14 марта 2027, бюджет 2 млн рублей',
        }),
      });
      expect(sent.status).toBe(202);

      // Three mails, one per vendor with an address, each the start of a thread; one Telegram message.
      const mails = await smtp.waitFor(3, 60_000);
      expect(mails.map((m) => m.envelope.to[0]).sort()).toEqual([
        'events@loft-arbat.example',
        'order@vkusno.example',
        'rent@zvukpro.example',
      ]);
      const venueMail = mails.find((m) => m.envelope.to[0] === 'events@loft-arbat.example')!;
      expect(venueMail.parsed.subject).toBe(
        'Запрос коммерческого предложения: корпоратив, 14 марта 2027 г., Москва, 120 гостей',
      );
      expect(venueMail.parsed.text).toContain('нужна площадка на 120 гостей');
      expect(venueMail.parsed.inReplyTo).toBeUndefined();
      const [toHost] = await t.fake.waitForSent(1, { chatId: hostChat, timeoutMs: 30_000 });
      expect(toHost!.text).toContain('нужен ведущий на вечер');

      const deal = await eventDeal();
      expect(deal.vendorRequests!.map((r) => [r.vendorId, r.channel, r.status])).toEqual([
        ['loft-arbat', 'email', 'requested'],
        ['vkusno-catering', 'email', 'requested'],
        ['zvuk-pro', 'email', 'requested'],
        ['host-ivanov', 'telegram', 'requested'],
      ]);

      // The venue answers in the thread; the host answers the bot.
      const ours = venueMail.parsed.messageId!.replace(/[<>]/g, '');
      await dovecot.append(
        'sales',
        [
          'From: "Loft Arbat" <events@loft-arbat.example>',
          `To: ${address}`,
          `Subject: Re: ${venueMail.parsed.subject}`,
          'Message-ID: <venue-answer-1@loft-arbat.example>',
          `In-Reply-To: <${ours}>`,
          `References: <${ours}>`,
          'MIME-Version: 1.0',
          'Content-Type: text/plain; charset=utf-8',
          'Content-Transfer-Encoding: 8bit',
          '',
          'Добрый день! Стоимость аренды зала на 14 марта составит 384 000 руб., мебель включена.',
          '',
        ].join('\r\n'),
      );
      host.says('Добрый день, готов провести. Мой гонорар 90 тыс ₽');
      const quoted = await eventually(async () => {
        const res = await api('GET', `/leads/${encodeURIComponent(deal.id)}/vendor-requests`);
        const items = res.body.items as NonNullable<LeadDoc['vendorRequests']>;
        return items.filter((r) => r.status === 'quoted').length === 2 ? items : undefined;
      }, 60_000);
      expect(quoted.map((r) => [r.vendorId, r.status, r.quote?.amount, r.quote?.currency])).toEqual([
        ['loft-arbat', 'quoted', 384_000, 'RUB'],
        ['vkusno-catering', 'requested', undefined, undefined],
        ['zvuk-pro', 'requested', undefined, undefined],
        ['host-ivanov', 'quoted', 90_000, 'RUB'],
      ]);
      // The venue's reply is in the request's conversation; nobody answered either vendor.
      const thread = await api(
        'GET',
        `/conversations/${encodeURIComponent(quoted[0]!.conversationId)}/messages`,
      );
      expect(thread.body.items.map((m: { direction: string }) => m.direction)).toEqual([
        'outbound',
        'inbound',
      ]);
      await new Promise((r) => setTimeout(r, 2_000));
      expect(smtp.received).toHaveLength(3);
      expect(t.fake.sentTo(hostChat)).toHaveLength(1);

      // A rep decides: the venue contracted, the host declined; bad input is a 4xx with a reason.
      const path = (v: string) => `/leads/${encodeURIComponent(deal.id)}/vendor-requests/${v}`;
      expect((await api('PUT', path('loft-arbat'), { status: 'contracted' })).status).toBe(200);
      const declined = await api('PUT', path('host-ivanov'), { status: 'declined' });
      expect(declined.body.items.map((r: { status: string }) => r.status)).toEqual([
        'contracted',
        'requested',
        'requested',
        'declined',
      ]);
      const unknown = await api('PUT', path('nobody'), { status: 'declined' });
      expect(unknown.status).toBe(404);
      const bad = await api('PUT', path('loft-arbat'), { status: 'maybe' });
      expect(bad.status).toBe(400);
      expect((await api('PUT', path('Not A Vendor'), { status: 'declined' })).status).toBe(400);
    }, 180_000);
  },
);

// The e-mail channel's parsing: clean text for the agents, thread headers, attachments, and clear
// errors for mail it cannot take in. (The mailbox and the sender run against real servers in
// email-e2e.test.ts.)
import { describe, expect, it } from 'vitest';
import { cutQuotedAndSignature, htmlToPlainText } from './clean-text';
import { MalformedEmail, parseEmail } from './mime';
import { messageIdList, replyHeaders, replySubject, threadCandidates, threadRoot } from './threading';

const mail = (headers: string, body: string) => Buffer.from(`${headers.trim()}\r\n\r\n${body}`);

describe('clean text', () => {
  it('cuts a Gmail quote and a signature from plain text', () => {
    const text = [
      'Hello, how much is the Pro plan for 10 seats?',
      '',
      '--',
      'Ann Lee | Acme',
      '+1 555 0100',
      '',
      'On Mon, 3 Mar 2025 at 10:00, Sales <sales@shop.example> wrote:',
      '> Thanks for writing!',
    ].join('\n');
    expect(cutQuotedAndSignature(text)).toBe('Hello, how much is the Pro plan for 10 seats?');
  });

  it('cuts Russian quote headers, Outlook blocks and mobile signatures', () => {
    expect(
      cutQuotedAndSignature(
        'Да, давайте созвонимся завтра.\n\nпн, 3 мар. 2025 г. в 10:00, Иван <ivan@x.ru>:\n> Когда удобно?',
      ),
    ).toBe('Да, давайте созвонимся завтра.');
    expect(cutQuotedAndSignature('Согласен.\n\nИван Петров пишет:\n> текст')).toBe('Согласен.');
    expect(
      cutQuotedAndSignature(
        'Please call me.\n\nFrom: Sales <sales@shop.example>\nSent: Monday, March 3, 2025 10:00\nTo: Ann\nSubject: Offer\n\nOld text',
      ),
    ).toBe('Please call me.');
    expect(cutQuotedAndSignature('Ok, thanks\n\nОтправлено с iPhone')).toBe('Ok, thanks');
    expect(cutQuotedAndSignature('What about delivery?\n\nС уважением,\nИван Петров\nООО Ромашка')).toBe(
      'What about delivery?',
    );
  });

  it('turns HTML into text without the quoted blocks, URLs or images', () => {
    const html =
      '<div dir="ltr"><h1>Order</h1><p>I want <b>two</b> <a href="https://x.example/track?id=1">units</a>.</p>' +
      '<img src="cid:logo"><div class="gmail_signature">Ann, Acme</div></div>' +
      '<div class="gmail_quote"><div>On Mon wrote:</div><blockquote>old</blockquote></div>';
    const text = htmlToPlainText(html);
    expect(text).toContain('Order');
    expect(text).toContain('I want two units.');
    expect(text).not.toMatch(/https|old|Ann, Acme|cid:/);
  });
});

describe('parseEmail', () => {
  it('reads thread headers, the sender and HTML-only bodies', async () => {
    const parsed = await parseEmail(
      mail(
        `From: "Ann Lee" <Ann@Acme.example>
To: sales@shop.example
Subject: Re: Offer
Message-ID: <m2@acme.example>
In-Reply-To: <m1@shop.example>
References: <m0@acme.example> <m1@shop.example>
Content-Type: text/html; charset=utf-8`,
        '<p>Sounds good.</p><blockquote>earlier</blockquote>',
      ),
    );
    expect(parsed).toMatchObject({
      messageId: 'm2@acme.example',
      inReplyTo: 'm1@shop.example',
      references: ['m0@acme.example', 'm1@shop.example'],
      from: { address: 'ann@acme.example', name: 'Ann Lee' },
      subject: 'Re: Offer',
      text: 'Sounds good.',
      automatic: false,
    });
    expect(threadRoot(parsed)).toBe('m0@acme.example');
    expect(threadCandidates(parsed)).toEqual(['m1@shop.example', 'm0@acme.example']);
  });

  it('keeps attachments and leaves inline images out', async () => {
    const raw = mail(
      `From: a@b.example
Subject: file
Message-ID: <att@b.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XX"`,
      [
        '--XX',
        'Content-Type: text/plain',
        '',
        'See the file.',
        '--XX',
        'Content-Type: application/pdf; name="price list.pdf"',
        'Content-Disposition: attachment; filename="price list.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('%PDF-1.4 hello').toString('base64'),
        '--XX--',
        '',
      ].join('\r\n'),
    );
    const parsed = await parseEmail(raw);
    expect(parsed.text).toBe('See the file.');
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]).toMatchObject({
      fileName: 'price list.pdf',
      contentType: 'application/pdf',
      size: 14,
    });
  });

  it('derives an id for a mail without Message-ID and marks auto-replies', async () => {
    const raw = mail('From: a@b.example\nAuto-Submitted: auto-replied\nSubject: Away', 'I am away.');
    const a = await parseEmail(raw);
    const b = await parseEmail(raw);
    expect(a.hasMessageId).toBe(false);
    expect(a.messageId).toBe(b.messageId);
    expect(a.automatic).toBe(true);
  });

  it('refuses what it cannot take in, saying why', async () => {
    await expect(parseEmail(Buffer.from(''))).rejects.toThrow(MalformedEmail);
    await expect(parseEmail(Buffer.from('\u0000\u0001garbage without headers'))).rejects.toThrow(
      /no header lines/,
    );
    await expect(parseEmail(mail('From: <<not an address>>\nSubject: x', 'body'))).rejects.toThrow(
      /sender address .* is not an e-mail address/,
    );
    await expect(parseEmail(mail('Subject: nobody', 'body'))).rejects.toThrow(/no sender/);
  });
});

describe('threading', () => {
  it('builds reply headers and subjects', () => {
    expect(replySubject('Offer')).toBe('Re: Offer');
    expect(replySubject('RE: Offer')).toBe('RE: Offer');
    expect(replySubject('Ответ: Цена')).toBe('Ответ: Цена');
    expect(replyHeaders({ messageId: 'c', references: ['a', 'b'] })).toEqual({
      inReplyTo: 'c',
      references: ['a', 'b', 'c'],
    });
    const long = Array.from({ length: 30 }, (_, i) => `m${i}`);
    const trimmed = replyHeaders({ messageId: 'last', references: long }).references;
    expect(trimmed).toHaveLength(20);
    expect(trimmed[0]).toBe('m0');
    expect(trimmed.at(-1)).toBe('last');
    expect(messageIdList('<a@x> <b@y>\r\n <c@z>')).toEqual(['a@x', 'b@y', 'c@z']);
  });
});

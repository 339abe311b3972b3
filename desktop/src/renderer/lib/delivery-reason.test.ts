// A message's delivery in people's words: each kind of sender error (Telegram's answers, the network,
// giving up, the demo guard) becomes its reason in English and Russian; failed ones offer Retry,
// waiting ones say the server will try again, an offline device says it sends when online.
import { describe, expect, it } from 'vitest';
import { DEMO_NOT_SENT } from '@app/shared/crm';
import type { MessageDoc } from '@app/shared/schemas';
import { translator } from '../i18n/i18n';
import { deliveryView, readDeliveryError, retriedDelivery } from './delivery-reason';

const en = translator('en');
const ru = translator('ru');
const msg = (delivery: MessageDoc['delivery'], channel: MessageDoc['channel'] = 'telegram') => ({
  delivery,
  channel,
});

describe('delivery reasons', () => {
  it('reads the senders’ errors', () => {
    expect(readDeliveryError('403: Forbidden: bot was blocked by the user')).toEqual({
      reason: 'blocked',
      code: 403,
    });
    expect(readDeliveryError('403: Forbidden: user is deactivated').reason).toBe('deactivated');
    expect(readDeliveryError('400: Bad Request: chat not found (part 2 of 3)').reason).toBe('chat-not-found');
    expect(readDeliveryError('401: Unauthorized').reason).toBe('bad-token');
    expect(readDeliveryError('400: Bad Request: message is too long')).toEqual({
      reason: 'refused',
      code: 400,
    });
    expect(readDeliveryError('502: Bad Gateway').reason).toBe('channel-error');
    expect(readDeliveryError('network: fetch failed (ECONNREFUSED)').reason).toBe('network');
    expect(readDeliveryError('gave up after 100 attempts: 500: Internal Server Error')).toEqual({
      reason: 'channel-error',
      code: 500,
      attempts: 100,
    });
    expect(readDeliveryError(DEMO_NOT_SENT).reason).toBe('demo');
    expect(readDeliveryError('Greeting never received').reason).toBe('unknown');
  });

  it('says why a failed message failed, with Retry, in both languages', () => {
    const failed = msg({
      status: 'failed',
      attempts: 1,
      lastError: '403: Forbidden: bot was blocked by the user',
    });
    expect(deliveryView(en, failed, true)).toEqual({
      state: 'failed',
      why: 'Telegram refused: the customer blocked the bot',
      retry: true,
    });
    expect(deliveryView(ru, failed, true).why).toBe('Telegram отказал: клиент заблокировал бота');
    const gaveUp = msg(
      { status: 'failed', lastError: 'gave up after 5 attempts: network: timeout' },
      'email',
    );
    expect(deliveryView(en, gaveUp, true).why).toBe('No connection to E-mail (gave up after 5 attempts)');
    expect(deliveryView(ru, msg({ status: 'failed', lastError: '400: Bad Request: x' }), true).why).toBe(
      'Telegram отклонил сообщение (ошибка 400)',
    );
    // The demo guard's refusal is final: nothing to retry.
    expect(deliveryView(en, msg({ status: 'failed', lastError: DEMO_NOT_SENT }), true)).toMatchObject({
      retry: false,
    });
  });

  it('tells a message waiting for the server from one the server will try again', () => {
    expect(deliveryView(en, msg({ status: 'pending', attempts: 0 }), false)).toEqual({
      state: 'offline',
      why: 'No connection to the server — will send when online',
      retry: false,
    });
    expect(deliveryView(en, msg({ status: 'pending', attempts: 0 }), true)).toEqual({
      state: 'pending',
      retry: false,
    });
    const retrying = msg({
      status: 'pending',
      attempts: 2,
      lastError: '429: Too Many Requests: retry after 5',
    });
    expect(deliveryView(en, retrying, true).why).toBe('Telegram asked to slow down — will try again');
    expect(deliveryView(ru, retrying, false).why).toBe(
      'Telegram попросил отправлять реже — попробуем ещё раз',
    );
    expect(deliveryView(en, msg({ status: 'sent', sentAt: '2026-03-02T10:00:00.000Z' }), true)).toEqual({
      state: 'sent',
      retry: false,
    });
  });

  it('a retry waits to send again, its error cleared, its attempts kept', () => {
    expect(
      retriedDelivery({
        status: 'failed',
        attempts: 3,
        lastError: '403: x',
        nextAttemptAt: '2026-01-01T00:00:00.000Z',
      }),
    ).toEqual({ status: 'pending', attempts: 3 });
  });
});

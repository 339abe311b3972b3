// The conversation's channel as the server's GET /channels/status answers it: not connected, stalled
// (issue 65: no process runs the bot, or the outbox has not moved while replies wait), or fine; a demo
// conversation is never sent, so nothing is said of it. The stalled notice is said in both languages.
import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n';
import { channelProblem, type ChannelStatus } from './channel-state';

const status: ChannelStatus = {
  telegram: { connected: true, stalled: true },
  vk: { connected: false },
  email: { connected: true },
};

describe('channel problem', () => {
  it('says stalled, not connected, or nothing', () => {
    expect(channelProblem(status, 'telegram', false)).toBe('stalled');
    expect(channelProblem(status, 'vk', false)).toBe('not-connected');
    expect(channelProblem(status, 'email', false)).toBeUndefined();
    // Not known yet (the server not asked, or the channel not in its answer).
    expect(channelProblem(status, 'webchat', false)).toBeUndefined();
    expect(channelProblem({}, 'telegram', false)).toBeUndefined();
    expect(channelProblem(status, undefined, false)).toBeUndefined();
  });

  it('says nothing of a demo conversation', () => {
    expect(channelProblem(status, 'telegram', true)).toBeUndefined();
    expect(channelProblem(status, 'vk', true)).toBeUndefined();
  });

  it('a channel not connected is said so even when the server also finds it stalled', () => {
    expect(channelProblem({ telegram: { connected: false, stalled: true } }, 'telegram', false)).toBe(
      'not-connected',
    );
  });

  it('tells the stalled channel in English and Russian', () => {
    const en = translator('en')('delivery.stalled', { channel: 'Telegram' });
    const ru = translator('ru')('delivery.stalled', { channel: 'Телеграм' });
    expect(en).toContain('Telegram replies are not going out');
    expect(ru).toContain('Ответы в канале «Телеграм» сейчас не уходят');
  });
});

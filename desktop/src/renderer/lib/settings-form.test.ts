// The settings form's values and bodies for the real kinds' fields (@app/shared/settings).
import { describe, expect, it } from 'vitest';
import { settingsFields } from '@app/shared/settings';
import { bodyOf, needed, storedSecret, valuesFromView, visible } from './settings-form';

describe('settings form', () => {
  it('fills the form from a view, never a secret, and sends nested, typed, non-blank fields', () => {
    const view = {
      configured: true,
      address: 'sales@shop.example',
      imap: { host: 'imap.shop.example', port: 993, tls: 'implicit', user: 'sales', passwordSet: true },
      smtp: { host: 'smtp.shop.example', port: 465, tls: 'implicit', user: 'sales', passwordSet: true },
    };
    const values = valuesFromView(settingsFields.email, view);
    expect(values).toMatchObject({ address: 'sales@shop.example', 'imap.port': '993', 'imap.password': '' });
    expect(bodyOf(settingsFields.email, { ...values, fromName: '  ', 'smtp.password': ' pw ' })).toEqual({
      address: 'sales@shop.example',
      imap: { host: 'imap.shop.example', port: 993, tls: 'implicit', user: 'sales' },
      smtp: { host: 'smtp.shop.example', port: 465, tls: 'implicit', user: 'sales', password: ' pw ' },
    });
  });

  it('shows and sends the Callback API strings only in callback mode', () => {
    const values = valuesFromView(settingsFields.vk, { configured: false });
    expect(values.mode).toBe('callback');
    const filled = {
      ...values,
      groupId: '42',
      accessToken: 'vk1.a.token',
      confirmationCode: 'abc',
      secretKey: 'secret12',
    };
    expect(bodyOf(settingsFields.vk, filled)).toEqual({
      groupId: 42,
      accessToken: 'vk1.a.token',
      mode: 'callback',
      confirmationCode: 'abc',
      secretKey: 'secret12',
    });
    const longpoll = { ...filled, mode: 'longpoll' };
    const secretKey = settingsFields.vk.find((f) => f.name === 'secretKey')!;
    expect(visible(secretKey, longpoll)).toBe(false);
    expect(bodyOf(settingsFields.vk, longpoll)).toEqual({
      groupId: 42,
      accessToken: 'vk1.a.token',
      mode: 'longpoll',
    });
  });

  it('needs a required secret only until one is stored, and says how it is stored', () => {
    const token = settingsFields.vk.find((f) => f.name === 'accessToken')!;
    const secretKey = settingsFields.vk.find((f) => f.name === 'secretKey')!;
    expect(needed(token, { configured: false })).toBe(true);
    expect(needed(token, { tokenHint: '…wxyz' })).toBe(false);
    expect(storedSecret(token, { tokenHint: '…wxyz' })).toBe('…wxyz');
    expect(storedSecret(secretKey, { secretKeySet: true })).toBe(true);
    expect(storedSecret(secretKey, { secretKeySet: false })).toBeUndefined();
    expect(needed(secretKey, { secretKeySet: false })).toBe(true);
  });
});

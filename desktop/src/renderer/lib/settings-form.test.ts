// The settings form's values and bodies for the real kinds' fields (@app/shared/settings).
import { describe, expect, it } from 'vitest';
import { settingsFields } from '@app/shared/settings';
import {
  bodyOf,
  needed,
  storedSecret,
  unreadable,
  valuesFromView,
  visible,
  type FormValues,
} from './settings-form';

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

const row = (name: string, value: string) => ({ name, value });

describe('settings form: lists, JSON, headers, tick boxes', () => {
  it('sends a webhook tool: JSON parsed, a select verbatim, headers with a name and a value only', () => {
    const fields = settingsFields.webhookTool;
    const values = valuesFromView(fields, undefined);
    expect(values).toMatchObject({ method: 'POST', parameters: '', headers: [{ name: '', value: '' }] });
    const filled = {
      ...values,
      name: ' get_price ',
      description: 'The price',
      url: ' https://shop.example/{sku} ',
      parameters: '{"type":"object"}',
      // Sent: a row with a name and a value; a row without either is left out.
      headers: [row(' X-Api-Key ', ' k 1 '), row('X-Empty', ''), row(' ', 'orphan')],
    };
    expect(unreadable(fields, filled)).toBeUndefined();
    expect(bodyOf(fields, filled)).toEqual({
      name: 'get_price',
      description: 'The price',
      url: 'https://shop.example/{sku}',
      method: 'POST',
      parameters: { type: 'object' },
      headers: { 'X-Api-Key': ' k 1 ' },
    });
    expect(bodyOf(fields, { ...filled, headers: [row('X-Empty', '')] })).not.toHaveProperty('headers');
    expect(unreadable(fields, { ...filled, parameters: '{type: object}' })?.name).toBe('parameters');
  });

  it('fills the web chat from its view and sends lists, cleared text and the tick box', () => {
    const fields = settingsFields.webChat;
    expect(valuesFromView(fields, undefined)).toMatchObject({
      language: 'auto',
      color: '#2563eb',
      allowedOrigins: '',
      recordPages: false,
    });
    const values = valuesFromView(fields, {
      title: 'Shop',
      greeting: 'Hi',
      language: 'ru',
      color: '#16a34a',
      allowedOrigins: ['https://a.example', 'https://b.example'],
      recordPages: true,
    });
    expect(values).toMatchObject({
      allowedOrigins: 'https://a.example\nhttps://b.example',
      recordPages: true,
    });
    expect(bodyOf(fields, { ...values, title: '  ', allowedOrigins: ' https://a.example \n\n' })).toEqual({
      title: '',
      greeting: 'Hi',
      language: 'ru',
      color: '#16a34a',
      allowedOrigins: ['https://a.example'],
      recordPages: true,
    });
    expect(bodyOf(fields, { ...values, allowedOrigins: '', recordPages: false })).toMatchObject({
      allowedOrigins: [],
      recordPages: false,
    });
  });

  it("sends a model provider's own fields: Yandex's folder only for YandexGPT, blank ones left out", () => {
    const fields = settingsFields.modelProvider;
    const values: FormValues = {
      ...valuesFromView(fields, undefined),
      id: 'ya',
      apiKey: 'k',
      folderId: ' b1g ',
    };
    expect(values.kind).toBe('openai');
    expect(bodyOf(fields, values)).toEqual({ kind: 'openai', id: 'ya', apiKey: 'k' });
    expect(bodyOf(fields, { ...values, kind: 'yandexgpt' })).toEqual({
      kind: 'yandexgpt',
      id: 'ya',
      apiKey: 'k',
      folderId: 'b1g',
      keyType: 'api-key',
    });
    expect(bodyOf(fields, { ...values, kind: 'gigachat' })).toEqual({
      kind: 'gigachat',
      id: 'ya',
      apiKey: 'k',
      scope: 'GIGACHAT_API_PERS',
    });
  });
});

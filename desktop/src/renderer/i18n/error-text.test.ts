import { describe, expect, it } from 'vitest';
import { errorStatus } from '@app/shared/errors';
import { ApiError } from '../data/auth';
import { en } from './en';
import { errorText } from './error-text';
import { translator } from './i18n';
import { ru } from './ru';

describe('errorText', () => {
  it('has a sentence in both languages for every error code the server answers with', () => {
    const keys = Object.keys(errorStatus).map((code) => `error.${code}`);
    expect(keys.filter((k) => !Object.hasOwn(en, k) || !Object.hasOwn(ru, k))).toEqual([]);
  });

  it("says why in Russian, keeping the server's detail only where it names what was wrong", () => {
    const t = translator('ru');
    expect(errorText(t, new ApiError(401, 'invalid-credentials', 'Invalid e-mail or password'))).toBe(
      'Неверный e-mail или пароль.',
    );
    expect(errorText(t, new ApiError(400, 'validation-failed', 'name: must be a string'))).toBe(
      'Сервер не принял данные: name: must be a string',
    );
    expect(errorText(t, new TypeError('Failed to fetch'))).toBe(
      'Сервер недоступен. Проверьте подключение и попробуйте снова.',
    );
    expect(errorText(translator('en'), new ApiError(429, 'rate-limited', 'Slow down'))).toBe(
      'Too many attempts: wait a little and try again.',
    );
    // A code the dictionaries do not know (another service's), or a plain error, is shown as written.
    expect(errorText(t, new ApiError(502, 'telegram-refused', 'Unauthorized'))).toBe('Unauthorized');
    expect(errorText(t, new Error('Файл занят'))).toBe('Файл занят');
    // The attachment that is neither here nor reachable (components/MessageAttachments.tsx).
    expect(
      errorText(t, Object.assign(new Error('not on this device'), { code: 'attachment-unavailable' })),
    ).toBe('Файла нет на этом устройстве, а сервер недоступен.');
    expect(errorText(t, 'boom')).toBe('boom');
  });

  it("says a plan's limit in the UI's language from the error's details, not the server's sentence", () => {
    const seats = new ApiError(402, 'plan-limit-reached', 'The Free plan allows 3 seats', {
      limit: 'seats',
      plan: 'free',
      max: 3,
      used: 3,
    });
    expect(errorText(translator('ru'), seats)).toBe(
      'Тариф «Бесплатный» допускает мест: 3 (участники и приглашения), и все заняты. Удалите участника или приглашение либо перейдите на тариф больше.',
    );
    expect(errorText(translator('en'), seats)).toMatch(/^The Free plan allows 3 seats/);
    const knowledge = new ApiError(402, 'plan-limit-reached', 'x', {
      limit: 'knowledgeBytes',
      plan: 'pro',
      max: 200 * 1_048_576,
      used: 1,
    });
    expect(errorText(translator('ru'), knowledge)).toMatch(/^Тариф «Pro» допускает 200 МБ знаний/);
    // Details that name no known limit: the code's general sentence with the server's words.
    expect(errorText(translator('en'), new ApiError(402, 'plan-limit-reached', 'Over', { limit: 'x' }))).toBe(
      "The team's plan does not allow more: Over",
    );
  });
});

// The strength check refuses the passwords people pick first (common ones, keyboard walks in either
// layout, the e-mail itself) and takes passphrases; its answer says why.
import { describe, expect, it } from 'vitest';
import { asLatinKeys, assertStrongPassword, passwordStrength } from './password-strength';

describe('password strength', () => {
  it('refuses common passwords, keyboard walks and the e-mail, with the reason', async () => {
    for (const weak of ['12345678', 'password', 'qwertyuiop', 'P@ssw0rd', 'iloveyou1', 'йцукенгшщз']) {
      await expect(assertStrongPassword(weak), weak).rejects.toMatchObject({
        code: 'password-too-weak',
        status: 400,
      });
    }
    const err = await assertStrongPassword('12345678').catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/too weak \(strength 0 of 4.*\): This is a heavily used password/);
    expect(err).toMatchObject({ details: { score: 0, minScore: 3 } });
    // Strong enough alone, not when it is the user's own e-mail.
    expect((await passwordStrength('ivanpetrov1987')).score).toBeGreaterThanOrEqual(3);
    await expect(
      assertStrongPassword('ivanpetrov1987', ['ivanpetrov1987@example.com']),
    ).rejects.toMatchObject({ code: 'password-too-weak' });
  });

  it('accepts passphrases and random strings, and scores only the first characters of long ones', async () => {
    for (const ok of [
      'correct horse battery',
      'viewer password 1',
      'Kx9-plum-orbit-42',
      'тихий-лес-на-рассвете',
    ]) {
      await expect(assertStrongPassword(ok), ok).resolves.toBeUndefined();
    }
    // zxcvbn's matching grows fast with length: a long password is scored on its first characters
    // only, so its result is that of its first 64 (checked on the result, not on a clock).
    const long = Array.from({ length: 10_000 }, (_, i) => String.fromCharCode(33 + ((i * 37) % 90))).join('');
    await assertStrongPassword(long);
    const weakStart = 'password'.repeat(8) + long;
    expect(await passwordStrength(weakStart)).toEqual(await passwordStrength(weakStart.slice(0, 64)));
  });

  it('reads a password typed in the Russian layout as the keys it was typed on', () => {
    expect(asLatinKeys('йцукен')).toBe('qwerty');
    expect(asLatinKeys('Фыва123')).toBe('asdf123');
    expect(asLatinKeys('latin only')).toBeUndefined();
  });
});

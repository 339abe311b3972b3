// Access tokens are remembered once verified, and remembering changes no answer: an expired token is
// refused at its expiry, a token with another signature is refused however often its twin was seen.
import { describe, expect, it } from 'vitest';
import { createAccessTokens } from './access-tokens';

const auth = { userId: 'u1', teamId: 't1', role: 'rep' as const, email: 'rep@example.com' };

describe('access tokens', () => {
  it('verifies from memory until the token expires, and only that exact token', async () => {
    let now = new Date('2026-03-01T10:00:00.000Z');
    const tokens = createAccessTokens(new Uint8Array(32).fill(7), 60, () => now);
    const token = await tokens.sign(auth);
    const [a, b] = await Promise.all([tokens.verify(token), tokens.verify(token)]);
    expect(a).toEqual(auth);
    expect(b).toEqual(auth);
    a.role = 'admin'; // answers are copies
    expect(await tokens.verify(token)).toEqual(auth);

    const [head, body] = token.split('.');
    const forged = `${head}.${body}.${'A'.repeat(43)}`;
    await expect(tokens.verify(forged)).rejects.toMatchObject({ code: 'token-invalid' });
    const other = createAccessTokens(new Uint8Array(32).fill(8), 60, () => now);
    await expect(other.verify(token)).rejects.toMatchObject({ code: 'token-invalid' });

    now = new Date('2026-03-01T10:00:59.000Z');
    expect(await tokens.verify(token)).toEqual(auth);
    now = new Date('2026-03-01T10:01:00.000Z');
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'token-expired' });
  });
});

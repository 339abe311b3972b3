import { describe, expect, it } from 'vitest';
import { DomainError, errorBody, errorStatus, isDomainError } from './errors';

describe('DomainError', () => {
  it('carries a code, an HTTP status and a body without internals', () => {
    const error = new DomainError('lead-not-found', 'No lead lead-9', { cause: new Error('db said 404') });
    expect(error.status).toBe(404);
    expect(isDomainError(error, 'lead-not-found')).toBe(true);
    expect(isDomainError(error, 'conflict')).toBe(false);
    expect(errorBody(error)).toEqual({ error: { code: 'lead-not-found', message: 'No lead lead-9' } });
  });

  it('maps every caller mistake to 4xx and codes are kebab-case', () => {
    for (const [code, status] of Object.entries(errorStatus)) {
      expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
    expect(errorStatus['validation-failed']).toBe(400);
    expect(errorStatus['payload-too-large']).toBe(413);
  });
});

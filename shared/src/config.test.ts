import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, env, parseConfig } from './config';

const schema = z.object({
  PORT: env.port(8080),
  COUCHDB_URL: env.url().optional(),
  JWT_SECRET: z.string().min(32).optional(),
  TELEGRAM_MODE: z.enum(['polling', 'webhook']).default('polling'),
  DEBUG: env.bool(false),
});

describe('parseConfig', () => {
  it('applies defaults', () => {
    expect(parseConfig(schema, {})).toEqual({ PORT: 8080, TELEGRAM_MODE: 'polling', DEBUG: false });
  });

  it('lets the environment win over the config file, and the file over defaults', () => {
    const config = parseConfig(
      schema,
      { PORT: '9000' },
      { PORT: '7000', TELEGRAM_MODE: 'webhook', DEBUG: 'yes' },
    );
    expect(config).toEqual({ PORT: 9000, TELEGRAM_MODE: 'webhook', DEBUG: true });
  });

  it('treats empty strings as unset', () => {
    expect(parseConfig(schema, { PORT: '', COUCHDB_URL: '' }).PORT).toBe(8080);
  });

  it('fails fast naming each bad variable', () => {
    let error: unknown;
    try {
      parseConfig(schema, { PORT: 'eighty', COUCHDB_URL: 'not a url', TELEGRAM_MODE: 'push' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.code).toBe('config-invalid');
    expect(configError.variables.sort()).toEqual(['COUCHDB_URL', 'PORT', 'TELEGRAM_MODE']);
    expect(configError.message).toContain('COUCHDB_URL: must be a URL');
    expect(configError.message).toMatch(/PORT: /);
  });

  it('never prints secret values', () => {
    expect(() => parseConfig(schema, { JWT_SECRET: 'short-secret-value' })).toThrow(
      /JWT_SECRET: is invalid \(value hidden\)/,
    );
    try {
      parseConfig(schema, { JWT_SECRET: 'short-secret-value' });
    } catch (e) {
      expect(String((e as Error).message)).not.toContain('short-secret-value');
    }
  });
});

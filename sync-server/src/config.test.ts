// The server's one config path for the agents' models: LLM_* and EMBEDDINGS_* are part of the
// schema (defaults < DATA_DIR/config.json < environment), and bad values name the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@app/shared/config';
import { embeddingsConfigOf, llmConfigOf } from '@app/shared/llm';
import { loadServerConfig } from './config';

const failure = (source: Record<string, string>, file: Record<string, string> = {}) => {
  try {
    loadServerConfig(source, file);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
};

describe('LLM_* and EMBEDDINGS_* in the server config', () => {
  it('accepts LLM_FALLBACKS whose providers name only some roles', () => {
    const fallbacks = [
      {
        id: 'local',
        baseURL: 'http://127.0.0.1:11434/v1',
        model: 'qwen',
        roleModels: { supervisor: 'tiny' },
      },
      {
        id: 'router',
        baseURL: 'https://openrouter.ai/api/v1',
        model: 'x',
        roleModels: { answer: 'y', twin: 'z' },
      },
    ];
    const config = loadServerConfig({ LLM_FALLBACKS: JSON.stringify(fallbacks) });
    const llm = llmConfigOf(config);
    expect(llm.providers.map((p) => [p.id, p.roleModels])).toEqual([
      ['local', { supervisor: 'tiny' }],
      ['router', { answer: 'y', twin: 'z' }],
    ]);
    expect(llm.providers[0]!.timeoutMs).toBe(30_000);
  });

  it('takes config.json values below the environment', () => {
    const file = {
      LLM_BASE_URL: 'http://file.example/v1',
      LLM_MODEL: 'from-file',
      EMBEDDINGS_BASE_URL: 'http://emb.example/v1',
      EMBEDDINGS_MODEL: 'e5',
    };
    const config = loadServerConfig({ LLM_MODEL: 'from-env' }, file);
    expect(llmConfigOf(config).providers[0]).toMatchObject({
      id: 'primary',
      baseURL: 'http://file.example/v1',
      model: 'from-env',
    });
    expect(embeddingsConfigOf(config)).toEqual({ baseURL: 'http://emb.example/v1', model: 'e5' });
    expect(llmConfigOf(loadServerConfig({})).providers).toEqual([]);
    expect(embeddingsConfigOf(loadServerConfig({}))).toBeUndefined();
  });

  it('names the bad variable, hiding secret values', () => {
    expect(failure({ LLM_BASE_URL: 'not a url' }).variables).toEqual(['LLM_BASE_URL']);
    expect(failure({}, { EMBEDDINGS_BASE_URL: 'nope' }).variables).toEqual(['EMBEDDINGS_BASE_URL']);
    const notJson = failure({ LLM_FALLBACKS: '[{"id":' });
    expect(notJson.variables).toEqual(['LLM_FALLBACKS']);
    expect(notJson.message).toMatch(/must be a JSON array/);
    const leak = failure({ LLM_FALLBACKS: '[{"id":"x","apiKey":"sk-leak","baseURL":"bad"}]' });
    expect(leak.variables).toEqual(['LLM_FALLBACKS']);
    expect(leak.message).not.toContain('sk-leak');
    // A role that does not exist is refused.
    const role = failure({
      LLM_FALLBACKS: JSON.stringify([
        { id: 'x', baseURL: 'http://a.b/v1', model: 'm', roleModels: { boss: 'm' } },
      ]),
    });
    expect(role.message).toMatch(/LLM_FALLBACKS: is invalid at 0\.roleModels/);
  });
});

describe('outbound targets in the server config (issue 34)', () => {
  it('opens no private target by default, parses OUTBOUND_ALLOW_PRIVATE and names a bad entry', () => {
    const config = loadServerConfig({});
    expect(config.OUTBOUND_ALLOW_PRIVATE).toEqual([]);
    expect(config.VK_FILE_HOSTS).toContain('*.userapi.com');
    expect(
      loadServerConfig({ OUTBOUND_ALLOW_PRIVATE: '127.0.0.1:11434,10.0.0.0/8' }).OUTBOUND_ALLOW_PRIVATE,
    ).toEqual([{ port: 11434, cidr: ['127.0.0.1', 32] }, { cidr: ['10.0.0.0', 8] }]);
    const bad = failure({ OUTBOUND_ALLOW_PRIVATE: '127.0.0.1:99999' });
    expect(bad.variables).toEqual(['OUTBOUND_ALLOW_PRIVATE']);
    expect(failure({ VK_FILE_HOSTS: 'http://x' }).variables).toEqual(['VK_FILE_HOSTS']);
  });
});

describe('sign-in providers in the server config (issue 40)', () => {
  it('reads each provider of OIDC_PROVIDERS from its variables, Google and Yandex with their issuers', () => {
    const config = loadServerConfig(
      {
        OIDC_PROVIDERS: 'google, Corp',
        OIDC_GOOGLE_CLIENT_ID: 'g-id',
        OIDC_GOOGLE_CLIENT_SECRET: 'g-secret',
        OIDC_CORP_ISSUER: 'https://sso.example.com/realms/main',
        OIDC_CORP_CLIENT_ID: 'corp-id',
        OIDC_CORP_NAME: 'Example SSO',
      },
      { OIDC_CORP_CLIENT_SECRET: 'from-the-file' },
    );
    expect(config.oidcProviders).toEqual([
      expect.objectContaining({
        id: 'google',
        name: 'Google',
        kind: 'oidc',
        issuer: 'https://accounts.google.com',
      }),
      expect.objectContaining({
        id: 'corp',
        name: 'Example SSO',
        clientSecret: 'from-the-file',
        scope: 'openid email profile',
      }),
    ]);
    const yandex = loadServerConfig({
      OIDC_PROVIDERS: 'yandex',
      OIDC_YANDEX_CLIENT_ID: 'y',
      OIDC_YANDEX_CLIENT_SECRET: 'z',
    }).oidcProviders[0];
    expect(yandex).toMatchObject({ kind: 'yandex', name: 'Yandex ID', scope: 'login:info login:email' });
    expect(loadServerConfig({}).oidcProviders).toEqual([]);
  });

  it('names what is missing or unsafe, never printing a secret', () => {
    const missing = failure({ OIDC_PROVIDERS: 'corp', OIDC_CORP_CLIENT_SECRET: 'hush-hush-secret' });
    expect(missing.variables.sort()).toEqual(['OIDC_CORP_CLIENT_ID', 'OIDC_CORP_ISSUER']);
    expect(missing.message).not.toContain('hush-hush-secret');
    const plain = failure({
      OIDC_PROVIDERS: 'corp',
      OIDC_CORP_ISSUER: 'http://sso.example.com',
      OIDC_CORP_CLIENT_ID: 'a',
      OIDC_CORP_CLIENT_SECRET: 'b',
    });
    expect(plain.variables).toEqual(['OIDC_CORP_ISSUER']);
    expect(plain.message).toMatch(/https/);
    // Plain http only on this machine (tests, a local identity server).
    expect(
      loadServerConfig({
        OIDC_PROVIDERS: 'corp',
        OIDC_CORP_ISSUER: 'http://127.0.0.1:9000',
        OIDC_CORP_CLIENT_ID: 'a',
        OIDC_CORP_CLIENT_SECRET: 'b',
      }).oidcProviders[0]?.issuer,
    ).toBe('http://127.0.0.1:9000');
    expect(failure({ OIDC_PROVIDERS: 'a b' }).variables).toEqual(['OIDC_PROVIDERS']);
    expect(failure({ OIDC_PROVIDERS: 'x,x' }).variables).toEqual(['OIDC_PROVIDERS']);
  });
});

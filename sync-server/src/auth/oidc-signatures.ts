// The signature of a provider's ID token, checked against the provider's published keys (its
// discovery document's `jwks_uri`) with jose. openid-client checks the token's claims (issuer,
// audience, expiry, nonce) but, for the code flow, not its signature (OIDC Core 3.1.3.7 lets a client
// trust the TLS of the token endpoint; its opt-in "non-repudiation" checks were never on): a token
// endpoint answer substituted on the way, or a provider reached over plain http on a private network,
// could carry any claims. The key set is fetched through the server's outbound policy (the `fetch`
// given), kept for `cacheMaxAgeMs` (10 minutes), and fetched again at once for a key id it does not
// hold (a provider's key rotation), at most every `cooldownMs` (30 s).
import { createRemoteJWKSet, customFetch, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { DomainError } from '@app/shared/errors';

/** Asymmetric algorithms only: a key set holds public keys, and HMAC with one would be a forgery. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export type IdTokenSignatures = {
  /**
   * Throws `sso-refused` unless `idToken` is signed by a key of the provider's key set, for this
   * client and from this issuer.
   */
  verify(
    provider: { id: string; name: string; clientId: string },
    metadata: { issuer: string; jwks_uri?: string },
    idToken: string,
  ): Promise<void>;
};

export function createIdTokenSignatures(deps: {
  fetch: typeof globalThis.fetch;
  now: () => Date;
  cacheMaxAgeMs?: number;
  cooldownMs?: number;
  timeoutMs?: number;
}): IdTokenSignatures {
  const sets = new Map<string, { uri: string; keys: JWTVerifyGetKey }>();

  function keysOf(providerId: string, uri: string): JWTVerifyGetKey {
    const known = sets.get(providerId);
    if (known?.uri === uri) return known.keys;
    const keys = createRemoteJWKSet(new URL(uri), {
      [customFetch]: deps.fetch,
      cacheMaxAge: deps.cacheMaxAgeMs ?? 10 * 60_000,
      cooldownDuration: deps.cooldownMs ?? 30_000,
      timeoutDuration: deps.timeoutMs ?? 10_000,
    });
    sets.set(providerId, { uri, keys });
    return keys;
  }

  return {
    async verify(provider, metadata, idToken) {
      if (!metadata.jwks_uri)
        throw new DomainError(
          'sso-refused',
          `${provider.name} publishes no key set (jwks_uri), so its ID token cannot be checked`,
        );
      try {
        await jwtVerify(idToken, keysOf(provider.id, metadata.jwks_uri), {
          algorithms: ALGORITHMS,
          issuer: metadata.issuer,
          audience: provider.clientId,
          currentDate: deps.now(),
        });
      } catch (error) {
        // The key set could not be fetched: the provider is unavailable (the caller says so).
        if (!(error instanceof errors.JOSEError) || error instanceof errors.JWKSTimeout) throw error;
        throw new DomainError(
          'sso-refused',
          `The ID token from ${provider.name} failed its signature check (${error.code})`,
          { cause: error },
        );
      }
    },
  };
}

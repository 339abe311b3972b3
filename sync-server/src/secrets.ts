// Secrets the server needs that may be left unset: generated once and kept in DATA_DIR (mode 0600),
// so restarts keep sessions and encrypted channel tokens valid. With several servers behind a load
// balancer, set JWT_SECRET and ENCRYPTION_KEY in the environment instead (they must match).
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Secrets = {
  jwtSecret: Uint8Array;
  encryptionKey: Buffer;
  /** Admin password of the embedded CouchDB-compatible store (never used with COUCHDB_URL). */
  embeddedAdminPassword: string;
};

type SecretsFile = { jwtSecret?: string; encryptionKey?: string; embeddedAdminPassword?: string };

const FILE = 'secrets.json';

function readFile(path: string): SecretsFile {
  if (!existsSync(path)) return {};
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  return typeof parsed === 'object' && parsed !== null ? (parsed as SecretsFile) : {};
}

/** Turns a configured key into 32 bytes: hex or base64 of 32 bytes as is, anything else hashed. */
export function keyFrom(value: string): Buffer {
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, 'hex');
  const b64 = Buffer.from(value, 'base64');
  if (b64.length === 32 && /^[A-Za-z0-9+/=_-]+$/.test(value)) return b64;
  return createHash('sha256').update(value).digest();
}

export function loadSecrets(dataDir: string, env: { JWT_SECRET?: string; ENCRYPTION_KEY?: string }): Secrets {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, FILE);
  const stored = readFile(path);
  const next: SecretsFile = { ...stored };
  if (!env.JWT_SECRET && !next.jwtSecret) next.jwtSecret = randomBytes(32).toString('base64url');
  if (!env.ENCRYPTION_KEY && !next.encryptionKey) next.encryptionKey = randomBytes(32).toString('hex');
  if (!next.embeddedAdminPassword) next.embeddedAdminPassword = randomBytes(24).toString('base64url');
  if (JSON.stringify(next) !== JSON.stringify(stored)) {
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, JSON.stringify(next, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, path);
    chmodSync(path, 0o600);
  }
  return {
    jwtSecret: new TextEncoder().encode(env.JWT_SECRET ?? next.jwtSecret!),
    encryptionKey: keyFrom(env.ENCRYPTION_KEY ?? next.encryptionKey!),
    embeddedAdminPassword: next.embeddedAdminPassword,
  };
}

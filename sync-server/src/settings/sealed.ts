// Channel secrets (bot tokens, mailbox passwords) are kept in the `app_channels` system database only
// sealed: AES-256-GCM with the server's encryption key, a random 96-bit IV per write, and the team id
// and field as additional authenticated data, so a ciphertext copied to another team's doc or field
// does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export type Sealed = { alg: 'A256GCM'; iv: string; tag: string; data: string };

/** The additional authenticated data of one team's field, e.g. `aadFor(teamId, 'telegram.token')`. */
export const aadFor = (teamId: string, what: string) => `${teamId}\n${what}`;

export function seal(key: Buffer, plain: string, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return {
    alg: 'A256GCM',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** Throws when the key, the AAD or the ciphertext is wrong. */
export function unseal(key: Buffer, sealed: Sealed, aad: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString(
    'utf8',
  );
}

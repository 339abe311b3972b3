// The signed-in session (server URL and tokens), encrypted with Electron's safeStorage (Keychain,
// DPAPI, libsecret). When the OS offers no encryption, the session lives in memory only: tokens are
// never written to disk in clear text. A session whose server URL the policy refuses (server-url.ts) is
// neither stored nor handed back.
import { ipcErrorMessage, type StoredSession } from '@app/shared/ipc';
import { isAllowedServerUrl, serverUrlProblem } from './server-url';

export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
};

export type FileIo = {
  read(path: string): Promise<Buffer | null>;
  write(path: string, data: Buffer): Promise<void>;
  remove(path: string): Promise<void>;
};

export type SessionStore = {
  get(): Promise<StoredSession | null>;
  set(session: StoredSession): Promise<void>;
  clear(): Promise<void>;
  readonly persistent: boolean;
};

export function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const str = (k: string, max: number) => typeof v[k] === 'string' && (v[k] as string).length <= max;
  const opt = (k: string) => v[k] === undefined || str(k, 256);
  return (
    str('serverUrl', 2048) &&
    str('accessToken', 8192) &&
    str('refreshToken', 8192) &&
    opt('userId') &&
    opt('teamId') &&
    opt('email')
  );
}

export function createSessionStore(safe: SafeStorageLike, io: FileIo, path: string): SessionStore {
  let memory: StoredSession | null = null;
  const persistent = safe.isEncryptionAvailable();
  return {
    persistent,
    async get() {
      if (!persistent) return memory;
      const data = await io.read(path);
      if (!data) return null;
      try {
        const parsed: unknown = JSON.parse(safe.decryptString(data));
        return isStoredSession(parsed) && isAllowedServerUrl(parsed.serverUrl) ? parsed : null;
      } catch {
        return null;
      }
    },
    async set(session) {
      if (!isStoredSession(session)) throw new Error('Invalid session');
      const problem = serverUrlProblem(session.serverUrl);
      if (problem) throw new Error(ipcErrorMessage('server-url-refused', problem));
      if (!persistent) {
        memory = session;
        return;
      }
      await io.write(path, safe.encryptString(JSON.stringify(session)));
    },
    async clear() {
      memory = null;
      if (persistent) await io.remove(path);
    },
  };
}

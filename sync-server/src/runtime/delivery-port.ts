// The sender's DeliveryPort over the messages database: every step of a delivery is written on the
// message doc, so reps see it and a restarted server knows where each message stands.
import type { DeliveryPort } from '@app/bot';
import type { Store } from '../context';
import { updateDoc } from './couch-docs';

type Delivery = {
  status: string;
  attempts?: number;
  lastError?: string;
  externalMessageId?: string;
  sentAt?: string;
  nextAttemptAt?: string;
};

export function createDeliveryPort(store: Store, teamId: string): DeliveryPort {
  const set = (id: string, at: string, next: (d: Delivery) => Delivery) =>
    updateDoc<Record<string, unknown>>(store.teamDb(teamId, 'messages'), id, (doc) => ({
      ...doc,
      delivery: next((doc.delivery ?? { status: 'pending' }) as Delivery),
      updatedAt: at,
    })).then(() => undefined);
  const clip = (s: string) => s.slice(0, 1000);
  const capped = (n: number) => Math.min(1000, n);

  return {
    markSending: (id, info) =>
      set(id, info.at, (d) => {
        const { nextAttemptAt: _n, ...rest } = d;
        return { ...rest, status: 'sending', attempts: capped(info.attempts) };
      }),
    markSent: (id, info) =>
      set(id, info.sentAt, (d) => {
        const { nextAttemptAt: _n, lastError: _e, ...rest } = d;
        return {
          ...rest,
          status: 'sent',
          attempts: capped(info.attempts),
          sentAt: info.sentAt,
          externalMessageId: info.externalMessageId,
        };
      }),
    markRetrying: (id, info) =>
      set(id, new Date().toISOString(), (d) => ({
        ...d,
        status: 'pending',
        attempts: capped(info.attempts),
        lastError: clip(info.lastError),
        nextAttemptAt: info.nextAttemptAt,
      })),
    markFailed: (id, info) =>
      set(id, info.at, (d) => {
        const { nextAttemptAt: _n, ...rest } = d;
        return {
          ...rest,
          status: 'failed',
          attempts: capped(info.attempts),
          lastError: clip(info.lastError),
        };
      }),
  };
}

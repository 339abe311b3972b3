// A channel's settings doc in `app_channels`, written and removed the same way for every channel.
import { DomainError } from '@app/shared/errors';
import type { Store } from '../context';
import { statusOf } from '../store/couch-errors';

type SettingsDoc = { _id: string; _rev?: string };

/** Writes the doc on the revision it was read at; someone else's write meanwhile is a 409 `conflict`. */
export async function saveChannelDoc(store: Store, doc: SettingsDoc): Promise<void> {
  try {
    await store.systemDb('app_channels').insert(doc as never);
  } catch (error) {
    if (statusOf(error) === 409)
      throw new DomainError('conflict', 'Channel settings changed meanwhile; retry');
    throw error;
  }
}

/** Removes the doc (with its sealed secrets) when there is one. */
export async function removeChannelDoc(store: Store, current: SettingsDoc | null | undefined): Promise<void> {
  if (current?._rev) await store.systemDb('app_channels').destroy(current._id, current._rev);
}

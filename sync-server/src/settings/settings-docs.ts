// A settings doc in `app_channels` (a channel's, an integration's, a tool's), written and removed the
// same way for every kind; the routes over them are built from specs (spec.ts, routes.ts).
import { DomainError } from '@app/shared/errors';
import type { ServerDeps, Store } from '../context';
import { systemDocs, type SystemDoc } from '../store/data';

/** What a wing's admin routes are built from (the admin API's deps have all of it). */
export type ChannelSettingsDeps = ServerDeps & {
  /** PUBLIC_URL, where webhooks reach this server unless a team names its own URL. */
  publicUrl?: string;
  /** A team's channel settings changed: the runtime and the wings read them again. */
  channelsChanged?: (teamId: string) => void;
};

type SettingsDoc = { _id: string; _rev?: string };

/** A team's settings doc of one channel by id, or null (none, or a doc of another team). */
/** The id of a team's model providers doc (models/settings.ts keeps it; packs read its kinds). */
export const modelProvidersDocId = (teamId: string) => `models:${teamId}`;

export async function readChannelSettingsDoc<T extends { teamId: string }>(
  store: Store,
  id: string,
  teamId: string,
): Promise<T | null> {
  const doc = await systemDocs<T & SystemDoc>(store, 'app_channels').get(id);
  return doc?.teamId === teamId ? doc : null;
}

/** Writes the doc on the revision it was read at; someone else's write meanwhile is a 409 `conflict`. */
export async function saveChannelDoc(store: Store, doc: SettingsDoc): Promise<void> {
  if ((await systemDocs(store, 'app_channels').put(doc)) === null)
    throw new DomainError('conflict', 'Channel settings changed meanwhile; retry');
}

/**
 * Saves a channel's settings doc made by `build`: a new connection (no `current` doc) only within the
 * plan's channels (402, nothing saved; counted and saved as one, billing's PlanPolicy.withChannel), a
 * change of one as it is.
 */
export async function saveChannelSettings<T extends SettingsDoc>(
  deps: Pick<ChannelSettingsDeps, 'store' | 'plans'>,
  teamId: string,
  current: SettingsDoc | null | undefined,
  build: () => T,
): Promise<T> {
  const save = async () => {
    const next = build();
    await saveChannelDoc(deps.store, next);
    return next;
  };
  return current || !deps.plans ? save() : deps.plans.withChannel(teamId, save);
}

/** Removes the doc (with its sealed secrets) when there is one. */
export async function removeChannelDoc(store: Store, current: SettingsDoc | null | undefined): Promise<void> {
  if (current?._rev) await systemDocs(store, 'app_channels').remove(current._id, current._rev);
}

// The collections the desktop keeps in its local database (RxDB) and replicates. Free RxDB opens at
// most 13 collections at once, so a collection the app only looks up and admins edit now and then
// (the objection library) stays on the server: the app reads and writes it through the API.
import { collectionNames, type CollectionName } from '@app/shared/schemas';

/** Collections read through `/api/v1` instead of a local replica. */
export const serverOnlyCollections = ['objections'] as const satisfies readonly CollectionName[];

export type LocalCollectionName = Exclude<CollectionName, (typeof serverOnlyCollections)[number]>;

export const localCollectionNames = collectionNames.filter(
  (n): n is LocalCollectionName => !(serverOnlyCollections as readonly string[]).includes(n),
);

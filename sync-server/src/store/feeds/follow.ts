// A team collection's changes followed through the store (issue 63): a feed's user (the agents, each
// channel's outbox, stage notices, the demo guard) names the team, the collection and, when its
// position is to outlive the process, the position's id; which server the feed is read from and
// where positions are kept (`app_runtime`) is the store's business, known here only.
import type { Store, TeamCollection } from '../../context';
import {
  createChangeFollower,
  type ChangeFollower,
  type ChangeFollowerOptions,
  type CheckpointDoc,
} from './change-follower';

/** What a follower of a team collection says: the follower's options but where it reads and keeps. */
export type TeamFollowOptions<T> = Omit<ChangeFollowerOptions<T>, 'server' | 'dbName' | 'checkpoints'>;

/**
 * Follows `collection` of the team. With `checkpointId` the position is kept in the store (a
 * restart, or another process with the same id, goes on from it); without, it lives in memory.
 */
export function followTeam<T = Record<string, unknown>>(
  store: Store,
  teamId: string,
  collection: TeamCollection,
  opts: TeamFollowOptions<T>,
): ChangeFollower {
  return createChangeFollower<T>({
    ...opts,
    server: store.server,
    dbName: store.dbName(teamId, collection),
    ...(opts.checkpointId ? { checkpoints: store.systemDb<CheckpointDoc>('app_runtime') } : {}),
  });
}

// Field-level conflict merge used by the desktop's replication (and available to the server), and the
// handling of docs the gateway refuses.
export * from './conflict-handler';
export * from './merge';
export * from './push-refusals';
export * from './replication-fetch';
export * from './touch';

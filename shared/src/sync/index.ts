// Field-level conflict merge used by the desktop's replication (and available to the server).
export * from './conflict-handler';
export * from './merge';
export * from './replication-fetch';
export * from './touch';

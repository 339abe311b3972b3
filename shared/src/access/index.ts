// Access policy: which role may read, create, update or delete each resource (see policy.ts).
export * from './policy';

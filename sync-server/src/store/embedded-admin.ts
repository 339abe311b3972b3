// The embedded store's admin user: its own module, so that knowing the name does not load PouchDB.
export const EMBEDDED_ADMIN = 'admin';

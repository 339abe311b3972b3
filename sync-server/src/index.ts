export const syncServerPackage = '@app/sync-server';

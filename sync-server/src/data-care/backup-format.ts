// The team backup file: gzip of NDJSON lines. One header line, one line per document (CouchDB form
// with `_id`, `_rev` and inline base64 attachments), one end line with the counts, so a truncated file
// is detected. Design docs and `_local` docs are left out (setup recreates indexes).
export const BACKUP_FORMAT = 'sales-workspace-backup';
export const BACKUP_VERSION = 1;

export type BackupHeader = {
  type: 'header';
  format: typeof BACKUP_FORMAT;
  version: number;
  teamId: string;
  createdAt: string;
  collections: string[];
};
export type BackupDocLine = {
  type: 'doc';
  collection: string;
  doc: Record<string, unknown> & { _id: string; _rev?: string };
};
export type BackupEnd = { type: 'end'; counts: Record<string, number> };
export type BackupLine = BackupHeader | BackupDocLine | BackupEnd;

// A privacy request's data export: one contact and everything that belongs to them, as JSON. Stored
// files are listed with their names and sizes (the bytes stay downloadable through their routes).
import type { Store } from '../context';
import { findContactDocs } from './related-docs';

export async function exportContact(store: Store, teamId: string, contactId: string, now: Date) {
  const docs = await findContactDocs(store, teamId, contactId);
  if (!docs) return null;
  const { contacts, files, ...rest } = docs;
  return {
    format: 'sales-workspace-contact-export',
    version: 1,
    exportedAt: now.toISOString(),
    contact: contacts[0],
    ...rest,
    files: files.map((f) => ({
      id: f.id,
      fileName: f.fileName,
      mimeType: f.mimeType,
      size: f.size,
      createdAt: f.createdAt,
    })),
  };
}

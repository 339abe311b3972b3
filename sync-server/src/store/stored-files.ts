// Files that channels store with a conversation (a customer's photo or document, an e-mail's raw
// original), knowledge originals (uploads, a website's pages) and proposals' PDFs: a doc in the team's
// `files` database, then the bytes as its
// standalone attachment `original` (which the embedded store writes its short way). Reps' devices
// replicate the database (desktop files-db.ts) and read the bytes there;
// the API serves them too (api/conversations.ts).
import type { DocumentScope } from 'nano';
import { getDoc, ORIGINAL } from './couch-docs';
import { statusOf } from './couch-errors';

export { ORIGINAL };

type Files = DocumentScope<Record<string, unknown>>;

/**
 * Writes a doc and its bytes as a standalone attachment; a doc there already gets the bytes if it
 * lacks them. Bytes up to `inlineUpTo` go inline with the doc instead: one write (a burst of small
 * e-mails), the same doc and attachment as stored.
 */
export async function storeFile(
  files: Files,
  id: string,
  meta: Record<string, unknown>,
  bytes: Buffer,
  mimeType: string,
  inlineUpTo = 0,
): Promise<void> {
  let rev: string | undefined;
  try {
    if (bytes.length <= inlineUpTo) {
      const data = bytes.toString('base64');
      await files.insert({
        _id: id,
        ...meta,
        _attachments: { [ORIGINAL]: { content_type: mimeType, data } },
      });
      return;
    }
    rev = (await files.insert({ _id: id, ...meta })).rev;
  } catch (e) {
    if (statusOf(e) !== 409) throw e;
    const existing = await getDoc(files, id);
    if (!existing || (existing._attachments as Record<string, unknown> | undefined)?.[ORIGINAL]) return;
    rev = existing._rev;
  }
  await files.attachment.insert(id, ORIGINAL, bytes, mimeType, { rev });
}

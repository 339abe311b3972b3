// Knowledge uploads: online, the file goes to POST /api/v1/knowledge/sources (XHR, for upload
// progress), and the server stores the original and ingests it; offline, the original goes into the
// local files store (PouchDB, replicated with attachments later) with a pending source doc, and
// text-like files are chunked on the device so they are searchable here at once (the server indexes the
// source once it arrives, within the plan's knowledge size; its agents search only what it indexed). Online, the chunks are the
// server's to write (its ingestion makes the same ids): chunks made here too would race them, and a
// push that meets the server's chunk first ends in a conflict RxDB never settles (pending for ever).
import { newId } from '@app/shared/ids';
import type { KnowledgeSourceDoc } from '@app/shared/schemas';
import { chunkText, kindOf, locallyChunkedKinds, textHash } from '../lib/local-chunks';
import { insertDocs, type Workspace } from './workspace';

export type UploadProgress = (fraction: number) => void;

function xhrUpload(ws: Workspace, url: string, body: Blob, onProgress: UploadProgress): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Authorization', `Bearer ${ws.session.accessToken}`);
    xhr.setRequestHeader('content-type', body.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      resolve({ status: xhr.status, body: parsed });
    };
    xhr.onerror = () => reject(new TypeError('Failed to fetch'));
    xhr.send(body);
  });
}

export async function uploadKnowledgeFile(ws: Workspace, file: { name: string; bytes: Uint8Array; mimeType: string }, onProgress: UploadProgress): Promise<KnowledgeSourceDoc> {
  const kind = kindOf(file.name);
  const blob = new Blob([file.bytes as BlobPart], { type: file.mimeType });
  const now = new Date().toISOString();
  let source: KnowledgeSourceDoc | null = null;
  const url = `${ws.session.serverUrl}/api/v1/knowledge/sources?fileName=${encodeURIComponent(file.name)}`;
  try {
    let res = await xhrUpload(ws, url, blob, onProgress);
    if (res.status === 401) {
      await ws.authFetch(`${ws.session.serverUrl}/api/v1/me`); // refreshes the token
      res = await xhrUpload(ws, url, blob, onProgress);
    }
    if (res.status >= 200 && res.status < 300) {
      const { rev: _rev, duplicate: _dup, ...doc } = res.body as KnowledgeSourceDoc & { rev?: string; duplicate?: boolean };
      source = doc;
      // The server ingests in the background: fetch its chunks now and again shortly after.
      ws.sync.syncNow();
      for (const ms of [1500, 5000]) setTimeout(() => ws.sync.syncNow(), ms);
      return source;
    } else {
      const err = (res.body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`;
      throw new Error(err);
    }
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    // Offline: keep the original locally; it replicates with the files store when back online.
    const id = newId('source');
    const fileDocId = `kfile-${id}`;
    await ws.files.putFile(fileDocId, file.name, file.mimeType, blob, { sourceId: id });
    source = {
      id,
      title: file.name.replace(/\.[^.]+$/, '').slice(0, 300) || file.name,
      kind,
      fileName: file.name.slice(0, 255),
      mimeType: file.mimeType.slice(0, 127),
      size: file.bytes.length,
      fileDocId,
      contentHash: textHash(new TextDecoder().decode(file.bytes)),
      status: 'pending',
      createdAt: now,
      updatedAt: now,
      fieldUpdatedAt: { title: now, status: now },
    };
    await insertDocs(ws, 'knowledge_sources', [source]);
    onProgress(1);
  }
  if ((locallyChunkedKinds as readonly string[]).includes(kind)) {
    const chunks = chunkText(source.id, new TextDecoder().decode(file.bytes), now);
    if (chunks.length > 0) await insertDocs(ws, 'knowledge_chunks', chunks);
  }
  return source;
}

/**
 * A question/answer pair as its own small source with one chunk, searchable here at once. It is
 * `pending` until the server has measured it against the plan's knowledge size and made it ready (or
 * failed, saying why): only the server says a source is ready, and only then do its agents use it.
 */
export async function addQaPair(ws: Workspace, question: string, answer: string): Promise<void> {
  const now = new Date().toISOString();
  const id = newId('source-qa');
  const text = `${question}\n\n${answer}`;
  await insertDocs(ws, 'knowledge_sources', [
    { id, title: question.slice(0, 300), kind: 'csv-qa', contentHash: textHash(text), status: 'pending', createdAt: now, updatedAt: now, fieldUpdatedAt: { title: now, status: now } },
  ]);
  await insertDocs(ws, 'knowledge_chunks', [
    { id: `${id}:0`, sourceId: id, ordinal: 0, text, question: question.slice(0, 4000), answer: answer.slice(0, 8000), position: { start: 0, end: text.length }, contentHash: textHash(text), createdAt: now },
  ]);
}

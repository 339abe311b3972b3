// Uploading files into the knowledge base (Knowledge.tsx): the upload button's action, each file's
// progress while it uploads, and why a file failed.
import { useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { uploadKnowledgeFile } from '../../data/knowledge-upload';
import { useI18n } from '../../i18n/i18n';
import { base64ToBytes, platform } from '../../platform/platform';

/** The chosen files' upload: `upload` asks for files and uploads each; `progress` by file name (0–1). */
export function useUploads() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const [progress, setProgress] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  const upload = async () => {
    setError(null);
    const files = await platform.openFile({
      title: t('knowledge.upload'),
      multiple: true,
      filters: [{ name: 'Documents', extensions: ['pdf', 'docx', 'md', 'txt', 'html', 'csv'] }],
    });
    for (const f of files) {
      setProgress((u) => ({ ...u, [f.name]: 0 }));
      try {
        await uploadKnowledgeFile(
          ws,
          { name: f.name, bytes: base64ToBytes(f.base64), mimeType: f.mimeType },
          (p) => setProgress((u) => ({ ...u, [f.name]: p })),
        );
      } catch (e) {
        setError(`${f.name}: ${(e as Error).message}`);
      } finally {
        setProgress(({ [f.name]: _done, ...rest }) => rest);
      }
    }
  };
  return { upload, progress, error };
}

/** Each file's progress bar while it uploads, then the last failure, if any. */
export function UploadRows({ progress, error }: { progress: Record<string, number>; error: string | null }) {
  const { t } = useI18n();
  return (
    <>
      {Object.entries(progress).map(([name, p]) => (
        <div key={name} className="upload-row" data-testid="upload-progress">
          {t('knowledge.uploading', { name, pct: Math.round(p * 100) })}
          <progress value={p} max={1} />
        </div>
      ))}
      {error && <p className="error">{error}</p>}
    </>
  );
}

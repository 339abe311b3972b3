// "A new version is ready — Reload to update": shown when the web app's service worker has installed a
// new version that waits (lib/pwa.ts). The rep picks the moment, so a reload never cuts an edit short.
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { applyUpdate, updateAvailable } from '../lib/pwa';

export function UpdateBanner() {
  const { t } = useI18n();
  const [ready, setReady] = useState(updateAvailable.get);
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => updateAvailable.subscribe(setReady), []);
  if (!ready || dismissed) return null;
  return (
    <div className="toast update-toast" role="status" data-testid="update-ready">
      <span>{t('pwa.updateReady')}</span>
      <button className="primary" onClick={() => void applyUpdate()} data-testid="update-reload">
        {t('pwa.reload')}
      </button>
      <button onClick={() => setDismissed(true)}>{t('pwa.later')}</button>
    </div>
  );
}

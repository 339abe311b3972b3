// An outgoing message's delivery on its bubble: waiting to send, sending, sent or failed, with the
// reason in people's words (lib/delivery-reason.ts) and, for a failed one, Retry: the message goes back
// to "waiting to send" in the local database and replicates; the server's sender picks it up again.
// The gateway holds the write to the access policy (reps may update outbound messages' delivery).
import { useState } from 'react';
import type { MessageDoc } from '@app/shared/schemas';
import { useObservable, useWorkspace } from '../data/hooks';
import { mayDo } from '../data/role';
import { updateDoc } from '../data/workspace';
import { useI18n } from '../i18n/i18n';
import { channelLabel } from '../i18n/labels';
import { deliveryView, retriedDelivery } from '../lib/delivery-reason';
import './conversation-extras.css';

export function DeliveryState({ message, notConnected }: { message: MessageDoc; notConnected: boolean }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const sync = useObservable(ws.sync.summary$, ws.sync.summary$.value);
  const [busy, setBusy] = useState(false);
  const view = deliveryView(t, message, sync.state !== 'offline');
  if (view.why === undefined && notConnected && view.state === 'pending') {
    return (
      <span className="delivery-failed" data-testid="delivery-not-connected">
        {t('delivery.waitsForChannel', { channel: channelLabel(t, message.channel) })}
      </span>
    );
  }
  const demo = view.state === 'failed' && !view.retry;
  const retry = async () => {
    setBusy(true);
    try {
      await updateDoc(ws, 'messages', message.id, { delivery: retriedDelivery(message.delivery) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="delivery" data-testid="delivery" data-state={view.state}>
      <span className={`delivery-${view.state}`} data-testid={demo ? 'delivery-demo' : 'delivery-state'}>
        {demo ? t('delivery.demo') : t(`delivery.${view.state}`)}
      </span>
      {view.why && (
        <span className={`delivery-why delivery-${view.state}`} data-testid="delivery-reason" role="note">
          {' — '}
          {view.why}
        </span>
      )}
      {view.retry && mayDo(ws.role, 'messages', 'update') && (
        <button
          className="delivery-retry"
          onClick={() => void retry()}
          disabled={busy}
          aria-label={t('delivery.retryLabel')}
          data-testid="delivery-retry"
        >
          {t('delivery.retry')}
        </button>
      )}
    </span>
  );
}

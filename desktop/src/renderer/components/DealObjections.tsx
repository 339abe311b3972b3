// The objections a customer raised on a deal (issue 38), newest first, named as the library names
// them in the app's language, with when they were raised.
import type { LeadDoc } from '@app/shared/schemas';
import { useWorkspace } from '../data/hooks';
import { objectionLabel, useObjectionLibrary } from '../data/objections';
import { useFormat, useI18n } from '../i18n/i18n';

export function DealObjections({ lead }: { lead: LeadDoc }) {
  const { t, locale } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const { items } = useObjectionLibrary(ws);
  const raised = [...(lead.objections ?? [])].reverse();
  if (raised.length === 0) return null;
  return (
    <div data-testid="deal-objections">
      <h3>{t('objections.onDeal')}</h3>
      <ul className="small">
        {raised.map((o) => (
          <li key={`${o.messageId}-${o.type}`} data-testid="deal-objection">
            {t('objections.onDeal.item', {
              name: objectionLabel(
                items?.find((x) => x.type === o.type),
                o.type,
                locale,
              ),
              at: fmt.dateTime(o.at),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

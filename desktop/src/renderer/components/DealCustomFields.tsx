// A deal's custom fields (issue 39): the fields its pipeline declares (a domain pack's, such as the
// events pack's event type, date, city, guests and budget), named in the app's language, with the
// values agents or reps gave them: numbers, dates and money in the app's formats. Read only here.
import { findPipeline, pipelineIdOf } from '@app/shared/crm';
import type { LeadDoc, PipelineDoc } from '@app/shared/schemas';
import { useFormat, useI18n } from '../i18n/i18n';

export function DealCustomFields({ lead, pipelines }: { lead: LeadDoc; pipelines: readonly PipelineDoc[] }) {
  const pipeline = findPipeline(pipelines, pipelineIdOf(lead));
  const { t, locale } = useI18n();
  const fmt = useFormat();
  const values = lead.customFields ?? {};
  const shown = (pipeline?.fields ?? []).filter((f) => values[f.id]);
  if (shown.length === 0) return null;
  const show = (type: string, v: string) => {
    if (type === 'number' && /^\d+(\.\d+)?$/.test(v)) return fmt.number(Number(v));
    if (type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return fmt.date(`${v}T12:00:00.000Z`);
    const money = type === 'money' ? v.match(/^(\d+(?:\.\d+)?) ([A-Z]{3})$/) : null;
    return money ? fmt.money(Number(money[1]), money[2]!) : v;
  };
  return (
    <div data-testid="deal-custom-fields">
      <h3>{t('packs.kind.custom-fields')}</h3>
      <dl className="small">
        {shown.map((f) => (
          <div key={f.id} data-testid={`deal-field-${f.id}`}>
            <dt>{locale === 'ru' ? f.labels.ru : f.labels.en}</dt>
            <dd>{show(f.type, values[f.id]!)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

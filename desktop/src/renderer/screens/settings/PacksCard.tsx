// Domain packs (GET /api/v1/packs): what each one sets a team up with — pipelines and their custom
// deal fields, rate cards, agent profiles, intents. An admin previews what applying one would add and
// what the team keeps as it has it (POST /packs/:id/apply?preview=1), then applies it; applying again
// adds nothing. Names are stored in both languages (shown in each member's). A pack that adds a
// pipeline makes it the team's board pipeline (unless the team has one): this device follows it at
// once, and the card links to the board.
import { useCallback, useEffect, useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { followTeamPipeline } from '../../data/pipelines';
import { mayDo } from '../../data/role';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../i18n/error-text';
import { Notice, useNotice } from './Notice';

type Localized = { en: string; ru: string };
type Pack = {
  id: string;
  name: Localized;
  description: Localized;
  builtin: boolean;
  adds: {
    pipelines: { id: string; name: Localized }[];
    customFields: Localized[];
    rateCards: string[];
    vendors: { id: string; kind: string; name: string; city: string }[];
    profiles: { id: string; name: Localized }[];
    intents: { label: string; description: Localized }[];
    knowledge: { id: string; title: Localized }[];
  };
};
type Item = { kind: string; id: string; name: string; reason?: string };
type Plan = { pack: string; preview: boolean; added: Item[]; kept: Item[] };

const kinds = [
  'pipeline',
  'custom-fields',
  'rate-cards',
  'vendors',
  'profile',
  'intents',
  'knowledge',
] as const;

export function PacksCard() {
  const { t, locale } = useI18n();
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'pipelines', 'create') && mayDo(ws.role, 'agent_settings', 'create');
  const [list, setList] = useState<Pack[] | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useNotice('packs-notice');
  const fail = useCallback(
    (e: unknown) => setNotice({ kind: 'error', text: t('settings.failed', { message: errorText(t, e) }) }),
    [t, setNotice],
  );
  const lang = locale === 'ru' ? 'ru' : 'en';

  useEffect(() => {
    ws.api.get<{ items: Pack[] }>('/packs').then((r) => setList(r.items), fail);
  }, [ws, fail]);

  const run = (pack: Pack, preview: boolean) => {
    setBusy(true);
    setNotice(null);
    ws.api
      .post<Plan>(`/packs/${encodeURIComponent(pack.id)}/apply${preview ? '?preview=1' : ''}`, {
        language: lang,
      })
      .then((r) => {
        setPlan(r);
        if (!preview && r.added.some((a) => a.kind === 'pipeline')) followTeamPipeline();
        if (!preview)
          setNotice({
            kind: 'success',
            text: r.added.length
              ? t('packs.applied', { name: pack.name[lang], count: r.added.length })
              : t('packs.nothingToAdd', { name: pack.name[lang] }),
          });
      }, fail)
      .finally(() => setBusy(false));
  };

  const kindLabel = (kind: string) =>
    (kinds as readonly string[]).includes(kind) ? t(`packs.kind.${kind}` as 'packs.kind.pipeline') : kind;

  return (
    <section className="panel" data-testid="packs-card">
      <h3>{t('packs.title')}</h3>
      <p className="muted small">{t('packs.intro')}</p>
      {list === null && !notice && <p className="muted small">{t('packs.offline')}</p>}
      {list?.map((pack) => (
        <div key={pack.id} className="pack" data-testid={`pack-${pack.id}`}>
          <h4>
            {pack.name[lang]}
            {pack.builtin && <span className="muted small"> · {t('packs.builtin')}</span>}
          </h4>
          <p className="small">{pack.description[lang]}</p>
          <ul className="small">
            {pack.adds.pipelines.length > 0 && (
              <li>
                {t('packs.kind.pipeline')}: {pack.adds.pipelines.map((p) => p.name[lang]).join(', ')}
              </li>
            )}
            {pack.adds.customFields.length > 0 && (
              <li>
                {t('packs.kind.custom-fields')}: {pack.adds.customFields.map((f) => f[lang]).join(', ')}
              </li>
            )}
            {pack.adds.rateCards.length > 0 && (
              <li>
                {t('packs.kind.rate-cards')}: {pack.adds.rateCards.join(', ')}
              </li>
            )}
            {pack.adds.vendors.length > 0 && (
              <li>
                {t('packs.kind.vendors')}: {pack.adds.vendors.length}
              </li>
            )}
            {pack.adds.profiles.length > 0 && (
              <li>
                {t('packs.kind.profile')}: {pack.adds.profiles.map((p) => p.name[lang]).join(', ')}
              </li>
            )}
            {pack.adds.knowledge.length > 0 && (
              <li>
                {t('packs.kind.knowledge')}: {pack.adds.knowledge.map((k) => k.title[lang]).join(', ')}
              </li>
            )}
            <li>
              {t('packs.kind.intents')}: {pack.adds.intents.length}
            </li>
          </ul>
          {admin && !pack.builtin && (
            <div className="row">
              <button
                type="button"
                disabled={busy}
                onClick={() => run(pack, true)}
                data-testid={`pack-preview-${pack.id}`}
              >
                {t('packs.preview')}
              </button>
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => run(pack, false)}
                data-testid={`pack-apply-${pack.id}`}
              >
                {t('packs.apply')}
              </button>
            </div>
          )}
          {plan?.pack === pack.id && (
            <div className="small" data-testid={`pack-plan-${pack.id}`}>
              <p>
                <strong>{t(plan.preview ? 'packs.wouldAdd' : 'packs.added')}</strong>{' '}
                {plan.added.length
                  ? plan.added.map((a) => `${kindLabel(a.kind)}: ${a.name}`).join('; ')
                  : t('packs.none')}
              </p>
              {!plan.preview && pack.adds.pipelines[0] && (
                <p>
                  <a className="button" href="#/leads" data-testid={`pack-open-board-${pack.id}`}>
                    {t('packs.openBoard', { name: pack.adds.pipelines[0].name[lang] })}
                  </a>
                </p>
              )}
              {plan.kept.length > 0 && (
                <p>
                  <strong>{t('packs.kept')}</strong>{' '}
                  {plan.kept.map((k) => `${kindLabel(k.kind)}: ${k.name} (${k.reason ?? ''})`).join('; ')}
                </p>
              )}
            </div>
          )}
        </div>
      ))}
      {!admin && list && <p className="muted small">{t('packs.adminOnly')}</p>}
      <Notice notice={notice} testId="packs-notice" />
    </section>
  );
}

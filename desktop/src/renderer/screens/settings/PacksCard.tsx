// Domain packs (GET /api/v1/packs): what each one sets a team up with — pipelines and their custom
// deal fields, rate cards, agent profiles, intents. An admin previews what applying one would add and
// what the team keeps as it has it (POST /packs/:id/apply?preview=1), then applies it; applying again
// adds nothing. Names are stored in both languages (shown in each member's). A pack that adds a
// pipeline makes it the team's board pipeline (unless the team has one): this device follows it at
// once, and the card links to the board.
import { useEffect, useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { followTeamPipeline } from '../../data/pipelines';
import { mayDo } from '../../data/role';
import { useI18n } from '../../i18n/i18n';
import { Notice } from './Notice';
import { useCardAction } from './use-card-action';
import { ActionButton } from './CardParts';

type Localized = { en: string; ru: string };
type Lang = keyof Localized;
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
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'pipelines', 'create') && mayDo(ws.role, 'agent_settings', 'create');
  const { t, locale, busy, run, notice, setNotice, fail } = useCardAction('packs-notice');
  const [list, setList] = useState<Pack[] | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const lang: Lang = locale === 'ru' ? 'ru' : 'en';

  useEffect(() => {
    ws.api.get<{ items: Pack[] }>('/packs').then((r) => setList(r.items), fail);
  }, [ws, fail]);

  /** Previews what applying the pack would add, or applies it (the board follows a new pipeline). */
  const apply = (pack: Pack, preview: boolean) =>
    void run(async () => {
      const query = preview ? '?preview=1' : '';
      const r = await ws.api.post<Plan>(`/packs/${encodeURIComponent(pack.id)}/apply${query}`, {
        language: lang,
      });
      setPlan(r);
      if (preview) return;
      if (r.added.some((a) => a.kind === 'pipeline')) followTeamPipeline();
      setNotice({
        kind: 'success',
        text: r.added.length
          ? t('packs.applied', { name: pack.name[lang], count: r.added.length })
          : t('packs.nothingToAdd', { name: pack.name[lang] }),
      });
    });

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
          <PackAdds adds={pack.adds} lang={lang} />
          {admin && !pack.builtin && (
            <div className="row">
              <ActionButton busy={busy} onClick={() => apply(pack, true)} testId={`pack-preview-${pack.id}`}>
                {t('packs.preview')}
              </ActionButton>
              <ActionButton
                busy={busy}
                className="primary"
                onClick={() => apply(pack, false)}
                testId={`pack-apply-${pack.id}`}
              >
                {t('packs.apply')}
              </ActionButton>
            </div>
          )}
          {plan?.pack === pack.id && <PackPlan plan={plan} pack={pack} lang={lang} />}
        </div>
      ))}
      {!admin && list && <p className="muted small">{t('packs.adminOnly')}</p>}
      <Notice notice={notice} testId="packs-notice" />
    </section>
  );
}

/** What a pack sets a team up with, one line per kind it has (intents always). */
function PackAdds({ adds, lang }: { adds: Pack['adds']; lang: Lang }) {
  const { t } = useI18n();
  const lines: Array<[(typeof kinds)[number], string[] | number]> = [
    ['pipeline', adds.pipelines.map((p) => p.name[lang])],
    ['custom-fields', adds.customFields.map((f) => f[lang])],
    ['rate-cards', adds.rateCards],
    ['vendors', adds.vendors.length],
    ['profile', adds.profiles.map((p) => p.name[lang])],
    ['knowledge', adds.knowledge.map((k) => k.title[lang])],
  ];
  return (
    <ul className="small">
      {lines.map(([kind, what]) =>
        (typeof what === 'number' ? what : what.length) > 0 ? (
          <li key={kind}>
            {t(`packs.kind.${kind}`)}: {typeof what === 'number' ? what : what.join(', ')}
          </li>
        ) : null,
      )}
      <li>
        {t('packs.kind.intents')}: {adds.intents.length}
      </li>
    </ul>
  );
}

/** What applying added (or would add) and what the team kept, with a link to the board it made. */
function PackPlan({ plan, pack, lang }: { plan: Plan; pack: Pack; lang: Lang }) {
  const { t } = useI18n();
  const kindLabel = (kind: string) =>
    (kinds as readonly string[]).includes(kind) ? t(`packs.kind.${kind}` as 'packs.kind.pipeline') : kind;
  const pipeline = pack.adds.pipelines[0];
  return (
    <div className="small" data-testid={`pack-plan-${pack.id}`}>
      <p>
        <strong>{t(plan.preview ? 'packs.wouldAdd' : 'packs.added')}</strong>{' '}
        {plan.added.length
          ? plan.added.map((a) => `${kindLabel(a.kind)}: ${a.name}`).join('; ')
          : t('packs.none')}
      </p>
      {!plan.preview && pipeline && (
        <p>
          <a className="button" href="#/leads" data-testid={`pack-open-board-${pack.id}`}>
            {t('packs.openBoard', { name: pipeline.name[lang] })}
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
  );
}

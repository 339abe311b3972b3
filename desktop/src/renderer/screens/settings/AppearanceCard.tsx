// Settings > Appearance: this device's theme (system, light, dark) and density (comfortable,
// compact), applied at once and kept for the next start (lib/appearance.ts).
import { useI18n } from '../../i18n/i18n';
import { densities, themes, useAppearance, writeAppearance, type Appearance } from '../../lib/appearance';

function Choice<K extends keyof Appearance>(p: {
  name: K;
  label: string;
  options: readonly Appearance[K][];
  text(v: Appearance[K]): string;
}) {
  const value = useAppearance()[p.name];
  return (
    <div className="appearance-row">
      <span>{p.label}</span>
      <div className="segmented" role="group" aria-label={p.label}>
        {p.options.map((v) => (
          <button
            key={v}
            type="button"
            className={value === v ? 'on' : ''}
            aria-pressed={value === v}
            onClick={() => writeAppearance({ [p.name]: v })}
            data-testid={`${p.name}-${v}`}
          >
            {p.text(v)}
          </button>
        ))}
      </div>
    </div>
  );
}

export function AppearanceCard() {
  const { t } = useI18n();
  return (
    <section className="panel" data-testid="appearance-card">
      <h3>{t('appearance.title')}</h3>
      <p className="muted small">{t('appearance.hint')}</p>
      <Choice
        name="theme"
        label={t('appearance.theme')}
        options={themes}
        text={(v) => t(`appearance.theme.${v}`)}
      />
      <Choice
        name="density"
        label={t('appearance.density')}
        options={densities}
        text={(v) => t(`appearance.density.${v}`)}
      />
    </section>
  );
}

// The company details the team's commercial proposals carry (issue 38): the name printed on them (the
// team's name when empty), free-form details (address, tax ids, bank, contacts) and a logo (PNG or
// JPEG, at most 256 KB: the server checks the type by its signature and the size). Admins edit; every
// member sees what proposals print. Through the API (GET/PUT /team/company), so it needs the server.
import { useEffect, useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { platform } from '../../platform/platform';
import { useFormat } from '../../i18n/i18n';
import { Notice } from './Notice';
import { useCardAction } from './use-card-action';

type Company = { name?: string; details?: string; logo?: { mimeType: string; size: number } };
type Logo = { mimeType: 'image/png' | 'image/jpeg'; data: string } | null;

const LOGO_MAX_BYTES = 256 * 1024;

export function CompanyCard() {
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'members', 'update');
  const { t, notice, setNotice, fail } = useCardAction('company-notice');
  const fmt = useFormat();
  const [company, setCompany] = useState<Company | null>(null);
  // Not editable before the saved details load: what was typed would be replaced when they came.
  const editable = admin && company !== null;
  const [form, setForm] = useState({ name: '', details: '' });
  // undefined: the logo stays as it is; null: removed; else the new one.
  const [logo, setLogo] = useState<Logo | undefined>(undefined);
  const loaded = (c: Company) => {
    setCompany(c);
    setForm({ name: c.name ?? '', details: c.details ?? '' });
    setLogo(undefined);
  };
  useEffect(() => {
    ws.api.get<Company>('/team/company').then(loaded, fail);
  }, [ws]);

  const pickLogo = async () => {
    const [file] = await platform.openFile({
      title: t('company.logo'),
      filters: [{ name: 'PNG, JPEG', extensions: ['png', 'jpg', 'jpeg'] }],
    });
    if (!file) return;
    const mimeType = /\.png$/i.test(file.name) ? 'image/png' : 'image/jpeg';
    if (file.size > LOGO_MAX_BYTES) {
      setNotice({ kind: 'error', text: t('company.logoTooLarge', { size: fmt.bytes(LOGO_MAX_BYTES) }) });
      return;
    }
    setNotice(null);
    setLogo({ mimeType, data: file.base64 });
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setNotice(null);
    ws.api
      .put<Company>('/team/company', {
        name: form.name.trim(),
        details: form.details,
        ...(logo !== undefined ? { logo } : {}),
      })
      .then((c) => {
        loaded(c);
        setNotice({ kind: 'success', text: t('common.saved') });
      }, fail);
  };

  const logoState =
    logo === null
      ? t('company.logoRemoved')
      : logo
        ? t('company.logoNew')
        : company?.logo
          ? t('company.logoSet', { size: fmt.bytes(company.logo.size) })
          : t('company.logoNone');
  return (
    <section className="panel" data-testid="company-card">
      <h3>{t('company.title')}</h3>
      <p className="muted small">{t('company.hint')}</p>
      <form onSubmit={submit}>
        <label>
          {t('company.name')}
          <input
            maxLength={200}
            value={form.name}
            disabled={!editable}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            data-testid="company-name"
          />
        </label>
        <label>
          {t('company.details')}
          <textarea
            rows={4}
            maxLength={2000}
            value={form.details}
            disabled={!editable}
            placeholder={t('company.detailsPlaceholder')}
            onChange={(e) => setForm({ ...form, details: e.target.value })}
            data-testid="company-details"
          />
        </label>
        <p className="small" data-testid="company-logo-state">
          {t('company.logo')}: {logoState}
        </p>
        {admin && (
          <div className="row-inline">
            <button type="button" onClick={() => void pickLogo()} data-testid="company-logo-pick">
              {t('company.logoPick')}
            </button>
            {(company?.logo || logo) && (
              <button
                type="button"
                className="link"
                onClick={() => setLogo(null)}
                data-testid="company-logo-remove"
              >
                {t('company.logoRemove')}
              </button>
            )}
            <button type="submit" className="primary" disabled={!editable} data-testid="company-save">
              {t('common.save')}
            </button>
          </div>
        )}
      </form>
      <Notice notice={notice} testId="company-notice" />
    </section>
  );
}

// The UI's language as a select (English, Русский: each named in itself), in the top bar, on the
// sign-in page and in Settings; choosing one switches the whole UI (i18n.ts keeps it on the device).
import { useI18n, type Locale } from '../i18n/i18n';

/** `labelled`: the select names itself (aria-label); else a <label> around it does. */
export function LanguageSelect({ testId, labelled = true }: { testId: string; labelled?: boolean }) {
  const { t, locale, setLocale } = useI18n();
  return (
    <select
      aria-label={labelled ? t('common.language') : undefined}
      value={locale}
      onChange={(e) => setLocale(e.target.value as Locale)}
      data-testid={testId}
    >
      <option value="en">English</option>
      <option value="ru">Русский</option>
    </select>
  );
}

// A read-only value with a copy button (an invite link, an embed snippet): the value is shown whole
// and selectable, and the button and a toast say when it was copied.
import { useState } from 'react';
import { useToast } from '../../components/ui/Toast';
import { useI18n } from '../../i18n/i18n';

export function CopyField({
  value,
  testId,
  multiline,
  label,
}: {
  value: string;
  testId: string;
  multiline?: boolean;
  /** Its accessible name, when no <label> wraps it (the text shown above it). */
  label?: string;
}) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const toast = useToast();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      toast({ text: t('settings.copied') });
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="copy-field">
      {multiline ? (
        <textarea
          readOnly
          value={value}
          rows={3}
          aria-label={label}
          data-testid={testId}
          onFocus={(e) => e.target.select()}
        />
      ) : (
        <input
          readOnly
          value={value}
          aria-label={label}
          data-testid={testId}
          onFocus={(e) => e.target.select()}
        />
      )}
      <button type="button" onClick={copy} data-testid={`${testId}-copy`}>
        {copied ? t('settings.copied') : t('settings.copy')}
      </button>
    </div>
  );
}

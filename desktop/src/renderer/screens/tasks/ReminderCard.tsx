// Reminder settings of this device: on or off, how long before a meeting, a task at its due time or
// earlier, and the browser's permission to show notifications (asked only from this button, as
// browsers require a click for it). In the desktop app the shell shows them natively.
import { useEffect, useState } from 'react';
import {
  notificationPermission,
  onReminderSettings,
  readReminderSettings,
  writeReminderSettings,
} from '../../data/reminders';
import { useI18n } from '../../i18n/i18n';
import { meetingLeadChoices } from '../../lib/reminders';
import { CheckField, FieldRow, FormField } from '../../components/ui/FormField';
import './tasks.css';

export function ReminderCard() {
  const { t } = useI18n();
  const [settings, setSettings] = useState(readReminderSettings);
  const [permission, setPermission] = useState(notificationPermission);
  useEffect(() => onReminderSettings(() => setSettings(readReminderSettings())), []);
  const save = (patch: Partial<typeof settings>) => writeReminderSettings({ ...settings, ...patch });
  const ask = async () => {
    await Notification.requestPermission();
    setPermission(notificationPermission());
  };
  const minutes = (n: number, zero: string) => (n === 0 ? zero : t('reminders.minutesBefore', { n }));

  return (
    <section className="panel reminder-card" data-testid="reminder-card">
      <h3>{t('reminders.title')}</h3>
      <CheckField
        label={t('reminders.enabled')}
        checked={settings.enabled}
        onChange={(enabled) => save({ enabled })}
        testId="reminders-enabled"
      />
      <FieldRow>
        <FormField label={t('reminders.meetingLead')}>
          <select
            value={settings.meetingLeadMinutes}
            onChange={(e) => save({ meetingLeadMinutes: Number(e.target.value) })}
            disabled={!settings.enabled}
            data-testid="reminders-meeting-lead"
          >
            {[...new Set([...meetingLeadChoices, settings.meetingLeadMinutes])].map((n) => (
              <option key={n} value={n}>
                {minutes(n, t('reminders.atStart'))}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('reminders.taskLead')}>
          <select
            value={settings.taskLeadMinutes}
            onChange={(e) => save({ taskLeadMinutes: Number(e.target.value) })}
            disabled={!settings.enabled}
            data-testid="reminders-task-lead"
          >
            {[...new Set([0, 5, 15, 30, 60, settings.taskLeadMinutes])].map((n) => (
              <option key={n} value={n}>
                {minutes(n, t('reminders.atDue'))}
              </option>
            ))}
          </select>
        </FormField>
      </FieldRow>
      {permission === 'default' && (
        <button type="button" className="primary" onClick={() => void ask()} data-testid="reminders-allow">
          {t('reminders.allow')}
        </button>
      )}
      {permission === 'granted' && (
        <p className="muted small" data-testid="reminders-permission">
          {t('reminders.granted')}
        </p>
      )}
      {permission === 'denied' && (
        <p className="warning small" data-testid="reminders-permission">
          {t('reminders.denied')}
        </p>
      )}
      {permission === 'unsupported' && <p className="muted small">{t('reminders.unsupported')}</p>}
      <p className="muted small">{t('reminders.hint')}</p>
    </section>
  );
}

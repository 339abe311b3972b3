// Date and time fields that follow the UI's language, not the browser's (a native date input reads
// mm/dd/yyyy in a Russian UI on an English system): a text field showing `15.12.2026` / `12/15/2026`
// that also takes what a rep types or pastes (date-input.ts), beside a calendar (react-day-picker in a
// Radix popover: weeks from Monday in Russian, keyboard navigation, Esc closes). The time field lists
// every half hour in the language's clock (`14:30` / `2:30 PM`) and takes any typed time; it names the
// rep's time zone the time is in. Values are what native inputs hold (`YYYY-MM-DD`, `HH:mm`,
// `YYYY-MM-DDTHH:mm`), so a form swaps its input for a field without other changes.
import * as Popover from '@radix-ui/react-popover';
import { useEffect, useId, useState } from 'react';
import { DayPicker } from 'react-day-picker';
import 'react-day-picker/style.css';
import { useI18n } from '../../i18n/i18n';
import {
  dateLocales,
  dateToDay,
  dayToDate,
  halfHours,
  readDay,
  readTime,
  showDay,
  showTime,
  zoneLabel,
} from '../../lib/date-input';
import { systemTimeZone } from '@app/shared/time';
import './date-field.css';

type FieldProps = {
  /** The text input's id (a FormField's label names it by this). */
  id?: string;
  value: string;
  onChange(value: string): void;
  /** The field's accessible name (a visible label around it may give it instead). */
  label?: string;
  testId?: string;
  required?: boolean;
  disabled?: boolean;
};

/**
 * A text field over a value it shows in its own format (`show`) and reads back from what is typed
 * (`read`: undefined while the text is no whole value): the text follows the value unless the rep is
 * typing; what is typed is committed as soon as it reads as a value, shown in the field's format on
 * blur, and marked invalid while it reads as none (`hintId` then names the hint).
 */
function TypedInput({
  value,
  onChange,
  show,
  read,
  label,
  testId,
  required,
  disabled,
  hintId,
  onInvalid,
  ...input
}: FieldProps & {
  show(v: string): string;
  read(text: string): string | undefined;
  hintId: string;
  /** Told whether the text reads as no value, as it changes. */
  onInvalid(invalid: boolean): void;
  placeholder: string;
  size: number;
  inputMode?: 'numeric';
  list?: string;
}) {
  const [text, setText] = useState(() => show(value));
  const [editing, setEditing] = useState(false);
  const shown = show(value);
  useEffect(() => {
    if (!editing) setText(shown);
  }, [shown, editing]);
  const invalid = text.trim() !== '' && read(text) === undefined;
  useEffect(() => onInvalid(invalid), [invalid, onInvalid]);
  return (
    <input
      type="text"
      autoComplete="off"
      {...input}
      value={text}
      aria-label={label}
      aria-invalid={invalid || undefined}
      aria-describedby={hintId}
      required={required}
      disabled={disabled}
      data-testid={testId}
      onFocus={() => setEditing(true)}
      onChange={(e) => {
        setText(e.target.value);
        const next = read(e.target.value);
        if (next !== undefined && next !== value) onChange(next);
      }}
      onBlur={() => {
        setEditing(false);
        if (read(text) !== undefined) setText(shown);
      }}
    />
  );
}

/**
 * What a typed field's hint needs: its id, whether the text reads as no value (TypedInput tells by
 * `onInvalid`), and the example of a whole value, shown as the placeholder and in the hint.
 */
function useTypedHint(example: string) {
  const hintId = useId();
  const [invalid, setInvalid] = useState(false);
  return { invalid, example, typed: { hintId, onInvalid: setInvalid, placeholder: example } };
}

/** A date (`YYYY-MM-DD`, '' for none) with a calendar to pick it from. */
/** A calendar drawn in the text's colour (an emoji is a blank box where no emoji font is installed). */
function CalendarIcon() {
  return (
    <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor">
      <rect x="2" y="3" width="12" height="11" rx="1.5" strokeWidth="1.4" />
      <path d="M2 6.5h12M5.5 1.5v3M10.5 1.5v3" strokeWidth="1.4" strokeLinecap="round" />
    </svg>
  );
}

export function DateField(field: FieldProps) {
  const { value, onChange, testId, disabled } = field;
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const { invalid, example, typed } = useTypedHint(showDay('2026-12-15', locale));
  const selected = dayToDate(value);
  return (
    <span className="date-field">
      <TypedInput
        {...field}
        {...typed}
        show={(v) => showDay(v, locale)}
        read={(text) => readDay(text, locale)}
        inputMode="numeric"
        size={11}
      />
      <Popover.Root open={open} onOpenChange={setOpen}>
        <Popover.Trigger asChild>
          <button
            type="button"
            className="date-field-open"
            aria-label={t('ui.date.open')}
            disabled={disabled}
            data-testid={testId ? `${testId}-open` : undefined}
          >
            <CalendarIcon />
          </button>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content
            className="date-field-popover"
            sideOffset={4}
            align="start"
            // The focus on the chosen day (else today), the one day the calendar gives tab index 0, once
            // the popover is placed (hidden until then, so focusing earlier does nothing); Radix would
            // focus the first button, the previous month's.
            onOpenAutoFocus={(e) => {
              e.preventDefault();
              const content = e.currentTarget as HTMLElement;
              const focusDay = (tries: number) =>
                requestAnimationFrame(() => {
                  const day = content.querySelector<HTMLElement>('.rdp-day_button[tabindex="0"]');
                  day?.focus();
                  if (document.activeElement !== day && tries > 0) focusDay(tries - 1);
                });
              focusDay(10);
            }}
          >
            <DayPicker
              mode="single"
              locale={dateLocales[locale]}
              selected={selected}
              defaultMonth={selected}
              onSelect={(d) => {
                onChange(d ? dateToDay(d) : '');
                setOpen(false);
              }}
            />
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
      <span id={typed.hintId} className="date-field-hint" role="status">
        {invalid ? t('ui.date.invalid', { example }) : ''}
      </span>
    </span>
  );
}

/** A time of day (`HH:mm`, '' for none) in the rep's time zone, typed or picked from the half hours. */
export function TimeField({ timeZone, ...field }: FieldProps & { timeZone?: string }) {
  const { t, locale } = useI18n();
  const listId = useId();
  const { invalid, example, typed } = useTypedHint(showTime('14:30', locale));
  const zone = zoneLabel(timeZone ?? systemTimeZone(), locale);
  return (
    <span className="date-field">
      <TypedInput
        {...field}
        show={(v) => showTime(v, locale)}
        read={(text) => readTime(text, locale)}
        label={field.label ?? t('ui.time.label')}
        {...typed}
        size={8}
        list={listId}
      />
      <datalist id={listId}>
        {halfHours.map((h) => (
          <option key={h} value={showTime(h, locale)} />
        ))}
      </datalist>
      <span id={typed.hintId} className="date-field-zone" title={t('ui.time.zone', { zone })}>
        {invalid ? t('ui.time.invalid', { example }) : zone}
      </span>
    </span>
  );
}

/**
 * A date and time (`YYYY-MM-DDTHH:mm`, '' for none) in the rep's time zone: a date field and a time
 * field side by side. A date picked without a time takes `defaultTime`.
 */
export function DateTimeField({
  id,
  value,
  onChange,
  label,
  testId,
  required,
  disabled,
  timeZone,
  defaultTime = '09:00',
}: FieldProps & { timeZone?: string; defaultTime?: string }) {
  const { t } = useI18n();
  const [day = '', time = ''] = value ? value.split('T') : [];
  const join = (d: string, tm: string) => (d ? `${d}T${tm || defaultTime}` : '');
  return (
    <span className="date-time-field" role="group" aria-label={label}>
      <DateField
        id={id}
        value={day}
        onChange={(d) => onChange(join(d, time))}
        label={label ? `${label}: ${t('ui.date.label')}` : t('ui.date.label')}
        testId={testId}
        required={required}
        disabled={disabled}
      />
      <TimeField
        value={time.slice(0, 5)}
        onChange={(tm) => onChange(join(day, tm))}
        label={label ? `${label}: ${t('ui.time.label')}` : t('ui.time.label')}
        testId={testId ? `${testId}-time` : undefined}
        disabled={disabled || !day}
        timeZone={timeZone}
      />
    </span>
  );
}

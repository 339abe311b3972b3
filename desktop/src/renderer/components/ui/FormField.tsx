// One form layout for every settings and edit form (issue 64 item 5). `FormField`: a label, the control,
// a hint and an error, the label above the control, or beside it when its `FormFields` group is wide
// (a container query in form-field.css, so a card at 1440 px and the same card on a phone each get the
// layout that fits). The control gets the label's `for`, and its hint and error by aria-describedby.
// `CheckField`: a checkbox with its label beside it; a long label wraps under itself, never under the
// box. `CheckRow`: the same row for a box beside other content (a task's title and due date).
// `FieldRow`: fields side by side that wrap onto lines of their own when there is no room.
import { cloneElement, useId, type AriaAttributes, type ReactElement, type ReactNode } from 'react';
import './form-field.css';

type ControlProps = {
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: AriaAttributes['aria-invalid'];
};

/** The ids of the hint and the error the control is described by ('' when it has neither). */
export function describedBy(id: string, hint: unknown, error: unknown): string {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
}

export function FormField({
  label,
  hint,
  error,
  children,
  className,
  testId,
}: {
  label: ReactNode;
  /** What to type, under the control (muted). */
  hint?: ReactNode;
  /** Why the value cannot be saved, under the control (danger); marks the control invalid. */
  error?: ReactNode;
  /** One control (input, select, textarea or a field of this kit that takes an id). */
  children: ReactElement<ControlProps>;
  className?: string;
  testId?: string;
}) {
  const own = useId();
  const id = children.props.id ?? own;
  const described = describedBy(id, hint, error);
  const control = cloneElement(children, {
    id,
    ...(described ? { 'aria-describedby': described } : {}),
    ...(error ? { 'aria-invalid': true } : {}),
  });
  return (
    <div className={className ? `form-field ${className}` : 'form-field'} data-testid={testId}>
      <label className="form-field-label kit" htmlFor={id}>
        {label}
      </label>
      <div className="form-field-control">
        {control}
        {hint ? (
          <p className="form-field-hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        {error ? (
          <p className="form-field-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** Fields whose labels go beside their controls when the group is wide enough, above them when not. */
export function FormFields({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={className ? `form-fields ${className}` : 'form-fields'}>{children}</div>;
}

/** Fields side by side (a date and a time, two selects) that wrap when the line has no room. */
export function FieldRow({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={className ? `field-row ${className}` : 'field-row'}>{children}</div>;
}

export function CheckField({
  label,
  hint,
  checked,
  onChange,
  disabled,
  testId,
}: {
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  disabled?: boolean;
  testId?: string;
}) {
  const id = useId();
  return (
    <div className="check-row check-field">
      <input
        type="checkbox"
        id={id}
        checked={checked}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
      />
      <div className="check-row-body">
        <label className="check-field-label kit" htmlFor={id}>
          {label}
        </label>
        {hint ? (
          <p className="form-field-hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** A checkbox (or any small control) beside content that wraps under itself, never under the box. */
export function CheckRow({
  box,
  children,
  className,
  testId,
  as: Tag = 'div',
}: {
  box: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
  /** `li` for a row of a list. */
  as?: 'div' | 'li';
}) {
  return (
    <Tag className={className ? `check-row ${className}` : 'check-row'} data-testid={testId}>
      {box}
      <div className="check-row-body">{children}</div>
    </Tag>
  );
}

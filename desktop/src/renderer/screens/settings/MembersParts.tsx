// Parts of the team card (MembersCard): one member's row (name edit, role select or label, remove),
// the invites still pending (withdraw), and the invite form (e-mail and role). The card keeps the
// list and talks to the admin API; these only show and hand back what the admin did.
import { useState } from 'react';
import { roles } from '@app/shared/access';
import { useFormat, useI18n } from '../../i18n/i18n';
import { memberRoleLabel } from '../../i18n/labels';

export type Member = { id: string; email: string; displayName?: string; role: string };
export type Pending = { id: string; email: string; role: string; expiresAt: string };
export type Invite = { email: string; role: string };

/** A select of the team's roles, each by its label (RU+EN). */
function RoleSelect(p: { value: string; onChange: (role: string) => void; label: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <select
      value={p.value}
      aria-label={p.label}
      data-testid={p.testId}
      onChange={(e) => p.onChange(e.target.value)}
    >
      {roles.map((r) => (
        <option key={r} value={r}>
          {memberRoleLabel(t, r)}
        </option>
      ))}
    </select>
  );
}

type RowProps = {
  m: Member;
  admin: boolean;
  you: boolean;
  /** The team's only admin: keeps the role and is not removed. */
  lastAdmin: boolean;
  onRename: (m: Member, displayName: string) => void;
  onRole: (m: Member, role: string) => void;
  onRemove: (m: Member) => void;
};

/** One member: the name (an admin edits it on blur), the role, and remove for an admin. */
export function MemberRow({ m, admin, you, lastAdmin, onRename, onRole, onRemove }: RowProps) {
  const { t } = useI18n();
  const editable = admin && !you && !lastAdmin;
  return (
    <li data-testid="member" data-member={m.email}>
      {admin ? (
        <input
          className="member-name"
          defaultValue={m.displayName ?? ''}
          placeholder={m.email}
          aria-label={`${t('members.displayName')}: ${m.email}`}
          title={m.email}
          maxLength={80}
          data-testid="member-display-name"
          onBlur={(e) => {
            const next = e.target.value.trim();
            if (next !== (m.displayName ?? '')) onRename(m, next);
          }}
        />
      ) : (
        <span className="ellipsis" title={m.email}>
          {m.displayName ?? m.email}
        </span>
      )}
      {editable ? (
        <RoleSelect
          value={m.role}
          label={t('members.roleOf', { name: m.displayName || m.email })}
          testId="member-role"
          onChange={(role) => onRole(m, role)}
        />
      ) : (
        <span
          className="pill"
          title={admin && lastAdmin ? t('members.lastAdmin') : undefined}
          data-testid="member-role-label"
        >
          {memberRoleLabel(t, m.role)}
          {you ? ` · ${t('members.you')}` : ''}
        </span>
      )}
      {editable && (
        <button type="button" className="link danger" onClick={() => onRemove(m)} data-testid="member-remove">
          {t('members.remove')}
        </button>
      )}
    </li>
  );
}

/** The invites not redeemed yet, each with its role, expiry and a withdraw button. */
export function PendingInvites({
  pending,
  onRevoke,
}: {
  pending: Pending[];
  onRevoke: (p: Pending) => void;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  if (pending.length === 0) return null;
  return (
    <>
      <h4>{t('settings.pendingInvites')}</h4>
      <ul className="plain-list" data-testid="pending-invites">
        {pending.map((p) => (
          <li key={p.id} data-testid="pending-invite">
            <span className="ellipsis">{p.email}</span>
            <span className="pill pill-warning">{t('settings.pending')}</span>
            <span className="muted small">
              {memberRoleLabel(t, p.role)} · {t('settings.inviteExpires', { date: fmt.date(p.expiresAt) })}
            </span>
            <button type="button" className="link danger" onClick={() => onRevoke(p)}>
              {t('settings.revoke')}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The invite form; `onSend` gets the invite and a `sent` that blanks the e-mail once it went out. */
export function InviteForm({ onSend }: { onSend: (invite: Invite, sent: () => void) => void }) {
  const { t } = useI18n();
  const [invite, setInvite] = useState<Invite>({ email: '', role: 'rep' });
  const send = (e: React.FormEvent) => {
    e.preventDefault();
    onSend(invite, () => setInvite({ ...invite, email: '' }));
  };
  return (
    <form className="invite-form" onSubmit={send} data-testid="invite-form">
      <input
        type="email"
        required
        placeholder={t('signin.email')}
        aria-label={t('signin.email')}
        value={invite.email}
        onChange={(e) => setInvite({ ...invite, email: e.target.value })}
      />
      <RoleSelect
        value={invite.role}
        label={t('settings.role')}
        onChange={(role) => setInvite({ ...invite, role })}
      />
      <button type="submit" className="primary" data-testid="invite-submit">
        {t('settings.invite')}
      </button>
    </form>
  );
}

// Team members with their roles, an invite form that answers a link to share (the token in the
// link's fragment, which the sign-in screen redeems), and the invites still pending, which an admin
// may withdraw. An admin changes another member's role and removes a member (after asking); the team's
// only admin is neither demoted nor removed (the server refuses it too), and nobody changes their own.
import { useCallback, useEffect, useRef, useState } from 'react';
import { roles } from '@app/shared/access';
import { useWorkspace } from '../../data/hooks';
import { membersChanged } from '../../data/members';
import { mayDo } from '../../data/role';
import { useFormat, useI18n } from '../../i18n/i18n';
import { errorText } from '../../i18n/error-text';
import { memberRoleLabel } from '../../i18n/labels';
import { ConfirmDialog } from '../../components/ui/Dialog';
import { CopyField } from './CopyField';
import { Notice, useNotice } from './Notice';

type Member = { id: string; email: string; displayName?: string; role: string };
type Pending = { id: string; email: string; role: string; expiresAt: string };

/** The link an invitee opens: the web app, with the token in the fragment (never sent to a server). */
export const inviteLinkOf = (serverUrl: string, token: string) =>
  `${serverUrl.replace(/\/+$/, '')}/app/#invite=${encodeURIComponent(token)}`;

export function MembersCard() {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'members', 'create');
  const [members, setMembers] = useState<Member[] | null>(null);
  const [pending, setPending] = useState<Pending[]>([]);
  const [invite, setInvite] = useState({ email: '', role: 'rep' });
  const [link, setLink] = useState<string | null>(null);
  const [notice, setNotice] = useNotice('members-notice');
  const [removing, setRemoving] = useState<Member | null>(null);
  const fail = useCallback(
    (e: unknown) => setNotice({ kind: 'error', text: t('settings.failed', { message: errorText(t, e) }) }),
    [t],
  );

  const load = useCallback(() => {
    membersChanged(ws);
    ws.api.get<{ items: Member[] }>('/members').then((r) => setMembers(r.items), fail);
    if (admin) ws.api.get<{ items: Pending[] }>('/members/invites').then((r) => setPending(r.items), fail);
  }, [ws, admin, fail]);
  useEffect(load, [load]);

  const send = (e: React.FormEvent) => {
    e.preventDefault();
    setNotice(null);
    ws.api.post<{ inviteToken: string; email: string }>('/members/invite', invite).then((r) => {
      setLink(inviteLinkOf(ws.session.serverUrl, r.inviteToken));
      setNotice({ kind: 'success', text: t('settings.invited', { email: r.email }) });
      setInvite({ ...invite, email: '' });
      load();
    }, fail);
  };
  // A name edit is the list's at once (a second edit made before the first save returns compares
  // with it, so going back to the old name is saved too), and saves go out one after another, so
  // the server keeps the last one typed.
  const saves = useRef<Promise<unknown>>(Promise.resolve());
  const rename = (m: Member, displayName: string) => {
    setMembers(
      (ms) => ms?.map((x) => (x.id === m.id ? { ...x, displayName: displayName || undefined } : x)) ?? ms,
    );
    saves.current = saves.current.then(() =>
      ws.api.patch(`/members/${encodeURIComponent(m.id)}`, { displayName: displayName || null }).then(
        () => {
          setNotice({ kind: 'success', text: t('common.saved') });
          load();
        },
        (e: unknown) => {
          fail(e);
          load();
        },
      ),
    );
  };
  const nameOf = (m: Member) => m.displayName || m.email;
  const admins = members?.filter((m) => m.role === 'admin').length ?? 0;
  /** The team's only admin keeps the role: demoting or removing them would leave nobody to administer. */
  const lastAdmin = (m: Member) => m.role === 'admin' && admins <= 1;
  const changeRole = (m: Member, role: string) => {
    setNotice(null);
    setMembers((ms) => ms?.map((x) => (x.id === m.id ? { ...x, role } : x)) ?? ms);
    ws.api.patch(`/members/${encodeURIComponent(m.id)}`, { role }).then(
      () => {
        setNotice({
          kind: 'success',
          text: t('members.roleChanged', { name: nameOf(m), role: memberRoleLabel(t, role) }),
        });
        load();
      },
      (e: unknown) => {
        fail(e);
        load();
      },
    );
  };
  const remove = (m: Member) => {
    setRemoving(null);
    setNotice(null);
    ws.api.delete(`/members/${encodeURIComponent(m.id)}`).then(() => {
      setNotice({ kind: 'success', text: t('members.removed', { name: nameOf(m) }) });
      load();
    }, fail);
  };
  const revoke = (p: Pending) =>
    ws.api.delete(`/members/invites/${p.id}`).then(() => {
      setNotice({ kind: 'success', text: t('settings.inviteRevoked', { email: p.email }) });
      setLink(null);
      load();
    }, fail);

  return (
    <section className="panel" data-testid="members-card">
      <h3>{t('settings.team')}</h3>
      <ul className="plain-list" data-testid="members">
        {members?.map((m) => (
          <li key={m.id} data-testid="member" data-member={m.email}>
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
                  if (next !== (m.displayName ?? '')) void rename(m, next);
                }}
              />
            ) : (
              <span className="ellipsis" title={m.email}>
                {m.displayName ?? m.email}
              </span>
            )}
            {admin && m.id !== ws.session.userId && !lastAdmin(m) ? (
              <select
                value={m.role}
                aria-label={t('members.roleOf', { name: nameOf(m) })}
                data-testid="member-role"
                onChange={(e) => changeRole(m, e.target.value)}
              >
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {memberRoleLabel(t, r)}
                  </option>
                ))}
              </select>
            ) : (
              <span
                className="pill"
                title={admin && lastAdmin(m) ? t('members.lastAdmin') : undefined}
                data-testid="member-role-label"
              >
                {memberRoleLabel(t, m.role)}
                {m.id === ws.session.userId ? ` · ${t('members.you')}` : ''}
              </span>
            )}
            {admin && m.id !== ws.session.userId && !lastAdmin(m) && (
              <button
                type="button"
                className="link danger"
                onClick={() => setRemoving(m)}
                data-testid="member-remove"
              >
                {t('members.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {pending.length > 0 && (
        <>
          <h4>{t('settings.pendingInvites')}</h4>
          <ul className="plain-list" data-testid="pending-invites">
            {pending.map((p) => (
              <li key={p.id} data-testid="pending-invite">
                <span className="ellipsis">{p.email}</span>
                <span className="pill pill-warning">{t('settings.pending')}</span>
                <span className="muted small">
                  {memberRoleLabel(t, p.role)} ·{' '}
                  {t('settings.inviteExpires', { date: fmt.date(p.expiresAt) })}
                </span>
                <button type="button" className="link danger" onClick={() => void revoke(p)}>
                  {t('settings.revoke')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {admin && (
        <form className="invite-form" onSubmit={send} data-testid="invite-form">
          <input
            type="email"
            required
            placeholder={t('signin.email')}
            aria-label={t('signin.email')}
            value={invite.email}
            onChange={(e) => setInvite({ ...invite, email: e.target.value })}
          />
          <select
            value={invite.role}
            onChange={(e) => setInvite({ ...invite, role: e.target.value })}
            aria-label={t('settings.role')}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {memberRoleLabel(t, r)}
              </option>
            ))}
          </select>
          <button type="submit" className="primary" data-testid="invite-submit">
            {t('settings.invite')}
          </button>
        </form>
      )}
      {removing && (
        <ConfirmDialog
          title={t('members.removeConfirm', { name: nameOf(removing) })}
          description={t('members.removeConfirm.body')}
          confirmLabel={t('members.remove')}
          onConfirm={() => remove(removing)}
          onCancel={() => setRemoving(null)}
          testId="member-remove-confirm"
        />
      )}
      <Notice notice={notice} testId="members-notice" />
      {link && (
        <div className="invite-link">
          <div className="muted small">{t('settings.inviteLinkHint')}</div>
          <CopyField value={link} testId="invite-link" />
        </div>
      )}
      <p className="muted small">{t('settings.serverOnly')}</p>
    </section>
  );
}

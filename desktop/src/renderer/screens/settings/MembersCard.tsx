// Team members with their roles, an invite form that answers a link to share (the token in the
// link's fragment, which the sign-in screen redeems), and the invites still pending, which an admin
// may withdraw. An admin changes another member's role and removes a member (after asking); the team's
// only admin is neither demoted nor removed (the server refuses it too), and nobody changes their own.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { membersChanged } from '../../data/members';
import { mayDo } from '../../data/role';
import { memberRoleLabel } from '../../i18n/labels';
import { ConfirmDialog } from '../../components/ui/Dialog';
import { CopyField } from './CopyField';
import {
  InviteForm,
  MemberRow,
  PendingInvites,
  type Invite,
  type Member,
  type Pending,
} from './MembersParts';
import { Notice } from './Notice';
import { useCardAction } from './use-card-action';

/** The link an invitee opens: the web app, with the token in the fragment (never sent to a server). */
export const inviteLinkOf = (serverUrl: string, token: string) =>
  `${serverUrl.replace(/\/+$/, '')}/app/#invite=${encodeURIComponent(token)}`;

export function MembersCard() {
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'members', 'create');
  const { t, notice, setNotice, fail } = useCardAction('members-notice');
  const [members, setMembers] = useState<Member[] | null>(null);
  const [pending, setPending] = useState<Pending[]>([]);
  const [link, setLink] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);

  const load = useCallback(() => {
    membersChanged(ws);
    ws.api.get<{ items: Member[] }>('/members').then((r) => setMembers(r.items), fail);
    if (admin) ws.api.get<{ items: Pending[] }>('/members/invites').then((r) => setPending(r.items), fail);
  }, [ws, admin, fail]);
  useEffect(load, [load]);

  const send = (invite: Invite, sent: () => void) => {
    setNotice(null);
    ws.api.post<{ inviteToken: string; email: string }>('/members/invite', invite).then((r) => {
      setLink(inviteLinkOf(ws.session.serverUrl, r.inviteToken));
      setNotice({ kind: 'success', text: t('settings.invited', { email: r.email }) });
      sent();
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
          <MemberRow
            key={m.id}
            m={m}
            admin={admin}
            you={m.id === ws.session.userId}
            lastAdmin={lastAdmin(m)}
            onRename={rename}
            onRole={changeRole}
            onRemove={setRemoving}
          />
        ))}
      </ul>
      <PendingInvites pending={pending} onRevoke={(p) => void revoke(p)} />
      {admin && <InviteForm onSend={send} />}
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

// A searchable picker of the team's members (the UI kit's Combobox): a deal's owner, a task's assignee,
// a new contact's owner. Matches the name and the e-mail; each line shows the name (the rep's own marked
// "you") and the e-mail; nobody chosen shows what that means there ("Nobody", "Unassigned") and a
// button clears the choice. A member no longer in the team is "A former member", never an id.
import type { Member } from '../data/members';
import { useI18n } from '../i18n/i18n';
import { personName } from '../lib/board-cards';
import { Combobox, NameAndDetail } from './ui/Combobox';

type Picked = { id: string; name: string; email?: string };

/** Members matching every word of `q` in their name or e-mail, those whose name starts with it first. */
export function matchMembers<M extends Picked>(members: readonly M[], q: string): M[] {
  const words = q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...members];
  const hay = (m: M) => `${m.name} ${m.email ?? ''}`.toLocaleLowerCase();
  const first = words[0]!;
  const starts = (m: M) => m.name.toLocaleLowerCase().startsWith(first);
  return members
    .filter((m) => words.every((w) => hay(m).includes(w)))
    .sort((a, b) => Number(!starts(a)) - Number(!starts(b)));
}

export function MemberPicker(p: {
  members: readonly Member[];
  /** The chosen member's id, '' for nobody. */
  value: string;
  onChange(id: string): void;
  label: string;
  /** What nobody chosen means here, shown in the empty field. */
  noneLabel: string;
  /** The signed-in rep, marked "you". */
  me?: string | undefined;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const items: Picked[] = p.members.map((m) => ({
    id: m.id,
    name: m.id === p.me ? `${personName(m)} (${t('members.you')})` : personName(m),
    email: m.email,
  }));
  const selected = p.value
    ? (items.find((m) => m.id === p.value) ?? { id: p.value, name: t('members.former') })
    : null;
  return (
    <Combobox<Picked>
      label={p.label}
      find={(q) => matchMembers(items, q)}
      selected={selected}
      onChange={(m) => p.onChange(m?.id ?? '')}
      render={(m) => <NameAndDetail name={m.name} detail={m.email} />}
      placeholder={p.noneLabel}
      clearLabel={t('members.clear', { field: p.label })}
      none={(q) => t('members.noMatch', { q })}
      disabled={p.disabled}
      testId={p.testId}
      optionTestId="member-option"
    />
  );
}

// Every phone and e-mail of a contact edited on its record (issue 64 review): the rep changes, adds
// or removes one value of the list; the contact's `phone`/`email` (the primary, first) and its
// `phones`/`emails` list (shared/src/schemas/contact-points.ts) are written together. An entry whose
// value did not change keeps its source message and status; a value the rep typed is verified, from
// the rep. Pure, tested without a screen (contact-points-edit.test.ts).
import {
  contactPointKey,
  contactPointValues,
  type ContactDoc,
  type ContactPointEntry,
  type ContactPointField,
} from '@app/shared/schemas';

const listOf = { email: 'emails', phone: 'phones' } as const;
/** The schema's bound on a contact's list. */
const maxPoints = 20;

type WithPoints = Pick<ContactDoc, 'email' | 'phone' | 'emails' | 'phones'>;

/** What a rep does to one value: change the i-th, add one, or remove the i-th. */
export type PointEdit =
  | { kind: 'change'; index: number; value: string }
  | { kind: 'add'; value: string }
  | { kind: 'remove'; index: number };

/** The contact's values after the edit, the primary first, each once (compared as contact-points.ts does). */
export function editedValues(contact: WithPoints, field: ContactPointField, edit: PointEdit): string[] {
  const values = contactPointValues(contact, field);
  const next =
    edit.kind === 'add'
      ? [...values, edit.value]
      : edit.kind === 'remove'
        ? values.filter((_, i) => i !== edit.index)
        : values.map((v, i) => (i === edit.index ? edit.value : v));
  const seen = new Set<string>();
  return next.filter((v) => {
    const key = contactPointKey(field, v);
    if (!v || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The doc fields that store `values` (primary first): the primary field and the whole list. */
export function pointsPatch(
  contact: WithPoints,
  field: ContactPointField,
  values: readonly string[],
  at: string,
): Partial<ContactDoc> {
  const before = contact[listOf[field]] ?? [];
  const entries: ContactPointEntry[] = values.slice(0, maxPoints).map((value) => {
    const kept = before.find((e) => contactPointKey(field, e.value) === contactPointKey(field, value));
    return kept && kept.value === value ? kept : { value, status: 'verified', source: 'rep', at };
  });
  return { [field]: values[0], [listOf[field]]: entries } as Partial<ContactDoc>;
}

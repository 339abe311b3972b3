// The deal's custom fields a rep's save writes: only the fields the rep changed (an emptied one
// removed), over the deal's values as they are now, so a value an agent or another rep set meanwhile
// in another field is kept. Pure, tested without a screen (custom-fields-patch.test.ts).

export type FieldValues = Record<string, string>;

/** The ids of the fields whose value the rep changed since `initial` (spaces around aside). */
export function changedFields(initial: FieldValues, values: FieldValues): string[] {
  return Object.keys({ ...initial, ...values }).filter(
    (k) => (values[k] ?? '').trim() !== (initial[k] ?? '').trim(),
  );
}

/** The deal's `customFields` with the rep's changes, or undefined when the rep changed none. */
export function customFieldsPatch(
  initial: FieldValues,
  values: FieldValues,
  current: FieldValues | undefined,
): FieldValues | undefined {
  const changed = changedFields(initial, values);
  if (!changed.length) return undefined;
  const next: FieldValues = { ...(current ?? {}) };
  for (const k of changed) {
    const v = (values[k] ?? '').trim();
    if (v) next[k] = v;
    else delete next[k];
  }
  return next;
}

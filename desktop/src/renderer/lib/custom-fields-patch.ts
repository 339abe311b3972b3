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

/** What a save changed (an emptied field as ''), to know when the deal is seen with it (`hasSeen`). */
export function savedChanges(initial: FieldValues, values: FieldValues): FieldValues {
  return Object.fromEntries(changedFields(initial, values).map((k) => [k, (values[k] ?? '').trim()]));
}

/**
 * Whether the deal as the live query brings it (`loaded`) shows the changes a save wrote: until it does,
 * it is an older state of the deal, not to be shown over what the rep saved.
 */
export function hasSeen(loaded: FieldValues, written: FieldValues): boolean {
  return Object.entries(written).every(([k, v]) => (loaded[k] ?? '') === v);
}

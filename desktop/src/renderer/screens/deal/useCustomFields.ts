// The deal's custom field values as the rep edits them (the pipeline's fields, e.g. the events pack's
// event date, guests and budget): loaded from the deal (followed while the rep has changed nothing),
// then the rep's; a save writes only the fields the rep changed (lib/custom-fields-patch.ts).
import { useEffect, useState } from 'react';
import type { LeadDoc } from '@app/shared/schemas';
import { changedFields, customFieldsPatch } from '../../lib/custom-fields-patch';

type Values = Record<string, string>;

const same = (a: Values, b: Values) => JSON.stringify(a) === JSON.stringify(b);

export function useCustomFields(lead: LeadDoc | null | undefined) {
  const [initial, setInitial] = useState<Values>({});
  const [values, setValues] = useState<Values>({});
  const current = lead?.customFields;
  useEffect(() => {
    const loaded = { ...(current ?? {}) };
    // Followed while the rep has changed nothing.
    if (!same(values, initial) || same(loaded, initial)) return;
    setInitial(loaded);
    setValues(loaded);
    // (The values are read, not followed.)
  }, [current]);
  const changed = changedFields(initial, values);
  return {
    values,
    dirty: changed.length > 0,
    set: (id: string, value: string) => setValues((v) => ({ ...v, [id]: value })),
    /** The deal's `customFields` with the rep's changes (an emptied field removed), or undefined. */
    patch: (deal: LeadDoc) => customFieldsPatch(initial, values, deal.customFields),
    saved: () => setInitial(values),
    reset: () => setValues(initial),
  };
}

export type CustomFieldsState = ReturnType<typeof useCustomFields>;

// The deal's custom field values as the rep edits them (the pipeline's fields, e.g. the events pack's
// event date, guests and budget): loaded from the deal (followed while the rep has changed nothing),
// then the rep's; a save writes only the fields the rep changed (lib/custom-fields-patch.ts).
import { useEffect, useRef, useState } from 'react';
import type { LeadDoc } from '@app/shared/schemas';
import { changedFields, customFieldsPatch, hasSeen, savedChanges } from '../../lib/custom-fields-patch';

type Values = Record<string, string>;

const same = (a: Values, b: Values) => JSON.stringify(a) === JSON.stringify(b);

export function useCustomFields(lead: LeadDoc | null | undefined) {
  const [initial, setInitial] = useState<Values>({});
  const [values, setValues] = useState<Values>({});
  // The custom fields a save of ours changed (an emptied one as ''), until the deal is seen with them:
  // the live query may still bring an older state of the deal, which must not replace what the rep has
  // just saved (it did: the next field's save then wrote the older values back, and an event date typed
  // between two saves was lost; seen in deal-page.e2e).
  const written = useRef<Values | null>(null);
  const current = lead?.customFields;
  useEffect(() => {
    const loaded = { ...(current ?? {}) };
    if (written.current) {
      if (!hasSeen(loaded, written.current)) return;
      written.current = null;
    }
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
    /** After a save (`wrote`: it wrote the custom fields): the rep's values are the deal's. */
    saved: (wrote: boolean) => {
      if (wrote) written.current = savedChanges(initial, values);
      setInitial(values);
    },
    reset: () => setValues(initial),
  };
}

export type CustomFieldsState = ReturnType<typeof useCustomFields>;

// Vendors: for an event, the team's directory's best match of each kind — in the event's city, free on
// its day, a venue that holds the guests — the cheapest first. Maestro asks each for a quote (a task
// per vendor on the deal, once) and names them in its reply.
import type { Vendor } from '../../schemas/pipelines';
import type { EventRequest } from './extract';

const kindsWanted: Vendor['kind'][] = ['venue', 'catering', 'av', 'host'];

const norm = (s: string) => s.trim().toLowerCase().replace(/ё/g, 'е');

/** One vendor per kind (venue, catering, AV, host) that fits the event, cheapest first; none: left out. */
export function matchVendors(
  vendors: readonly Vendor[],
  event: EventRequest,
  cityNames: string[] = [],
): Vendor[] {
  const cities = new Set([event.city, ...cityNames].filter(Boolean).map((c) => norm(c!)));
  const cost = (v: Vendor) => (v.pricePerGuest ?? 0) * (event.guests ?? 1) + (v.price ?? 0);
  return kindsWanted.flatMap((kind) => {
    const fit = vendors
      .filter((v) => v.kind === kind)
      .filter((v) => !cities.size || cities.has(norm(v.city)))
      .filter((v) => !event.date || !(v.datesTaken ?? []).includes(event.date))
      .filter((v) => kind !== 'venue' || !event.guests || (v.capacity ?? Infinity) >= event.guests)
      .sort((a, b) => cost(a) - cost(b) || a.name.localeCompare(b.name));
    return fit.slice(0, 1);
  });
}

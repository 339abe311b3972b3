// A rep's decision on an event deal's request for a quote to a vendor (issue 39): contracted, declined,
// or back to quoted. The API and the desktop's deal view both decide through it; the requests are sent
// and their answers taken by the events pack's Vendors agent (packs/events-agency/quotes.ts).
import type { LeadDoc } from '../schemas/leads';
import type { VendorRequestStatus } from '../schemas/vendor-requests';

export type VendorRequest = NonNullable<LeadDoc['vendorRequests']>[number];

/** The deal with a rep's decision on a vendor's request (contracted or declined, or back to quoted). */
export function decideVendorRequest(
  lead: LeadDoc,
  vendorId: string,
  status: Exclude<VendorRequestStatus, 'requested'>,
  by: string,
  at: string,
): LeadDoc | undefined {
  const request = lead.vendorRequests?.find((r) => r.vendorId === vendorId);
  if (!request) return undefined;
  const decided: VendorRequest = { ...request, status, decidedAt: at, decidedBy: by.slice(0, 128) };
  return {
    ...lead,
    vendorRequests: lead.vendorRequests!.map((r) => (r === request ? decided : r)),
    fieldUpdatedAt: { ...lead.fieldUpdatedAt, vendorRequests: at },
    updatedAt: at,
  };
}

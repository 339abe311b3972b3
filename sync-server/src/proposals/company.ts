// The team's company details printed on its proposals: a name (the team's own name when unset),
// free-form details (address, tax ids, bank, contacts) and a logo (PNG or JPEG, at most 256 KB).
// One server-side settings doc per team in `app_channels` (`company:<team>`), edited by admins.
import type { Store } from '../context';
import { systemDocs } from '../store/data';
import type { ProposalCompany } from './proposal-pdf';

export const LOGO_MAX_BYTES = 256 * 1024;
export const logoTypes = ['image/png', 'image/jpeg'] as const;
export type LogoType = (typeof logoTypes)[number];

export type CompanyDoc = {
  _id: string;
  _rev?: string;
  type: 'company';
  teamId: string;
  name?: string;
  details?: string;
  logo?: { mimeType: LogoType; data: string; size: number };
  updatedAt: string;
};

export const companyDocId = (teamId: string) => `company:${teamId}`;

export async function readCompanyDoc(store: Store, teamId: string): Promise<CompanyDoc | undefined> {
  const doc = await systemDocs<CompanyDoc>(store, 'app_channels').get(companyDocId(teamId));
  return doc?.teamId === teamId ? doc : undefined;
}

/** Whether the bytes are what the type says (a PNG or JPEG signature), before pdfkit ever reads them. */
export function logoMatches(bytes: Uint8Array, mimeType: LogoType): boolean {
  if (mimeType === 'image/png')
    return [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b);
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** What a proposal prints of the team: its details doc, else the team's name. */
export async function proposalCompany(store: Store, teamId: string): Promise<ProposalCompany> {
  const [doc, team] = await Promise.all([
    readCompanyDoc(store, teamId),
    systemDocs<{ _id: string; name?: string }>(store, 'app_teams').get(teamId),
  ]);
  return {
    name: doc?.name?.trim() || team?.name || teamId,
    ...(doc?.details ? { details: doc.details } : {}),
    ...(doc?.logo
      ? { logo: { bytes: new Uint8Array(Buffer.from(doc.logo.data, 'base64')), mimeType: doc.logo.mimeType } }
      : {}),
  };
}

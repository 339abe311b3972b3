// Making a deal on the device (the board's quick add and the deal dialog): the lead doc with its stage
// time, and the "created in <stage>" record of its timeline. It replicates like every local write.
import { newId } from '@app/shared/ids';
import type { LeadDoc } from '@app/shared/schemas';
import { recordStageChange } from './stage-changes';
import { insertDocs, type Workspace } from './workspace';

/** The lead fields a new deal is made with (id and times are added here). */
export type NewDeal = Omit<LeadDoc, 'id' | 'createdAt' | 'updatedAt' | 'stageChangedAt'>;

export async function createDeal(
  ws: Workspace,
  fields: NewDeal,
  via: 'board' | 'editor' = 'editor',
): Promise<string> {
  const now = new Date().toISOString();
  const created = { ...fields, id: newId('lead'), stageChangedAt: now, createdAt: now, updatedAt: now } as LeadDoc;
  const result = await insertDocs(ws, 'leads', [created]);
  if (!result.ok) throw new Error(result.failed[0]?.error ?? 'not saved');
  await recordStageChange(ws, null, created, via);
  return created.id;
}

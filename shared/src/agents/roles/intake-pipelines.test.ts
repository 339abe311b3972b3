// Which of a returning customer's leads a new conversation joins: the first still open, judged by the
// stages of each lead's pipeline (a deal in a team pipeline's won or lost stage is closed).
import { describe, expect, it } from 'vitest';
import { sampleDocs } from '../../schemas/fixtures';
import type { LeadDoc, PipelineDoc } from '../../schemas/index';
import { createMemoryStore } from '../../testing/memory-store';
import { firstOpenLead } from './intake';

const lead = (id: string, stage: string, pipelineId?: string) =>
  ({
    ...sampleDocs.leads,
    id,
    stage,
    ...(pipelineId ? { pipelineId } : { pipelineId: undefined }),
  }) as LeadDoc;

describe('the open lead of a returning customer', () => {
  it('skips deals closed in their pipeline, by its stage kinds', async () => {
    const store = createMemoryStore('team-1');
    await store.put('pipelines', structuredClone(sampleDocs.pipelines) as unknown as PipelineDoc);
    const signed = lead('l-signed', 'signed', 'pipeline-enterprise');
    const won = lead('l-won', 'won');
    const pilot = lead('l-pilot', 'pilot', 'pipeline-enterprise');
    expect((await firstOpenLead(store, [signed, won, pilot]))?.id).toBe('l-pilot');
    expect(await firstOpenLead(store, [signed, won])).toBeUndefined();
    expect((await firstOpenLead(store, [lead('l-new', 'new')]))?.id).toBe('l-new');
    // A pipeline the store does not have: its won/lost ids still close, anything else is open.
    expect((await firstOpenLead(store, [lead('l-x', 'lost', 'gone'), lead('l-y', 'a', 'gone')]))?.id).toBe(
      'l-y',
    );
  });
});

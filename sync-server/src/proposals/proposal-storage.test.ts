// A commercial proposal's PDF is stored in the team's files store, so it is held to the plan's storage
// (issue 60): past it, nothing is stored and the maker hears the plan's 402; within it, the PDF is kept.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStore, type TestStore } from '../../test/helpers';
import { limitError } from '../billing/policy';
import { countStorageBytes } from '../billing/usage';
import type { ProposalRenderer } from './proposal-renderer';
import { createProposal } from './proposal-service';

const teamId = 'proposal-storage';
const at = '2026-03-01T10:00:00.000Z';
let kit: TestStore;

beforeAll(async () => {
  kit = await startTestStore('proposal-storage-', pino({ level: 'silent' }));
  await kit.store.ensureTeam(teamId);
  await kit.store.teamDb(teamId, 'leads').insert({
    _id: 'lead-1',
    title: 'Widgets',
    stage: 'new',
    createdAt: at,
    updatedAt: at,
  } as never);
});
afterAll(() => kit.close());

const PDF_BYTES = 3_000;
const renderer = {
  render: async () => new Uint8Array(PDF_BYTES).fill(37),
} as unknown as ProposalRenderer;
const quote = {
  lines: [
    { sku: 'W-1', name: 'Widget', quantity: 2, unit: '', unitPrice: 10, discountPercent: 0, lineTotal: 20 },
  ],
  currency: 'USD',
  subtotal: 20,
  discount: 0,
  tax: 0,
  total: 20,
};
/** The billing policy's storage check over the real count, with a limit of `limit` bytes. */
const plans = (limit: number) => ({
  async assertStorage(team: string, adding: number) {
    const used = await countStorageBytes(kit.store, team);
    if (used + adding > limit) throw limitError('storageBytes', 'free', limit, used + adding);
  },
});

describe("a proposal's PDF and the plan's storage", () => {
  it('is refused past the storage, nothing stored, and kept within it', async () => {
    const deps = { store: kit.store, renderer, now: () => new Date(at) };
    const refused = createProposal(
      { ...deps, plans: plans(PDF_BYTES - 1) },
      teamId,
      'lead-1',
      {
        quote,
        language: 'en',
      },
      'u1',
    );
    await expect(refused).rejects.toMatchObject({
      code: 'plan-limit-reached',
      details: { limit: 'storageBytes' },
    });
    expect(await countStorageBytes(kit.store, teamId)).toBe(0);

    const made = await createProposal(
      { ...deps, plans: plans(PDF_BYTES) },
      teamId,
      'lead-1',
      {
        quote,
        language: 'en',
      },
      'u1',
    );
    expect(made.size).toBe(PDF_BYTES);
    expect(await countStorageBytes(kit.store, teamId)).toBe(PDF_BYTES);
  });
});

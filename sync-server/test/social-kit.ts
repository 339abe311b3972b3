// What the social monitoring e2e tests start from: the team on the events pack, and an event deal that
// names the keywords to watch for (the pack's field "Watch on social media").
import { expect } from 'vitest';
import type { call } from './helpers';

type Api = (method: string, path: string, body?: unknown) => ReturnType<typeof call>;

/** Applies the events pack and adds the "Гала-ужин Ромашки" deal watching its keywords; its id. */
export async function watchedEventDeal(api: Api): Promise<string> {
  expect((await api('POST', '/packs/events-agency/apply', { language: 'ru' })).status).toBe(200);
  const deal = await api('POST', '/leads', {
    title: 'Гала-ужин Ромашки',
    pipelineId: 'events',
    stage: 'inquiry',
    customFields: { socialKeywords: 'гала-ужин ромашки, romashka gala' },
  });
  expect(deal.status, JSON.stringify(deal.body)).toBe(201);
  return String(deal.body.id);
}

// Social monitoring of a VK community against the fake VK API (test/fake-vk.ts: wall.get,
// wall.getComments, newsfeed.search as VK documents them) over the real store: posts and comments that
// name an event deal's keywords become its mentions with their sentiment; a second pass (a restarted
// monitor: a new client, the checkpoint read back) keeps nothing twice and takes only what is new; the
// deal's report lists the negative mentions first; a VK error comes back as one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStore, type TestStore } from '../../test/helpers';
import { startFakeVk, type FakeVk } from '../../test/fake-vk';
import { createVkApi, VkApiError } from '../channels/vk/vk-api';
import { socialReport, teamMentions } from './mentions';
import { pollVkCommunity } from './vk-monitor';

const teamId = 'social-vk';
let ts: TestStore;
let fake: FakeVk;

beforeAll(async () => {
  ts = await startTestStore('social-vk-');
  fake = await startFakeVk();
}, 60_000);

afterAll(async () => {
  await fake?.close();
  await ts?.close();
});

const client = () =>
  createVkApi({ apiRoot: fake.apiRoot, token: fake.serviceToken, version: '5.199', spacingMs: 0 });
const watches = [{ leadId: 'lead-gala', keywords: ['гала-ужин ромашки', 'romashka gala'] }];

describe('VK community monitoring', () => {
  it('keeps the mentions of an event, once, and reads on from its checkpoint', async () => {
    const owner = -fake.groupId;
    // Times of their own (VK's seconds): the two negative comments score the same, and the report
    // puts the newer first, which must not depend on the second the test happens to run in.
    const t0 = Math.floor(Date.now() / 1000) - 3600;
    const post = fake.wall.post('Фотоотчёт: гала-ужин Ромашки прошёл отлично, спасибо всем!', { date: t0 });
    fake.wall.post('Скидки недели на доставку цветов', { date: t0 + 60 });
    fake.wall.comment(post.id, 'Кейтеринг был ужасный, еда холодная', { fromId: 501, date: t0 + 600 });
    fake.wall.comment(post.id, 'Всё понравилось, очень душевно', { fromId: 502, date: t0 + 300 });
    const deps = { store: ts.store, teamId, ownerId: owner };
    expect(await pollVkCommunity({ ...deps, vk: client() }, watches)).toBe(3);

    // A restarted monitor: nothing again; then a new comment only.
    expect(await pollVkCommunity({ ...deps, vk: client() }, watches)).toBe(0);
    fake.wall.comment(post.id, 'Ведущий опоздал, было скучно', { fromId: 503, date: t0 + 120 });
    expect(await pollVkCommunity({ ...deps, vk: client() }, watches)).toBe(1);
    const asked = fake.calls.filter((c) => c.method === 'wall.getComments').at(-1)!;
    expect(asked.params.start_comment_id).toBeDefined();

    const report = socialReport(await teamMentions(ts.store, teamId), 'lead-gala');
    expect(report.counts).toEqual({ negative: 2, neutral: 0, positive: 2 });
    expect(report.items.map((m) => [m.source, m.sentiment.label])).toEqual([
      ['vk-comment', 'negative'],
      ['vk-comment', 'negative'],
      ['vk-comment', 'positive'],
      ['vk-wall', 'positive'],
    ]);
    expect(report.items[0]!.text).toContain('ужасный');
    expect(report.items.at(-1)!.url).toBe(`https://vk.com/wall${owner}_${post.id}`);
  });

  it('brings VK errors back as VK errors', async () => {
    fake.failNext('wall.get', 6);
    await expect(
      pollVkCommunity({ store: ts.store, teamId, ownerId: -fake.groupId, vk: client() }, watches),
    ).rejects.toBeInstanceOf(VkApiError);
  });
});

// The fake VK API's community wall (fake-vk.ts), as VK documents it: `wall.get` (owner_id, offset,
// count up to 100: `{ count, items }` newest first, each post with `comments.count`),
// `wall.getComments` (owner_id, post_id, start_comment_id, count up to 100, sort asc|desc:
// `{ count, current_level_count, items }`; error 100 for a post that is not there) and
// `newsfeed.search` (q, start_time, count up to 200: posts whose text holds q, newest first,
// `{ items, count, total_count }`). A test writes posts and comments with `post()` and `comment()`.
export type WallPost = { id: number; owner_id: number; from_id: number; date: number; text: string };
export type WallComment = {
  id: number;
  owner_id: number;
  post_id: number;
  from_id: number;
  date: number;
  text: string;
};

export type FakeWall = {
  post(text: string, opts?: { fromId?: number; date?: number }): WallPost;
  comment(postId: number, text: string, opts?: { fromId?: number; date?: number }): WallComment;
};

type Fail = (code: number, detail?: string) => never;

export function createFakeWall(ownerId: number) {
  const posts: WallPost[] = [];
  const comments: WallComment[] = [];
  let nextId = 1;
  const now = () => Math.floor(Date.now() / 1000);
  const bounded = (v: string | undefined, max: number, fallback: number) =>
    Math.min(max, Math.max(0, Number(v ?? fallback) || 0));
  const withCount = (p: WallPost) => ({
    ...p,
    comments: { count: comments.filter((c) => c.post_id === p.id).length, can_post: 1 },
  });

  const wall: FakeWall = {
    post(text, opts = {}) {
      const p = {
        id: nextId++,
        owner_id: ownerId,
        from_id: opts.fromId ?? ownerId,
        date: opts.date ?? now(),
        text,
      };
      posts.push(p);
      return p;
    },
    comment(postId, text, opts = {}) {
      const c = {
        id: nextId++,
        owner_id: ownerId,
        post_id: postId,
        from_id: opts.fromId ?? 1,
        date: opts.date ?? now(),
        text,
      };
      comments.push(c);
      return c;
    },
  };

  /** The answer of a wall method, or undefined for another method. */
  function handle(name: string, p: Record<string, string>, need: (k: string) => string, fail: Fail): unknown {
    switch (name) {
      case 'wall.get': {
        if (Number(p.owner_id ?? ownerId) !== ownerId) fail(100, 'owner_id is invalid');
        const offset = bounded(p.offset, 1e6, 0);
        const newest = [...posts].reverse();
        return {
          count: posts.length,
          items: newest.slice(offset, offset + bounded(p.count, 100, 20)).map(withCount),
        };
      }
      case 'wall.getComments': {
        if (Number(need('owner_id')) !== ownerId) fail(100, 'owner_id is invalid');
        const postId = Number(need('post_id'));
        if (!posts.some((x) => x.id === postId)) fail(100, 'post_id is invalid');
        let list = comments.filter((c) => c.post_id === postId);
        if (p.sort === 'desc') list = list.reverse();
        if (p.start_comment_id) {
          const at = list.findIndex((c) => c.id === Number(p.start_comment_id));
          list = at >= 0 ? list.slice(at) : [];
        }
        const offset = bounded(p.offset, 1e6, 0);
        const items = list.slice(offset, offset + bounded(p.count, 100, 10));
        return { count: list.length, current_level_count: list.length, items };
      }
      case 'newsfeed.search': {
        const q = (p.q ?? '').toLowerCase();
        const since = Number(p.start_time ?? 0);
        const found = [...posts]
          .reverse()
          .filter((x) => q && x.text.toLowerCase().includes(q) && x.date >= since)
          .map(withCount);
        return {
          items: found.slice(0, bounded(p.count, 200, 30)),
          count: found.length,
          total_count: found.length,
        };
      }
      default:
        return undefined;
    }
  }
  return { wall, handle };
}

// The pages of the team's site a web chat visitor viewed before writing (issue 14), as the widget
// sends them with the visitor's first message: only when the team switched it on for the widget
// (`recordPages`) and the visitor said yes to the widget's question. What arrives is the visitor's
// browser's word, so it is checked as hostile input: at most 50 entries (more: 400), each a path of
// the site (starting with one `/`, no scheme, host, query or fragment: else 400), titles cut to 200
// characters; the last 20 are kept. They become one twin fact, `pages_viewed`, of the source
// `webchat_pages`, replacing the visitor's earlier list (../profile-facts.ts).
import type { MessageDoc } from '@app/shared/schemas';
import { z } from 'zod';
import type { Store } from '../../context';
import { profileValue, writeProfileFacts } from '../profile-facts';

/** How many of the visitor's latest pages are kept. */
export const MAX_PAGES = 20;

export const webchatPagesSchema = z
  .array(
    z.object({
      path: z
        .string()
        .max(300)
        .regex(/^\/(?!\/)[^\s?#\\]*$/, 'must be a path of the site (no host, query or fragment)'),
      title: z.string().max(1000).optional(),
    }),
  )
  .max(50);

export type ViewedPage = z.infer<typeof webchatPagesSchema>[number];

/** The pages as one fact value, newest last: `Title (/path); …`. */
export function pagesValue(pages: readonly ViewedPage[]): string {
  return pages
    .slice(-MAX_PAGES)
    .map((p) => {
      const title = profileValue(p.title ?? '', 200);
      const path = profileValue(p.path, 300);
      return title ? `${title} (${path})` : path;
    })
    .join('; ');
}

export async function notePagesViewed(
  store: Store,
  teamId: string,
  contactId: string,
  message: MessageDoc,
  pages: readonly ViewedPage[],
): Promise<void> {
  const value = pagesValue(pages);
  if (!value) return;
  await writeProfileFacts(store, teamId, contactId, {
    source: 'webchat_pages',
    facts: [{ key: 'pages_viewed', value }],
    messageId: message.id,
    conversationId: message.conversationId,
    at: message.createdAt,
  });
}

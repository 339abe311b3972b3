// Learned phrasings (issue 61): when a customer picks an article among the offered choices, the question
// they asked is kept on that article's knowledge source (`phrasings`) as another way to ask for it, and
// the search index scores it as a field of the source's passages (search-index.ts, `learned`), so the
// next customer who asks the same thing in other words finds the article. Per team (the team's own
// source docs), bounded (at most `phrasingLimits.perSource` per source, the oldest dropped first, each
// cut to `phrasingLimits.length` characters), de-duplicated (case, spacing and punctuation aside), and
// treated as data: the text is only indexed for search and listed to reps, never put in a prompt.
import { phrasingLimits, type KnowledgeSourceDoc } from '../schemas/knowledge';
import type { StorePort } from './ports';

/** What makes two phrasings the same: letters and digits, lower case, single spaces. */
export const phrasingKey = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * A customer's question as a phrasing: control characters and runs of spaces made single spaces, cut
 * on a word boundary to the length bound; undefined when it holds fewer than two words' worth of letters.
 */
export function cleanPhrasing(text: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  let clean = text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
  if (clean.length > phrasingLimits.length) {
    const cut = clean.slice(0, phrasingLimits.length);
    const space = cut.lastIndexOf(' ');
    clean = (space > phrasingLimits.length / 2 ? cut.slice(0, space) : cut).trim();
  }
  return phrasingKey(clean).replace(/ /g, '').length >= 3 ? clean : undefined;
}

/**
 * The phrasings with `text` added last (a copy), or undefined when nothing changes: the text is no
 * phrasing, or it says what the title or a kept phrasing already says. Over the bound, the oldest go.
 */
export function withPhrasing(
  phrasings: readonly string[] | undefined,
  text: string,
  title?: string,
): string[] | undefined {
  const clean = cleanPhrasing(text);
  if (!clean) return undefined;
  const key = phrasingKey(clean);
  const list = phrasings ?? [];
  if ((title !== undefined && phrasingKey(title) === key) || list.some((p) => phrasingKey(p) === key))
    return undefined;
  return [...list, clean].slice(-phrasingLimits.perSource);
}

/** The phrasings without `text` (compared as phrasingKey does), or undefined when it is not among them. */
export function withoutPhrasing(
  phrasings: readonly string[] | undefined,
  text: string,
): string[] | undefined {
  const key = phrasingKey(text);
  const list = phrasings ?? [];
  const kept = list.filter((p) => phrasingKey(p) !== key);
  return kept.length === list.length ? undefined : kept;
}

/** The source with these phrasings (none: the field left out), updated at `at`. */
export function sourceWithPhrasings(
  source: KnowledgeSourceDoc,
  phrasings: string[],
  at: string,
): KnowledgeSourceDoc {
  const { phrasings: _old, ...rest } = source;
  return {
    ...rest,
    ...(phrasings.length ? { phrasings } : {}),
    updatedAt: at,
    fieldUpdatedAt: { ...source.fieldUpdatedAt, phrasings: at },
  };
}

/**
 * Keeps `question` as a learned phrasing of the team's source `sourceId` (the article a customer picked
 * for it); returns whether the source changed. A source that is gone or not ready learns nothing.
 */
export async function learnPhrasing(
  store: Pick<StorePort, 'get' | 'put'>,
  sourceId: string,
  question: string,
  now: Date,
): Promise<boolean> {
  const source = await store.get('knowledge_sources', sourceId);
  if (!source || source.status !== 'ready') return false;
  const phrasings = withPhrasing(source.phrasings, question, source.title);
  if (!phrasings) return false;
  await store.put('knowledge_sources', sourceWithPhrasings(source, phrasings, now.toISOString()));
  return true;
}

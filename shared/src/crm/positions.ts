// A customer's position (job title) as the twin keeps it: the title in the customer's own words, in its
// dictionary form ("CEO", "директор", "head of procurement"), and its rank, read from the title where it
// is needed (scoring's authority, the app's labels). A rank is never glued to the title: older twins hold
// "owner/CEO: CEO", which the app showed as "owner/CEO: CEO" (issue 64); positionShown reads those.
export type PositionRank = 'owner' | 'head' | 'purchasing' | 'manager';

/** Titles by rank, the highest first: the first that matches decides. */
const ranks: [RegExp, PositionRank][] = [
  [
    /(?<!\p{L})(?:ceo|founder|co-founder|owner|генеральн\p{L}* директор\p{L}*|владел\p{L}*|основател\p{L}*|собственник\p{L}*)/iu,
    'owner',
  ],
  [/(?:директор\p{L}*|director|head of [a-z]+|vp of [a-z]+|руководител\p{L}*|начальник\p{L}*)/iu, 'head'],
  [/(?:\bi (?:lead|manage) the\b|\bi run\b)/iu, 'head'],
  [/(?:закупщик\p{L}*|менеджер\p{L}* по закупк\p{L}*|purchasing manager|buyer|procurement)/iu, 'purchasing'],
  [/(?:менеджер\p{L}*|manager)/iu, 'manager'],
];

/** Russian titles in any case ("директором", "владельца") to their dictionary form. */
const dictionaryForms: [RegExp, string][] = [
  [/^генеральн\p{L}* директор\p{L}*$/iu, 'генеральный директор'],
  [/^директор\p{L}*$/iu, 'директор'],
  [/^владел\p{L}*$/iu, 'владелец'],
  [/^основател\p{L}*$/iu, 'основатель'],
  [/^собственник\p{L}*$/iu, 'собственник'],
  [/^руководител\p{L}*$/iu, 'руководитель'],
  [/^начальник\p{L}*$/iu, 'начальник'],
  [/^ceo$/i, 'CEO'],
];

/** Ranks stored as such when the customer named no title ("I run the team": a head). */
const rankCodes: Record<string, PositionRank> = {
  'owner/CEO': 'owner',
  head: 'head',
  purchasing: 'purchasing',
  manager: 'manager',
};

/**
 * The customer's own position in `text` (requests for a person already removed): the title as a
 * position field holds it, or a rank's code when the words name no title ("I run the team": `head`).
 */
export function readPosition(text: string): string | undefined {
  for (const [re, rank] of ranks) {
    const said = re.exec(text)?.[0];
    if (!said) continue;
    if (rank === 'purchasing' || rank === 'manager' || /^i (?:lead|manage|run)\b/i.test(said)) return rank;
    const form = dictionaryForms.find(([f]) => f.test(said));
    return form ? form[1] : said.toLocaleLowerCase();
  }
  return undefined;
}

/** A stored position as people read it: an older twin's "owner/CEO: CEO" is "CEO". */
export function positionShown(value: string): string {
  return /^(?:owner\/CEO|head): (.+)$/su.exec(value)?.[1] ?? value;
}

/** The rank a stored position names (a title, a rank's code, an older "head: …"), if any. */
export function positionRank(value: string): PositionRank | undefined {
  const shown = positionShown(value).trim();
  return rankCodes[shown] ?? ranks.find(([re]) => re.test(shown))?.[1];
}

/** A rank's code when the stored position is only that ("head"), for a label in the reader's language. */
export function positionCode(value: string): PositionRank | undefined {
  return rankCodes[positionShown(value).trim()];
}

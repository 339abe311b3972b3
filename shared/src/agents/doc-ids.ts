// Document ids the engine derives from other ids (reply, run, follow-up, lead). Ids are at most 128
// characters of [A-Za-z0-9_:.@-]: a derived id that would be longer keeps its head and ends in a hash
// of the whole, so it stays unique and stable.

function fnv(s: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

export const hashOf = (s: string) => `${fnv(s, 2166136261)}${fnv(s, 0x811c9dc5 ^ 0x5bd1e995)}`;

export function derivedId(...parts: string[]): string {
  const id = parts.join(':').replace(/[^A-Za-z0-9_:.@-]/g, '_');
  return id.length <= 128 ? id : `${id.slice(0, 100)}-${hashOf(id)}`;
}

export const replyIdFor = (messageId: string) => derivedId(messageId, 'reply');
export const runIdFor = (messageId: string) => derivedId('run', messageId);

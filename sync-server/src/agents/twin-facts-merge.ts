// A contact's twin written by an agent run while another writer changed the twin too (issue 14: a
// channel's profile facts, written right after the message the run answers). The field merge
// (shared/src/sync/merge.ts) keeps one side's `twin` whole; before it decides, the run's twin takes in
// what the other writer did to the facts since the run read them: facts it added, and the status it
// changed on facts the run left as they were; holding both, it is the newer twin (its field time is
// now), so the merge keeps it and neither side's facts are lost.
type Fact = { id?: unknown; [k: string]: unknown };
type WithTwin = { twin?: { facts?: Fact[]; [k: string]: unknown }; [k: string]: unknown };

const factsOf = (doc: WithTwin | undefined): Fact[] =>
  Array.isArray(doc?.twin?.facts) ? (doc.twin.facts as Fact[]) : [];
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** `local` (the run's contact) with the facts `remote` changed since `base`; `local` itself when none. */
export function withConcurrentFacts<T extends WithTwin>(
  base: WithTwin | undefined,
  local: T,
  remote: WithTwin,
  now: () => string = () => new Date().toISOString(),
): T {
  if (!base || !local.twin) return local;
  const baseById = new Map(factsOf(base).map((f) => [f.id, f]));
  const remoteFacts = factsOf(remote);
  const remoteById = new Map(remoteFacts.map((f) => [f.id, f]));
  const localFacts = factsOf(local);
  const localIds = new Set(localFacts.map((f) => f.id));
  let changed = false;
  const facts = localFacts.map((f) => {
    const b = baseById.get(f.id);
    const r = remoteById.get(f.id);
    // The run left the fact as it read it; the other writer changed it (superseded, confirmed).
    if (b && r && same(f, b) && !same(r, b)) {
      changed = true;
      return r;
    }
    return f;
  });
  const added = remoteFacts.filter((f) => !baseById.has(f.id) && !localIds.has(f.id));
  if (!changed && added.length === 0) return local;
  // Holding both sides' facts now, the run's twin is the newer value: the field merge keeps it.
  const fieldUpdatedAt = { ...(local.fieldUpdatedAt as object), twin: now() };
  return { ...local, twin: { ...local.twin, facts: [...facts, ...added].slice(-500) }, fieldUpdatedAt };
}

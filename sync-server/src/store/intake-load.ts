// Whether this process is taking in a backlog of customer messages (issue 14): a burst of mail that
// the mailbox reads in more than one chunk. Answering competes with intake for the same CPU (this
// process's and the store's), so while a backlog is being taken in the agent runner starts fewer
// runs (agent-runner.ts: a few still go, so nothing waits without end), and the burst is stored
// first; once intake is idle again the runner goes back to its full concurrency at once. Nothing is
// dropped or reordered: messages wait in the runner's queues and the feed's checkpoint stays before
// them until they are handled. Kept in memory per process, like the ingest notes.
export type IntakeLoad = {
  /** Marks a backlog being taken in, until the returned function is called (once; more calls are no-ops). */
  begin(): () => void;
  /** Whether a backlog is being taken in now. */
  readonly busy: boolean;
  /** Calls `fn` each time intake goes idle (the last backlog ended); returns the unsubscribe. */
  onIdle(fn: () => void): () => void;
};

export function createIntakeLoad(): IntakeLoad {
  let active = 0;
  const waiters = new Set<() => void>();
  return {
    begin() {
      active++;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        active--;
        if (active === 0) for (const fn of [...waiters]) fn();
      };
    },
    get busy() {
      return active > 0;
    },
    onIdle(fn) {
      waiters.add(fn);
      return () => waiters.delete(fn);
    },
  };
}

// The rule the tuner applies to every component of retrieval (full-text boosts, the vectors' vote):
// keep it only when it beats "off" on the pooled tuning queries by a clear margin, not by a query or
// two that held-out data would not repeat.

/**
 * Does `on` beat `off` clearly, query by query (1 = hit@1, 0 = miss, same queries in the same order)?
 * A one-sided sign test over the queries where they differ: wins - losses >= z * sqrt(wins + losses).
 */
export function signTest(
  on: number[],
  off: number[],
  z = 2,
): { wins: number; losses: number; clear: boolean } {
  let wins = 0;
  let losses = 0;
  on.forEach((h, i) => {
    if (h > off[i]!) wins++;
    else if (h < off[i]!) losses++;
  });
  return { wins, losses, clear: wins > losses && wins - losses >= z * Math.sqrt(wins + losses) };
}

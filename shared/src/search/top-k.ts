// Top-k selection with a binary min-heap: O(n log k) with no full sort (k is tens, n thousands).

/** Indices (0..n-1) of the `k` highest scores that `accept` lets through, best first. */
export function topK(
  scores: ArrayLike<number>,
  n: number,
  k: number,
  accept?: (i: number) => boolean,
): number[] {
  if (k <= 0) return [];
  const heap: number[] = [];
  const less = (a: number, b: number) => scores[a]! < scores[b]!;
  for (let i = 0; i < n; i++) {
    if (heap.length === k && !(scores[i]! > scores[heap[0]!]!)) continue;
    if (accept && !accept(i)) continue;
    if (heap.length < k) {
      heap.push(i);
      for (let c = heap.length - 1; c > 0;) {
        const p = (c - 1) >> 1;
        if (!less(heap[c]!, heap[p]!)) break;
        [heap[c], heap[p]] = [heap[p]!, heap[c]!];
        c = p;
      }
    } else {
      heap[0] = i;
      for (let p = 0; ;) {
        const l = 2 * p + 1;
        const r = l + 1;
        let m = p;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === p) break;
        [heap[m], heap[p]] = [heap[p]!, heap[m]!];
        p = m;
      }
    }
  }
  return heap.sort((a, b) => scores[b]! - scores[a]!);
}

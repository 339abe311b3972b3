// Out-of-scope detection, measured honestly on an intent set (banking77, read in place): some intents
// are held out of the knowledge base and stand for questions it does not cover. The knowledge base is
// the training utterances of the known intents (one chunk each, as a Q&A knowledge file holds its
// questions), searched by our hybrid index; a test utterance is in scope when its intent is known.
// Intents are assigned by a hash: 'known' (in the knowledge base), 'oos-tuning' (out of scope in the
// tuning split only) and 'oos-heldout' (out of scope in the held-out split only), so the held-out split
// meets unknown intents that nothing was tuned on. Queries split by the retrieval splits' hash.
// Detectors, each with a threshold chosen on the tuning split only (the highest out-of-scope recall
// whose in-scope accuracy is >= 0.85, the goal, with 95% confidence: the Wilson lower bound of
// the tuning estimate, so the goal holds on new questions too, not just on the ~800 in-scope questions
// it was chosen on), reported on both splits: the plain baseline (plain BM25's
// best score, computed in the same run), the agents' coverage check (llm/offline/coverage.ts) tuned
// here, the coverage check at the threshold in use (COVERAGE_THRESHOLD, from the retrieval sets), and
// the routing-level check: the local intent classifier trained on the known intents, its top
// probability as the score (a message below the threshold is 'unknown'), tuned here, and as the
// supervisor runs it (`routing-in-use`): the classifier's own threshold, calibrated when it was trained
// on the known intents' training utterances alone (llm/offline/unknown-threshold.ts), applied by the
// supervisor's own functions with the built-in profile (agents/roles/unknown-intent.ts).
import { unknownIntent, unknownIntentHandoff } from '../agents/roles/unknown-intent';
import { looksLikeInjection } from '../agents/safety';
import {
  COVERAGE_THRESHOLD,
  SCOPE_HITS,
  contentTerms,
  coverage,
  covers,
  passageTerms,
} from '../llm/offline/coverage';
import {
  trainIntentClassifier,
  type LabelledExample,
  type TrainOptions,
} from '../llm/offline/intent-classifier';
import { confidenceZ, wilsonLowerBound, type UnknownCalibration } from '../llm/offline/unknown-threshold';
import { splitOf, splits, type Split } from '../search/eval-splits';
import { fnv1a } from '../search/hash';
import { PlainBm25 } from '../search/plain-bm25';
import { buildEvalIndex } from '../search/retrieval-eval';
import { defaultProfile } from '../agents/profiles';

export type IntentRole = 'known' | 'oos-tuning' | 'oos-heldout';

/** 6 in 10 intents are known, 2 in 10 out of scope for tuning, 2 in 10 out of scope held out. */
export function intentRole(intent: string): IntentRole {
  const h = fnv1a(`oos-role:${intent}`) % 10;
  return h < 6 ? 'known' : h < 8 ? 'oos-tuning' : 'oos-heldout';
}

export type OosDetector =
  'plain-bm25-score' | 'coverage' | 'coverage-in-use' | 'classifier' | 'routing-in-use';

export type OosRow = {
  detector: OosDetector;
  split: Split;
  /** Below it a question is out of scope (handed off). */
  threshold: number;
  queries: number;
  outOfScope: number;
  /** Of the questions flagged out of scope, the share that are. */
  oosPrecision: number;
  /** Of the out-of-scope questions, the share flagged. */
  oosRecall: number;
  /** Of the in-scope questions, the share answered (not flagged). */
  inScopeAnswerRate: number;
  /** Of the in-scope questions, the share answered from a chunk of the right intent. */
  inScopeAccuracy: number;
};

export type OosEval = {
  knownIntents: number;
  oosIntents: { tuning: number; heldout: number };
  chunks: number;
  rows: OosRow[];
  /** The classifier's own "unknown" calibration (on the known intents' training utterances only). */
  calibration?: UnknownCalibration;
};

type Scored = { split: Split; oos: boolean; correct: Record<OosDetector, boolean> } & Record<
  OosDetector,
  number
>;

/** The `routing-in-use` score is 0 when the supervisor hands the question off, 1 when it answers. */
const inUseFlag = 0.5;

/** In-scope questions answered from the right intent: the share a threshold must keep (tuning). */
const minInScopeAccuracy = 0.85;

function measure(items: Scored[], detector: OosDetector, threshold: number, split: Split): OosRow {
  const inScope = items.filter((i) => !i.oos);
  const oos = items.filter((i) => i.oos);
  const flagged = items.filter((i) => i[detector] < threshold);
  const caught = flagged.filter((i) => i.oos).length;
  const answered = inScope.filter((i) => i[detector] >= threshold);
  const share = (n: number, of: number) => (of ? n / of : 0);
  return {
    detector,
    split,
    threshold,
    queries: items.length,
    outOfScope: oos.length,
    oosPrecision: flagged.length ? caught / flagged.length : 1,
    oosRecall: share(caught, oos.length),
    inScopeAnswerRate: share(answered.length, inScope.length),
    inScopeAccuracy: share(answered.filter((i) => i.correct[detector]).length, inScope.length),
  };
}

export { confidenceZ, wilsonLowerBound };

/**
 * The threshold with the best out-of-scope recall whose in-scope accuracy is >= 0.85 with confidence
 * `z` (the Wilson lower bound of the tuning split's accuracy; z = 0 takes the measured accuracy as is).
 * Tuning only; when no threshold keeps it, the lowest (nothing flagged).
 */
export function tuneThreshold(items: Scored[], detector: OosDetector, z = confidenceZ): number {
  const values = [...new Set(items.map((i) => i[detector]))].sort((a, b) => a - b);
  const inScope = items.filter((i) => !i.oos).length;
  let best = { threshold: values[0] ?? 0, recall: -1 };
  for (const t of values) {
    const m = measure(items, detector, t, 'tuning');
    if (wilsonLowerBound(m.inScopeAccuracy, inScope, z) >= minInScopeAccuracy && m.oosRecall > best.recall)
      best = { threshold: t, recall: m.oosRecall };
  }
  return best.threshold;
}

export type OosEvalOptions = {
  /** At most this many training utterances of each known intent go into the knowledge base. */
  perIntent?: number;
  /** At most this many test utterances are asked (the first ones of each split, for quick runs). */
  maxQueries?: number;
  /**
   * The routing-level check: the local intent classifier trained on the known intents (its top
   * probability as the score); left out when false. Default: 12 epochs, chosen on the tuning split
   * (recall at in-scope accuracy >= 0.85 with 95% confidence: 4 epochs 0.597, 8 epochs 0.638,
   * 12 epochs 0.641, 16 epochs 0.635, 8 epochs with char n-grams 3-4 0.632). Other scores tried on
   * the tuning split (same goal): the margin to the second intent 0.618; top probability + w * the
   * knowledge coverage (w 0.1 / 0.2 / 0.3 / 0.5 / 1) 0.644 / 0.641 / 0.638 / 0.632 / 0.612; flagged
   * only when no hit covers it either (coverage < 0.55) 0.444; flagged also when coverage < 0.36
   * 0.653. Temperature scaling changes no order, so no threshold's result. None beat the top
   * probability by more than 4 of the 340 tuning questions; it stays.
   */
  classifier?: TrainOptions | false;
};

export async function runOosEval(
  train: LabelledExample[],
  test: LabelledExample[],
  options: OosEvalOptions = {},
): Promise<OosEval> {
  const perIntent = new Map<string, number>();
  const corpus: Array<{ id: string; text: string; label: string }> = [];
  for (const e of train) {
    if (intentRole(e.label) !== 'known') continue;
    const n = perIntent.get(e.label) ?? 0;
    if (n >= (options.perIntent ?? Infinity)) continue;
    perIntent.set(e.label, n + 1);
    corpus.push({ id: `kb${corpus.length}`, text: e.text, label: e.label });
  }
  const labelOf = new Map(corpus.map((d) => [d.id, d.label]));
  const classifier =
    options.classifier === false
      ? undefined
      : trainIntentClassifier(corpus, options.classifier ?? { epochs: 12, minCount: 2 });
  const index = await buildEvalIndex({ corpus, queries: [], qrels: new Map() });
  const plain = new PlainBm25(corpus);
  const asked = test
    .map((e, i) => ({ ...e, split: splitOf(`test-${i}`), role: intentRole(e.label) }))
    .filter((e) => e.role === 'known' || e.role === `oos-${e.split}`)
    .slice(0, options.maxQueries ?? Infinity);
  const items: Scored[] = [];
  for (const q of asked) {
    const { hits } = await index.search(q.text, { mode: 'hybrid', limit: SCOPE_HITS, snippetLength: 0 });
    const top = hits[0];
    const [plainTop] = plain.search(q.text, 1);
    const terms = contentTerms(q.text);
    const cov = Math.max(0, ...hits.map((h) => coverage(terms, passageTerms(h.text))));
    const right = (id: string | undefined) => !!id && labelOf.get(id) === q.label;
    const predicted = classifier?.predict(q.text);
    // The supervisor's decision, by its own functions, with the built-in profile (no rep's threshold).
    const handedOff =
      classifier && predicted
        ? await unknownIntentHandoff(
            unknownIntent(
              {
                confidence: predicted.confidence,
                source: 'classifier',
                unknown: predicted.unknown,
                unknownBelow: classifier.unknownBelow,
              },
              defaultProfile,
            ),
            {
              confidence: predicted.confidence,
              casual: false,
              injectionSuspected: looksLikeInjection(q.text),
            },
            () => hits.some((h) => covers(q.text, { title: '', text: h.text })),
          )
        : undefined;
    items.push({
      split: q.split,
      oos: q.role !== 'known',
      'plain-bm25-score': plainTop?.score ?? 0,
      coverage: cov,
      'coverage-in-use': cov,
      classifier: predicted?.confidence ?? 0,
      'routing-in-use': handedOff ? 0 : 1,
      correct: {
        'plain-bm25-score': right(plainTop?.id),
        coverage: right(top?.id),
        'coverage-in-use': right(top?.id),
        classifier: predicted?.label === q.label,
        'routing-in-use': !predicted?.unknown && predicted?.label === q.label,
      },
    });
  }
  const tuningItems = items.filter((i) => i.split === 'tuning');
  const thresholds: Partial<Record<OosDetector, number>> = {
    'plain-bm25-score': tuneThreshold(tuningItems, 'plain-bm25-score'),
    coverage: tuneThreshold(tuningItems, 'coverage'),
    'coverage-in-use': COVERAGE_THRESHOLD,
    ...(classifier
      ? { classifier: tuneThreshold(tuningItems, 'classifier'), 'routing-in-use': inUseFlag }
      : {}),
  };
  const rows = splits.flatMap((split) =>
    (Object.keys(thresholds) as OosDetector[]).map((d) => {
      const row = measure(
        items.filter((i) => i.split === split),
        d,
        thresholds[d]!,
        split,
      );
      // The supervisor's threshold is the classifier's calibrated one (the score is its verdict).
      return d === 'routing-in-use' && classifier ? { ...row, threshold: classifier.unknownBelow } : row;
    }),
  );
  const labels = [...new Set(train.map((e) => e.label))];
  return {
    knownIntents: labels.filter((l) => intentRole(l) === 'known').length,
    oosIntents: {
      tuning: labels.filter((l) => intentRole(l) === 'oos-tuning').length,
      heldout: labels.filter((l) => intentRole(l) === 'oos-heldout').length,
    },
    chunks: corpus.length,
    rows,
    ...(classifier?.calibration ? { calibration: classifier.calibration } : {}),
  };
}

const names: Record<OosDetector, string> = {
  'plain-bm25-score': 'plain BM25 best score (baseline)',
  coverage: `coverage of the best ${SCOPE_HITS} hits, tuned here`,
  'coverage-in-use': `coverage of the best ${SCOPE_HITS} hits, threshold in use (agents)`,
  classifier: 'intent classifier top probability (routing), tuned here',
  'routing-in-use': `intent classifier's own calibrated 'unknown' (supervisor, in use)`,
};
const f = (n: number) => n.toFixed(3);

/** Markdown: the protocol in one line, then one row per detector and split. */
export function formatOosTable(result: OosEval): string {
  const lines = [
    `Out-of-scope detection: ${result.knownIntents} known intents (${result.chunks} chunks), ${result.oosIntents.tuning} unknown intents in the tuning split, ${result.oosIntents.heldout} other unknown intents in the held-out split; thresholds chosen on the tuning split (best out-of-scope recall at in-scope accuracy >= ${minInScopeAccuracy} with 95% confidence: its Wilson lower bound on the tuning split).`,
    '',
    ...(result.calibration
      ? [
          `The supervisor's threshold (in use) is the classifier's own, calibrated in training on the known intents' utterances alone: ${result.calibration.folds} folds x ${result.calibration.repeats} deals leaving out a share of the intents; on those calibration questions in-scope accuracy ${f(result.calibration.inScopeAccuracy)} (asked >= ${result.calibration.goal} with 95% confidence), recall of the left-out intents ${f(result.calibration.unknownRecall)}.`,
          '',
        ]
      : []),
    '| detector | split | threshold | queries | out of scope | OOS precision | OOS recall | in-scope answer rate | in-scope accuracy |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of result.rows) {
    lines.push(
      `| ${names[r.detector]} | ${r.split} | ${f(r.threshold)} | ${r.queries} | ${r.outOfScope} | ${f(r.oosPrecision)} | ${f(r.oosRecall)} | ${f(r.inScopeAnswerRate)} | ${f(r.inScopeAccuracy)} |`,
    );
  }
  return lines.join('\n');
}

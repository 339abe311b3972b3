// The events intents' evaluation (issue 39): accuracy of the intent model (intent-model.ts) on the
// evaluation set's held-out split, beside plain baselines measured in the same run: the classifier
// Maestro used before (light stemmer, trained on the pack's examples only) alone and with the
// hand-written cues, that method trained on the tuning split too, and the hand-written cues alone. On
// the tuning split the model is scored by 4-fold cross-validation (each fold predicted by a model
// trained without it), which is also what `tune` searches the model's weights by.
import {
  trainIntentClassifier,
  type IntentClassifier,
  type LabelledExample,
} from '../../../llm/offline/intent-classifier';
import { packTrainOptions } from '../../classifier';
import { eventIntent, handCues } from '../intent-cues';
import {
  combine,
  intentModelDefaults,
  intentTrainOptions,
  learnCues,
  type IntentModelOptions,
} from '../intent-model';
import { eventExamples } from '../intents';
import { intentSplit, type IntentSample } from './intent-set';

export type IntentEvalRow = {
  method: string;
  split: 'tuning' | 'held-out';
  n: number;
  accuracy: number;
  ru: number;
  en: number;
  wrong: { text: string; label: string; got: string }[];
};

type Predict = (text: string) => string;

function score(method: string, split: IntentEvalRow['split'], set: IntentSample[], got: string[]) {
  const right = (s: IntentSample, i: number) => got[i] === s.label;
  const acc = (lang?: string) => {
    const idx = set.map((s, i) => i).filter((i) => !lang || set[i]!.lang === lang);
    return idx.filter((i) => right(set[i]!, i)).length / Math.max(idx.length, 1);
  };
  return {
    method,
    split,
    n: set.length,
    accuracy: acc(),
    ru: acc('ru'),
    en: acc('en'),
    wrong: set.flatMap((s, i) => (right(s, i) ? [] : [{ text: s.text, label: s.label, got: got[i]! }])),
  };
}

const run = (method: string, split: IntentEvalRow['split'], set: IntentSample[], predict: Predict) =>
  score(
    method,
    split,
    set,
    set.map((s) => predict(s.text)),
  );

/** The hand-written cues alone: the first intent whose cue the text has (event_request otherwise). */
const keywordOnly: Predict = (text) => handCues(text)[0] ?? 'event_request';

type Fitted = { classifier: IntentClassifier; examples: readonly LabelledExample[] };

/** 4 folds of the tuning split, each with the classifier trained on the pack's examples and the rest. */
function tuningFolds(tuning: IntentSample[], bigrams: boolean): { test: IntentSample[]; fit: Fitted }[] {
  return [0, 1, 2, 3].map((k) => {
    const test = tuning.filter((_, i) => i % 4 === k);
    const examples = [...eventExamples, ...tuning.filter((_, i) => i % 4 !== k)];
    const classifier = trainIntentClassifier(examples, intentTrainOptions({ bigrams }));
    return { test, fit: { classifier, examples } };
  });
}

/** The model's cross-validated predictions of the tuning split with these weights. */
function crossValidated(folds: ReturnType<typeof tuningFolds>, o: IntentModelOptions) {
  const set: IntentSample[] = [];
  const got: string[] = [];
  for (const { test, fit } of folds) {
    const cues = learnCues(fit.examples, o);
    for (const s of test) {
      set.push(s);
      got.push(combine({ classifier: fit.classifier, cues }, s.text, o).label);
    }
  }
  return { set, got };
}

export type IntentEvalResult = { rows: IntentEvalRow[]; trainedOn: number; ms: number };

/** Every method on both splits, in one run. */
export function evaluateEventIntents(o: IntentModelOptions = intentModelDefaults): IntentEvalResult {
  const t0 = performance.now();
  const tuning = intentSplit('tuning');
  const heldout = intentSplit('heldout');
  const rows: IntentEvalRow[] = [];
  const before = trainIntentClassifier([...eventExamples], packTrainOptions);
  const withTuning = [...eventExamples, ...tuning];
  const beforeMore = trainIntentClassifier(withTuning, packTrainOptions);
  for (const [split, set] of [
    ['tuning', tuning],
    ['held-out', heldout],
  ] as const) {
    rows.push(run('keyword cues alone', split, set, keywordOnly));
    rows.push(run('classifier before, alone', split, set, (t) => before.predict(t).label));
    rows.push(run('classifier before + cues', split, set, (t) => eventIntent(before, t).label));
  }
  rows.push(
    run(
      'classifier before + cues, with tuning',
      'held-out',
      heldout,
      (t) => eventIntent(beforeMore, t).label,
    ),
  );
  const cv = crossValidated(tuningFolds(tuning, o.bigrams), o);
  rows.push(score('intent model (4-fold CV)', 'tuning', cv.set, cv.got));
  const model = {
    classifier: trainIntentClassifier(withTuning, intentTrainOptions(o)),
    cues: learnCues(withTuning, o),
  };
  rows.push(run('intent model', 'held-out', heldout, (t) => combine(model, t, o).label));
  return { rows, trainedOn: withTuning.length, ms: performance.now() - t0 };
}

/** The grid `tune` searches, each parameter's values in order (neighbours are one step apart). */
const tuningGrid = {
  bigrams: [true, false],
  handWeight: [0, 0.15, 0.25, 0.35, 0.5],
  learnedWeight: [0, 0.25, 0.5, 0.75, 1],
  cueMinCount: [2, 3],
  cueMinShare: [0.6, 0.75, 0.85],
} as const satisfies { [K in keyof IntentModelOptions]: readonly IntentModelOptions[K][] };

const gridKey = (o: IntentModelOptions) => JSON.stringify(o);

/**
 * The weights by cross-validated accuracy on the tuning split (held-out never read), best first. Many
 * settings tie on 158 messages, so ties go to the one whose grid neighbours (one parameter one step
 * away) score best on average, a setting in a plateau rather than on a peak; then to grid order.
 */
export function tuneIntentModel(): {
  options: IntentModelOptions;
  accuracy: number;
  neighbourhood: number;
}[] {
  const scored: { options: IntentModelOptions; accuracy: number }[] = [];
  for (const bigrams of tuningGrid.bigrams) {
    const folds = tuningFolds(intentSplit('tuning'), bigrams);
    for (const handWeight of tuningGrid.handWeight)
      for (const learnedWeight of tuningGrid.learnedWeight)
        for (const cueMinCount of tuningGrid.cueMinCount)
          for (const cueMinShare of tuningGrid.cueMinShare) {
            const options = { bigrams, handWeight, learnedWeight, cueMinCount, cueMinShare };
            const r = crossValidated(folds, options);
            const right = r.got.filter((g, i) => g === r.set[i]!.label).length;
            scored.push({ options, accuracy: right / r.set.length });
          }
  }
  const accuracyOf = new Map(scored.map((t) => [gridKey(t.options), t.accuracy]));
  const neighbourhood = (o: IntentModelOptions) => {
    const values = [accuracyOf.get(gridKey(o))!];
    for (const k of Object.keys(tuningGrid) as (keyof IntentModelOptions)[]) {
      const axis = tuningGrid[k] as readonly unknown[];
      const i = axis.indexOf(o[k]);
      for (const j of [i - 1, i + 1])
        if (j >= 0 && j < axis.length) values.push(accuracyOf.get(gridKey({ ...o, [k]: axis[j] }))!);
    }
    return values.reduce((a, b) => a + b, 0) / values.length;
  };
  return scored
    .map((t) => ({ ...t, neighbourhood: neighbourhood(t.options) }))
    .sort((a, b) => b.accuracy - a.accuracy || b.neighbourhood - a.neighbourhood);
}

/** The rows as a Markdown table. */
export function formatIntentTable(rows: readonly IntentEvalRow[]): string {
  const f = (x: number) => x.toFixed(3);
  return [
    '| method | split | n | accuracy | ru | en |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.method} | ${r.split} | ${r.n} | ${f(r.accuracy)} | ${f(r.ru)} | ${f(r.en)} |`),
  ].join('\n');
}

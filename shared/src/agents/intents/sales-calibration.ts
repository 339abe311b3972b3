// The built-in sales classifier's "unknown" calibration, as `trainIntentClassifier` computes it from
// `intentExamples` with `salesTrainOptions` (engine.ts). The computation is deterministic but trains
// ten models (~1.3 s), which every process would pay at its first message; this copy is used only
// while the examples and options hash to `examples`, and training calibrates anew otherwise.
// sales-calibration.test.ts computes it again and fails, printing the new copy, when this one is stale.
import type { UnknownCalibration } from '../../llm/offline/unknown-threshold';

export const salesCalibration: { examples: string; calibration: UnknownCalibration } = {
  examples: '3b4714da9e49471c',
  calibration: {
    below: 0.20427689747719907,
    inScopeAccuracy: 0.712457337883959,
    unknownRecall: 0.11203319502074689,
    goal: 0.6744027303754265,
    inScope: 1172,
    unknown: 1446,
    folds: 5,
    repeats: 2,
  },
};

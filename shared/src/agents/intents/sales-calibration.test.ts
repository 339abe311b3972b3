// The kept calibration of the built-in sales classifier is what training computes today.
import { describe, expect, it } from 'vitest';
import { trainIntentClassifier } from '../../llm/offline/intent-classifier';
import { salesClassifier, salesExamplesHash, salesTrainOptions } from '../engine';
import { intentExamples } from './examples';
import { salesCalibration } from './sales-calibration';

describe('the built-in classifier calibration kept in sales-calibration.ts', () => {
  it('equals a fresh calibration of the same examples and options', () => {
    const fresh = {
      examples: salesExamplesHash(),
      calibration: trainIntentClassifier(intentExamples, salesTrainOptions).calibration,
    };
    // On a mismatch, the new copy for sales-calibration.ts is in the diff below.
    expect(salesCalibration).toEqual(fresh);
  });

  it('is what the process-wide classifier uses', () => {
    expect(salesClassifier().unknownBelow).toBe(salesCalibration.calibration.below);
    expect(salesClassifier().calibration).toEqual(salesCalibration.calibration);
  });
});

// What the desktop benchmark (desktop/bench) reaches in the page when `sw.bench` is set on a device:
// the workspace, the search client, the shared analytics functions the Analytics screen called over
// every doc, and the device's analytics rollup with the figures the screen now computes from it, so
// the benchmark can time both computations over the local data.
import * as analytics from './analytics';
import { analyticsFigures } from './analytics-facts';
import { analyticsRollup } from '../data/analytics-rollup';

/** Every function of lib/analytics.ts (aiResolution, breakdown, funnel, trends, …), the figures and the rollup. */
export const benchAnalytics = { ...analytics, analyticsFigures, analyticsRollup };

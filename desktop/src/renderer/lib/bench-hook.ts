// What the desktop benchmark (desktop/bench) reaches in the page when `sw.bench` is set on a device:
// the workspace, the search client, and the shared analytics functions the Analytics screen calls,
// so the benchmark can time their pure computation over the local data.
import {
  aiResolution,
  breakdown,
  firstResponseTimes,
  funnel,
  leadSummary,
  stageConversion,
  timeInStage,
  trends,
} from './analytics';

export const benchAnalytics = {
  aiResolution,
  breakdown,
  firstResponseTimes,
  funnel,
  leadSummary,
  stageConversion,
  timeInStage,
  trends,
};

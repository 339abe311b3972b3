// The supervisor's "unknown intent" decision: a routed message that no known intent fits is handed to a
// human, not answered under a wrong intent. One function, called by the supervisor and by the
// out-of-scope evaluation (cli/oos-report.ts, `routing-in-use`), so the figure is what runs.
//
// Where the threshold comes from:
// - the profile's `handoffThreshold`, when a rep set one: the message is unknown below it, and, as
//   before, still answered when the knowledge base covers the question;
// - else, for a route by the local classifier: the classifier's own threshold, calibrated when it was
//   trained (llm/offline/unknown-threshold.ts). That threshold already keeps 85% of known-intent
//   questions answered right on the classifier's own held-out data, and it stands on its own: on
//   banking77 the knowledge coverage check (coverage >= COVERAGE_THRESHOLD) holds for 55% of the
//   questions of unknown intents, so letting it overrule cut the recall of unknown intents from 0.74 to
//   0.38 (oos-report.ts);
// - else (a model's route, on the model's own confidence scale): DEFAULT_HANDOFF_THRESHOLD, with the
//   knowledge base's say as with a rep's threshold.
// Routes by rules (opt-out, a human asked for, /start) are never unknown.
import type { AgentSettingsDoc } from '../../schemas/index';

/** Below it a model's route is unknown when the profile sets no threshold. */
export const DEFAULT_HANDOFF_THRESHOLD = 0.35;

export type RouteConfidence = {
  confidence: number;
  source: 'rules' | 'llm' | 'classifier';
  /** The local classifier's calibrated verdict (its routes only). */
  unknown?: boolean;
  /** The local classifier's calibrated threshold (its routes only). */
  unknownBelow?: number;
};

export type UnknownIntent = {
  unknown: boolean;
  /** The threshold in force, and whose it is. */
  below: number;
  by: 'profile' | 'classifier' | 'default' | 'rules';
  /** Whether a knowledge base that covers the question still has it answered. */
  knowledgeMayAnswer: boolean;
};

export function unknownIntent(
  route: RouteConfidence,
  profile: Pick<AgentSettingsDoc, 'handoffThreshold'>,
): UnknownIntent {
  if (route.source === 'rules') return { unknown: false, below: 0, by: 'rules', knowledgeMayAnswer: true };
  const own = profile.handoffThreshold;
  if (own !== undefined)
    return { unknown: route.confidence < own, below: own, by: 'profile', knowledgeMayAnswer: true };
  if (route.source === 'classifier') {
    const below = route.unknownBelow ?? 0;
    const unknown = route.unknown ?? route.confidence < below;
    return { unknown, below, by: 'classifier', knowledgeMayAnswer: false };
  }
  const below = DEFAULT_HANDOFF_THRESHOLD;
  return { unknown: route.confidence < below, below, by: 'default', knowledgeMayAnswer: true };
}

/**
 * The hand-off reason for an unknown intent, or undefined: small talk, contact details and opt-outs are
 * never handed off for it, nor a message suspected of prompt injection (the answer role handles that);
 * `covered` (the knowledge base covers the question) is asked only when it may overrule.
 */
export async function unknownIntentHandoff(
  check: UnknownIntent,
  message: { confidence: number; casual: boolean; injectionSuspected: boolean },
  covered: () => Promise<boolean> | boolean,
): Promise<string | undefined> {
  if (!check.unknown || message.casual || message.injectionSuspected) return undefined;
  if (check.knowledgeMayAnswer && (await covered())) return undefined;
  return lowConfidenceReason(check, message.confidence);
}

/** "low routing confidence (0.461 < 0.465)": the hand-off reason of a message of unknown intent. */
export function lowConfidenceReason(check: UnknownIntent, confidence: number): string {
  // A calibrated threshold has more digits than a rep's: three, so "0.461 < 0.465" never reads "0.46 < 0.46".
  const digits = check.by === 'classifier' ? 3 : 2;
  const below = Math.round(check.below * 10 ** digits) / 10 ** digits;
  return `low routing confidence (${confidence.toFixed(digits)} < ${below})`;
}

// Password strength: zxcvbn-ts with its common (most used passwords, keyboard graphs) and English
// dictionaries. A new password (registration, invite acceptance, password change) needs a score of at
// least 3 of 4 (about 10^8 guesses: out of reach of an online attack and of a quick offline one on
// our scrypt hashes); the most common passwords score 0-1. There is no maintained Russian dictionary
// for zxcvbn-ts, so a password typed in the Russian layout is also scored as the keys it was typed
// on (`йцукен` is `qwerty`). The dictionaries are loaded once, on first use.
import { DomainError } from '@app/shared/errors';

export const MIN_PASSWORD_SCORE = 3;

/**
 * Only the first characters are scored: zxcvbn's l33t and repeat matching grow fast with length
 * (200 random characters took 2 s with the defaults, here under 0.1 s). Long passwords are rarely weak,
 * and one whose first 64 characters are weak is refused, which is fine.
 */
const SCORED_LENGTH = 64;

type Checker = (password: string, userInputs: string[]) => StrengthResult;
export type StrengthResult = { score: number; warning: string | null; suggestions: string[] };

let checker: Promise<Checker> | undefined;

async function load(): Promise<Checker> {
  const [{ ZxcvbnFactory }, common, en] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]);
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    maxLength: SCORED_LENGTH,
    l33tMaxSubstitutions: 10,
  });
  return (password, userInputs) => {
    const r = zxcvbn.check(password, userInputs);
    return { score: r.score, warning: r.feedback.warning, suggestions: r.feedback.suggestions };
  };
}

/**
 * Loads the dictionaries (once, 0.7 s of CPU): on the first password set in the process, which a
 * sign-up's fixed answer time (SIGNUP_ANSWER_MS) covers, so no process pays it at start.
 */
export const loadPasswordStrength = (): Promise<Checker> => (checker ??= load());

const ru = 'ёйцукенгшщзхъфывапролджэячсмитьбю';
const en = "`qwertyuiop[]asdfghjkl;'zxcvbnm,.";
const layout = new Map([...ru].map((c, i) => [c, en[i]!]));
/** The keys a password typed in the Russian layout was typed on, or undefined when it has no Cyrillic. */
export function asLatinKeys(password: string): string | undefined {
  const lower = password.toLowerCase();
  if (![...lower].some((c) => layout.has(c))) return undefined;
  return [...lower].map((c) => layout.get(c) ?? c).join('');
}

/** The weaker of the password's score and the score of the keys it was typed on. */
export async function passwordStrength(password: string, userInputs: string[] = []): Promise<StrengthResult> {
  const check = await loadPasswordStrength();
  const text = password.normalize('NFKC');
  const inputs = userInputs.flatMap((s) => [s, ...s.split(/[@.\s_-]+/)]).filter((s) => s.length >= 3);
  const direct = check(text, inputs);
  const keys = asLatinKeys(text);
  const typed = keys === undefined ? undefined : check(keys, inputs);
  return typed && typed.score < direct.score ? typed : direct;
}

/**
 * Throws 400 `password-too-weak` with zxcvbn's reason and suggestions when the password scores below
 * MIN_PASSWORD_SCORE. `userInputs` (e-mail, team name) count as known words.
 */
export async function assertStrongPassword(password: string, userInputs: string[] = []): Promise<void> {
  const r = await passwordStrength(password, userInputs);
  if (r.score >= MIN_PASSWORD_SCORE) return;
  const why = r.warning ?? 'It would be easy to guess.';
  const hint =
    r.suggestions.length > 0 ? ` ${r.suggestions.join(' ')}` : ' Use a longer phrase of uncommon words.';
  throw new DomainError(
    'password-too-weak',
    `The password is too weak (strength ${r.score} of 4, at least ${MIN_PASSWORD_SCORE} needed): ${why}${hint}`,
    {
      details: {
        score: r.score,
        minScore: MIN_PASSWORD_SCORE,
        warning: r.warning,
        suggestions: r.suggestions,
      },
    },
  );
}

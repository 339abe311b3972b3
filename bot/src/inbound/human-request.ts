// Does the customer ask for a human? A cheap rule-based flag; the agents pipeline also classifies.
// Careful with plain "человек": "команда из 20 человек" is about team size, not a hand-off.

const W = '(?<![\\p{L}\\p{N}])'; // a word starts here (\b knows no Cyrillic)
const E = '(?![\\p{L}\\p{N}])'; // a word ends here

const patterns: RegExp[] = [
  // Russian
  new RegExp(`${W}оператор`, 'iu'),
  new RegExp(
    `${W}(жив|реальн|настоящ|нормальн)\\p{L}*\\s+(человек|люд|сотрудник|менеджер|консультант)`,
    'iu',
  ),
  new RegExp(
    `${W}(позов|соедин|переключ|пригласи|дайте|нужен|нужна|хочу|можно|свяжите|свяжи)\\p{L}*\\s+(мне\\s+)?(с\\s+|со\\s+)?(\\p{L}+\\s+)?(человек|менеджер|сотрудник|консультант|специалист|оператор)`,
    'iu',
  ),
  new RegExp(`^\\s*(человек|менеджер|оператор|сотрудник|консультант)\\s*[!.?]*\\s*$`, 'iu'),
  new RegExp(`${W}(не\\s+)?(хочу|буду)\\s+(говорить|общаться|разговаривать)\\s+с\\s+(ботом|роботом)`, 'iu'),
  // English
  new RegExp(`${W}human${E}`, 'iu'),
  new RegExp(`${W}operator${E}`, 'iu'),
  new RegExp(`${W}(real|live|actual)\\s+(person|human|agent|people)${E}`, 'iu'),
  new RegExp(`${W}agent,?\\s+please${E}`, 'iu'),
  new RegExp(`${W}representative${E}`, 'iu'),
  new RegExp(
    `${W}(talk|speak|chat|connect\\s+me)\\s+(to|with)\\s+(a\\s+|an\\s+|the\\s+|your\\s+)?(human|person|someone|manager|agent|operator|support)${E}`,
    'iu',
  ),
  new RegExp(`${W}(not|no)\\s+(a\\s+)?(bot|robot)${E}`, 'iu'),
];

/** True when the text looks like a request to talk to a person. */
export function isHumanRequest(text: string, extra: readonly RegExp[] = []): boolean {
  const t = text.normalize('NFKC');
  return patterns.some((p) => p.test(t)) || extra.some((p) => p.test(t));
}

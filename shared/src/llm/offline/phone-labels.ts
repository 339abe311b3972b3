// Numbers written as phones (issue 35): digits right after a label (`Phone:`, `Mob.`, `Тел.`,
// `Telefon:`, `電話:`) or a request (`call me on`, `reach me at`, `звоните на`, `мой номер`). Such a
// number is a phone even when no region's plan validates it (`0490 75 40 81` with no country known,
// a 7-digit local `450 0840`): the caller keeps the text as written when no E.164 form is known.
// Weak labels (`Office`, `Home`, `Fax`, `рабочий`) count only with a colon or `no.`/`tel.` after them.

/** Words and phrases that name what follows as a phone number, in the languages customers write. */
const strongLabels = [
  // English
  'phone(?:\\s*(?:no|nr|number|#))?',
  'ph',
  'tel(?:ephone)?(?:\\s*(?:no|number))?',
  'mob(?:ile)?(?:\\s*(?:phone|no|number))?',
  'cell(?:\\s*phone)?',
  'cellular',
  'whats\\s?app',
  'viber',
  'signal',
  'sms',
  '(?:call|ring|reach|text|txt|contact|phone|dial|buzz)\\s+(?:me|us)(?:\\s+back)?',
  '(?:my|our)\\s+(?:(?:phone|mobile|cell|contact|direct)\\s+)?number',
  '(?:phone|contact|mobile|cell|telephone|callback)\\s+number',
  // French, German, Dutch, Nordic
  't[ée]l[ée]phone',
  'tél',
  'portable',
  '(?:r?appel(?:ez|le)[-\\s]moi|joignable)',
  'mon\\s+numéro',
  'telefon(?:nummer)?',
  'rufnummer',
  'handy',
  'mobil(?:nummer|telefon)?',
  'erreichbar(?:\\s+unter)?',
  'rufen\\s+sie\\s+mich(?:\\s+(?:an|unter))?',
  'telefoon(?:nummer)?',
  'mobiel',
  'bel\\s+(?:me|mij)',
  'ring\\s+(?:mig|meg)',
  'puhelin(?:numero)?',
  // Spanish, Portuguese, Italian
  'tel[eé]fono',
  'telefone',
  'tfno',
  'telf',
  'tlfn?',
  'm[oó]vil',
  'celular',
  'cel',
  'll[aá]mame',
  'me\\s+liga',
  'cellulare',
  'chiamami',
  'chiamatemi',
  // Polish, Czech, Turkish
  'kom(?:[oó]rka)?',
  'cep(?:\\s*tel)?',
  'gsm',
  // Russian, Ukrainian, Kazakh Russian
  'тел(?:ефон\\p{L}*)?',
  'моб(?:ильн\\p{L}*|ілн\\p{L}*)?',
  'сотов\\p{L}*',
  'мо[йя]\\s+(?:номер|телефон|мобильный|сотовый)',
  'мій\\s+(?:номер|телефон)',
  'номер\\s+(?:телефона|для\\s+связи|для\\s+зв.язку)',
  '(?:по)?звоните(?:\\s+мне)?',
  'перезвоните(?:\\s+мне)?',
  'набирайте',
  'ватсап',
  'вотсап',
  'вайбер',
  // Japanese, Chinese
  '電話(?:番号)?',
  '携帯(?:電話)?',
  '电话',
  '手机',
];

const weakLabels = [
  'contact',
  'office',
  'work',
  'home',
  'direct',
  'landline',
  'fax',
  'bureau',
  'fixe',
  'büro',
  'festnetz',
  'ufficio',
  'oficina',
  'рабочий',
  'домашний',
  'городской',
  'факс',
];

/** What may stand between a label and the number: punctuation, `is`, `at`, `on`, `au`, `unter`, `на`. */
const joiner =
  '(?:[\\s.:：=#()\\-–—]|(?<!\\p{L})(?:is|are|at|on|au|al|ao|no|nr|op|unter|am|no\\.|на|по|:)(?!\\p{L}))*';
const strong = new RegExp(`(?<!\\p{L})(?:${strongLabels.join('|')})(?!\\p{L})${joiner}$`, 'iu');
const weak = new RegExp(
  `(?<!\\p{L})(?:${weakLabels.join('|')})\\s*(?:(?:no|nr|number|tel|phone)\\.?\\s*:?|[:：])\\s*$`,
  'iu',
);

/** Whether the text just before a number labels it as a phone. */
export function labelledAsPhone(before: string): boolean {
  const line = before.slice(before.lastIndexOf('\n') + 1).slice(-40);
  return strong.test(line) || weak.test(line);
}

export type NumberRun = { start: number; end: number; raw: string; digits: number };

// Digits grouped by spaces, dots, dashes, slashes and brackets, on one line; an optional `+`/`00`,
// and an extension (`ext. 12`, `x12`, `доб. 105`).
const run =
  /(?<![\p{L}\p{N}])(?:\+|00)?\(?\d[\d \t\u00a0()./-]*\d(?:[ \t]*(?:ext\.?|x|доб\.?|вн\.?)[ \t]*\d{1,6})?/giu;

/** Runs of phone-shaped digits in the text (several numbers joined by ` / ` are split). */
export function numberRuns(text: string): NumberRun[] {
  const out: NumberRun[] = [];
  for (const m of text.matchAll(run)) {
    const parts = m[0].replace(/\D/g, '').length > 15 ? splitRun(m[0]) : [{ at: 0, raw: m[0] }];
    for (const { at, raw } of parts) {
      const trimmed = raw.replace(/[\s(/.-]+$/u, '');
      const start = m.index + at;
      out.push({ start, end: start + trimmed.length, raw: trimmed, digits: mainDigits(trimmed) });
    }
  }
  return out;
}

function splitRun(raw: string): { at: number; raw: string }[] {
  const out: { at: number; raw: string }[] = [];
  let at = 0;
  for (const piece of raw.split(/(\s*\/\s*|\s{2,})/)) {
    if (/\d/.test(piece) && !/^\s*\/\s*$/.test(piece)) out.push({ at, raw: piece });
    at += piece.length;
  }
  return out;
}

/** Digits of the number without its extension. */
export const mainDigits = (raw: string): number =>
  raw.split(/ext\.?|x|доб\.?|вн\.?/iu)[0]!.replace(/\D/g, '').length;

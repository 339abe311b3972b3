// The mood and abuse of one customer message (issue 62): abuse by the whole-word lexicon (abuse.ts); mood by
// opinion words with negation and intensifiers, emoticons and punctuation, complaint patterns and abuse;
// each contribution leaves a short reason a rep can read.
import { abuseSeverity, findAbuse, type AbuseSeverity } from './abuse';
import { abuseProbabilityRu } from './abuse-model';
import {
  intensifiers,
  negativeWords,
  negators,
  positiveWords,
  strongNegativeWords,
  weakNegativeWords,
} from './mood-lexicon';
import { complaintCues, politeQuestion, politeTail, scareQuotes } from './complaint-cues';
import { tokenise } from './normalise';

export type { AbuseSeverity } from './abuse';
export type MoodLabel = 'negative' | 'neutral' | 'positive';
export type CustomerMood = {
  abuse: { severity: AbuseSeverity; terms: string[] };
  mood: { label: MoodLabel; score: number; reasons: string[] };
  angry: boolean;
};
export type ReplyAbuseContext = {
  /** The customer's words (and any text not the team's own): each lends the words it does not use abusively. */
  vocabulary?: Iterable<string>;
  /** The team's own catalog and knowledge texts: every word they use is theirs to use in a reply. */
  catalog?: Iterable<string>;
};

type Lexicon = { exact: Map<string, number>; stems: [string, number][] };
function lexicon(groups: [string[], number][]): Lexicon {
  const exact = new Map<string, number>();
  const stems: [string, number][] = [];
  for (const [words, w] of groups)
    for (const word of words) {
      if (word.endsWith('*')) stems.push([word.slice(0, -1), w]);
      else exact.set(word, w);
    }
  stems.sort((a, b) => b[0].length - a[0].length);
  return { exact, stems };
}
const lex = lexicon([
  [weakNegativeWords, -0.5],
  [negativeWords, -1],
  [strongNegativeWords, -1.5],
  [positiveWords, 1],
]);
const enSuffix = /^(.{3,}?)(?:s|es|ed|d|ing|ly)$/;

function weightOf(word: string): number | undefined {
  const w = lex.exact.get(word);
  if (w !== undefined) return w;
  for (const [stem, sw] of lex.stems) if (word.startsWith(stem)) return sw;
  // A Russian short adjective drops the fleeting е of its stem ("бесполезен" of "бесполезн*").
  if (/[а-я]ен$/.test(word)) {
    const short = `${word.slice(0, -2)}н`;
    for (const [stem, sw] of lex.stems) if (short === stem) return sw;
  }
  const m = enSuffix.exec(word);
  if (m && /^[a-z]+$/.test(word)) return lex.exact.get(m[1]!) ?? lex.exact.get(`${m[1]}e`);
  return undefined;
}

/** A refund asked for, or promised: a complaint, unless asked of the policy (`hypothetical`). */
const refundRu =
  /верн(?:ите|уть|ет|ете|и) (?:мне )?(?:мои |наши )?(?:деньги|средства|оплату|предоплату)|возврат (?:денег|средств)|требую (?:возврат|вернуть|вернуть|компенсац)/;
const refundEn = /\b(?:refund|money back|chargeback|reimburse)\b/;
/**
 * A refund asked of the policy before anything went wrong ("Если CRM не подойдёт, вы вернёте деньги?",
 * "Can I get a refund if it doesn't fit?", "Is there a money-back guarantee?"): a pre-sales question,
 * not a complaint. Only a message that says nothing else negative is read so.
 */
const hypothetical =
  /(?:^|[\s,(])(?:если|в случае|а вдруг|if|in case|what if|would|is there|do you (?:offer|give|have)|what is your|what's your)(?=[\s,])|(?:^|\s)(?:можно ли|могу ли|возможен ли|есть ли|предусмотрен)(?=\s)|(?:refund|return) policy|гарантия возврата|money-back guarantee/;

/** Complaint patterns, on the lower-cased text with ё → е. */
const complaints: RegExp[] = [
  /до сих пор (?:не|нет|жду|ничего)/,
  /(?:второй|третий|четвертый|пятый|десятый|сотый|который|очередной) раз (?:пишу|звоню|обращаюсь|прошу|спрашиваю|жалуюсь)|(?:пишу|звоню|обращаюсь) (?:уже )?(?:второй|третий|пятый|который|в который) раз/,
  /никто не (?:отвечает|ответил|перезвонил|звонит|помог|решает|решил|берет|связался|может)/,
  /не (?:могу|можем|удается|получается) (?:дозвониться|достучаться|связаться|дождаться|вернуть|войти|оплатить|получить)/,
  refundRu,
  /где (?:мой|моя|мое|мои|наш|наша|наши) (?:заказ|посылка|деньги|возврат|товар|доставка|еда|пицца|машина|билет|билеты)|где (?:заказ|деньги|посылка|еда)/,
  /сколько (?:можно|еще|ещё) (?:ждать|можно)|сколько можно/,
  /(?:так и не|все еще не|всё ещё не|до сих пор) (?:пришел|пришла|пришло|пришли|получил|получила|доставили|вернули|ответили|перезвонили|решили|исправили)/,
  /уже (?:неделю|две недели|месяц|полмесяца|несколько дней|три дня|второй день|третий день|час|два часа|полчаса) (?:жду|не|ничего|как)/,
  /(?:не|ни разу не) (?:работает|работают|пришел|пришла|пришло|доставили|отвечаете|отвечает|перезвонили|ответили|вернули|помогли|включается|заряжается|открывается)/,
  /(?:оставлю|напишу|подам) (?:жалобу|претензию|отзыв|заявление|в суд)|(?:буду|будем) жаловаться|обращусь в (?:суд|роспотребнадзор|прокуратуру|банк)/,
  /вы (?:издеваетесь|смеетесь|серьезно)|что за (?:бардак|безобразие|хрень|фигня|издевательство|сервис)/,
  /\bstill (?:not|no|nothing|haven'?t|hasn'?t|waiting|broken|missing|can'?t|doesn'?t|don'?t)\b/,
  /\b(?:been )?on hold (?:for|over)\b|\bwaiting (?:for|over) (?:an hour|hours|\d+ (?:hours|days|weeks|minutes)|days|weeks|a week|a month)\b/,
  /\b(?:no one|nobody|no-one) (?:answers|answered|is answering|responds|responded|replies|replied|has replied|helped|has helped|called|calls|got back|gets back|cares)\b/,
  /\bwhere(?: is|'s| are) my (?:order|package|parcel|refund|money|delivery|item|items|food|meal|pizza|car|stuff|ticket|tickets)\b/,
  refundEn,
  /\b(?:second|third|fourth|fifth|tenth|another|umpteenth) (?:time|call|email|message)\b/,
  /\bnever (?:arrived|received|got|came|showed|delivered|responded|answered|called)\b|\bhaven'?t (?:received|heard|gotten|got)\b/,
  /\b(?:doesn'?t|does not|don'?t|isn'?t|is not|won'?t|not) (?:work|working|arrive|arrived|respond|responding|charge|load|open|turn on)\b/,
  /\bcharged (?:me )?(?:twice|double|again|two times)\b|\bdouble charged\b/,
  /\b(?:speak|talk) to (?:a |your )?(?:manager|supervisor|human|real person)\b|\b(?:file|filing|make) a complaint\b|\bescalat/,
  /\b(?:cancel|cancelling|canceling) my (?:order|subscription|account|membership)\b/,
];

const positiveEmoji = /(?::-?\)|:-?d\b|;-?\)|\){2,}|[😀😃😄😁😊🙂😍🥰👍❤💕🙏👌🔥✨😉]|&lt;3|<3)/u;
const negativeEmoji = /(?::-?\(|\({2,}|[😡😠🤬👎😢😭😞😒😤🙄💩😩😫😔])/u;

const literalUse =
  /\b(?:trash|garbage|rubbish|waste)(?= (?:bags?|cans?|bins?|disposal|truck|collection|pickup|compactor)\b)|\bsucks? (?=(?:air|water|up|in|out|dust|dirt|liquid)\b)/giu;

const contrast = new Set(['но', 'однако', 'зато', 'but', 'however', 'though', 'although']);

const clamp = (x: number) => Math.max(-1, Math.min(1, x));

/**
 * Abuse of a customer message: the lexicon's severe words always; in Russian otherwise the model
 * (abuse-model.ts, which sees the lexicon's words among its features) decides, so a mild word in a
 * harmless or merely blunt sentence is not abuse and a rude sentence without a listed word can be.
 */
function customerAbuse(text: string) {
  const found = findAbuse(text);
  const lexicon = abuseSeverity(found);
  const model = lexicon === 'severe' ? undefined : abuseProbabilityRu(text, found);
  if (!model) return { hits: found, severity: lexicon, model };
  return model.abusive || calledNamesFirst(text, found)
    ? { hits: found, severity: 'mild' as const, model }
    : { hits: [], severity: 'none' as const, model };
}

/**
 * A message that opens by calling names ("Идиоты, третий раз адрес путаете", "дебилы! где заказ"): the
 * first clause, closed by a comma or "!", is one or two words and one of them is a name-calling word of the lexicon (not obscenity: "Обосрался!").
 */
function calledNamesFirst(text: string, found: ReturnType<typeof findAbuse>): boolean {
  if (!found.length) return false;
  // A vocative is followed by a comma or "!"; "Шавка — так называли…" (a dash) defines a word.
  const m = /^([^,!—–:.?\n]+)[,!]/u.exec(text.trim());
  const first = tokenise(m?.[1] ?? '');
  if (!first.length || first.length > 2) return false;
  return first.some((t) => found.some((h) => h.insult && h.term === t.raw.trim()));
}

/** Reads one customer message (Russian or English). Pure, synchronous, fast. */
export function readCustomerMood(text: string): CustomerMood {
  const { hits, severity, model } = customerAbuse(text);
  const terms = [...new Set(hits.map((h) => h.term))];
  // Opinion words are read clause by clause (a negation does not reach past a comma), without titles in
  // quotes and the sarcastic thanks of "thanks for nothing" (a complaint pattern below).
  const clauses = text
    // A title in quotes («Гадкий утёнок», "Bad Boys") names a thing; it says nothing of the writer's mood.
    .replace(/[«"“]\p{Lu}[^»"”\n]{0,60}[»"”]/gu, ' ')
    // A thing named by an opinion word ("trash bags", "garbage disposal") and the literal verb ("sucks air").
    .replace(literalUse, ' ')
    // Greetings and wishes are manners, not praise ("Good morning", «Добрый день», "have a nice day").
    .replace(
      /(?<![\p{L}])(?:good (?:morning|afternoon|evening|day)|have a (?:good|nice|great) (?:day|weekend|one)|добр(?:ый|ое|ого) (?:день|утро|вечер|дня|утра|вечера)|хорошего (?:дня|вечера)|всего (?:доброго|хорошего))(?![\p{L}])/giu,
      ' ',
    )
    .replace(
      /(?<![\p{L}])(?:thanks?|спасибо)(?: you| a lot| большое)? (?:for nothing|за ничего)(?![\p{L}])/giu,
      ' ',
    )
    .split(/[,.;!?\n]+|\s[-–—]\s/u)
    .map((c) => tokenise(c));
  const lower = text.toLowerCase().replace(/ё/g, 'е').replace(/[’`]/g, "'").replace(/\s+/g, ' ');
  const reasons: string[] = [];
  let raw = 0;
  let neg = 0;
  const abusive = new Set(hits.map((h) => h.term));
  let praise = 0;
  // Praise that could be sarcasm: not in a clause opened by a "but" ("…, but today was perfect").
  let plainPraise = 0;
  for (const tokens of clauses) {
    // "Хорошо, но не работает", "nice, but broken": praise before a "but" counts half.
    if (contrast.has(tokens[0]?.norm ?? '') && praise > 0) {
      raw -= praise / 2;
      plainPraise -= praise / 2;
      praise = 0;
    }
    const sincere = contrast.has(tokens[0]?.norm ?? '') || contrast.has(tokens[1]?.norm ?? '');
    tokens.forEach((t, i) => {
      if (abusive.has(t.raw.trim())) return;
      const w = weightOf(t.norm);
      if (w === undefined) return;
      // A negator among the two words before ("не нравится", "not good", "ничего хорошего" reads the same way).
      const prev = [tokens[i - 1]?.norm, tokens[i - 2]?.norm];
      const negated = prev.some((p) => p !== undefined && negators.has(p));
      const intense = prev.some((p) => p !== undefined && intensifiers.has(p));
      let v = negated ? (w > 0 ? -1 : 0.5) : w;
      if (intense) v *= 1.5;
      raw += v;
      if (v > 0) praise += v;
      if (v > 0 && !sincere) plainPraise += v;
      if (v < 0) neg += v;
      const phrase =
        negated || intense
          ? `${tokens[i - (prev[0] && (negators.has(prev[0]) || intensifiers.has(prev[0])) ? 1 : 2)]!.raw} ${t.raw}`
          : t.raw;
      reasons.push(negated ? `negation: «${phrase}»` : `«${phrase}»`);
    });
  }
  const askedOfPolicy = hypothetical.test(lower) && neg === 0;
  // A question ("?", or a request that opens with «подскажите», "could you"), not a statement that starts
  // with a question word ("how long does it take to get a reply here").
  const asks =
    text.includes('?') ||
    /^(?:подскажите|скажите|уточните|не подскажете|could|can|would|не могли бы)(?![\p{L}])/u.test(
      lower.trim(),
    );
  // A fact followed by a plain request ("…never came, could you resend it?"), with no demand or "!"/"??".
  const politeRequest =
    politeTail.test(lower) &&
    !/!|\?\?/.test(text) &&
    !/(?:верните|требую|refund|compensation|компенсац)/.test(lower);
  const polite = politeRequest || (asks && (politeQuestion.test(lower.trim()) || hypothetical.test(lower)));
  // In a polite question the opinion words count half ("how do I file a claim for a broken windshield?").
  if (polite && neg < 0) {
    raw -= neg / 2;
    neg /= 2;
  }
  for (const re of complaints) {
    const m = re.exec(lower);
    // A demand ("верните", "требую", "!") is a complaint whatever the clause around it.
    const demand = /^(?:верните|требую)/.test(m?.[0] ?? '') || text.includes('!');
    if (m && askedOfPolicy && !demand && (re === refundRu || re === refundEn)) continue;
    // A refund that came is no complaint ("the refund came through, thank you").
    const came = /(?:refund|возврат)\p{L}* (?:came|arrived|went|has been|was|пришел|пришли|поступил)/u;
    if (m && (re === refundRu || re === refundEn) && came.test(lower)) continue;
    if (m && politeRequest && !demand) continue;
    if (m) {
      raw -= 1.5;
      neg -= 1.5;
      reasons.push(`complaint: «${m[0].trim()}»`);
    }
  }
  // Complaint cues by class (complaint-cues.ts): a fact a rep reads as a complaint without an opinion word.
  // Soft cues (a cold dish, "again", scare quotes) say nothing in a polite question.
  let facts = false;
  const seen = new Set<string>();
  for (const c of complaintCues) {
    // In a polite question only the cues no question asks innocently count ("is anyone reading these?").
    if (
      polite &&
      (c.soft ||
        !['unanswered', 'rhetorical', 'sarcasm', 'leaving', 'reassurance', 'own mishap'].includes(c.cls))
    )
      continue;
    const m = c.re.exec(lower);
    if (!m || (c.check && !c.check(m))) continue;
    // One class counts once, at its strongest cue (the list is ordered strongest first within a class).
    if (seen.has(c.cls)) continue;
    seen.add(c.cls);
    raw += c.w;
    if (c.w > 0) {
      reasons.push(`${c.cls}: «${m[0].trim()}»`);
      continue;
    }
    neg += c.w;
    if (c.fact) facts = true;
    reasons.push(`${c.cls}: «${m[0].trim().replace(/^[.!,] /, '')}»`);
  }
  const quoted = polite ? null : scareQuotes.exec(text);
  if (quoted) {
    raw -= 0.75;
    neg -= 0.75;
    facts = true;
    reasons.push(`scare quotes: «${quoted[1]}»`);
  }
  // Praise beside a complaint fact is sarcasm ("great service, day three of waiting", «ну класс, привезли
  // не то»): the praise does not count, and the sarcasm does.
  if (facts && plainPraise > 0 && raw - plainPraise < 0) {
    raw -= plainPraise + 0.5;
    reasons.push('sarcasm: praise beside a complaint');
  }
  if (positiveEmoji.test(text) && !negativeEmoji.test(text)) {
    raw += 0.5;
    reasons.push(`«${positiveEmoji.exec(text)![0]}»`);
  }
  const sad = negativeEmoji.exec(text);
  if (sad) {
    raw -= 1;
    neg -= 1;
    reasons.push(`«${sad[0]}»`);
  }
  const shout = /!{3,}|\?{3,}|[!?]{3,}/.exec(text);
  if (shout && neg < 0) {
    raw -= 0.5;
    reasons.push(`«${shout[0]}»`);
  }
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 12 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
    raw -= 0.5;
    reasons.push('capitals');
  }
  if (severity !== 'none') {
    raw -= severity === 'severe' ? 3 : 2;
    reasons.unshift(
      terms.length
        ? `abuse: «${terms.join('», «')}»`
        : `abuse: the wording (model ${Math.round((model?.p ?? 0) * 100)}%)`,
    );
  }
  const score = clamp(raw / (Math.abs(raw) + 1.5));
  const label: MoodLabel = raw <= -1 ? 'negative' : raw >= 1 ? 'positive' : 'neutral';
  return {
    abuse: { severity, terms },
    mood: { label, score: Math.round(score * 100) / 100, reasons: reasons.slice(0, 8) },
    angry: severity !== 'none' || (label === 'negative' && score <= -0.5),
  };
}

/** The words a source text lends to the reply check, by text (bounded; a team's catalog and knowledge repeat). */
const lentWords = new Map<string, readonly string[]>();
const LENT_WORDS_MAX = 5_000;

function wordsLentBy(v: string): readonly string[] {
  const cached = lentWords.get(v);
  if (cached) return cached;
  // A word the source itself uses abusively ("you idiot" from the customer) is not made harmless by it;
  // a source read as harmless as a whole ("Шавка — так называли маленьких собак") lends all its words.
  const abusive = new Set(customerAbuse(v).hits.flatMap((h) => [h.form, h.term.toLowerCase()]));
  const words = tokenise(v)
    .filter((t) => !abusive.has(t.norm) && !abusive.has(t.raw.toLowerCase()) && !abusive.has(t.collapsed))
    .map((t) => t.norm);
  if (lentWords.size >= LENT_WORDS_MAX) lentWords.delete(lentWords.keys().next().value!);
  lentWords.set(v, words);
  return words;
}

/**
 * The check of the agent's own reply before it is sent: whole words only, and a word the conversation's
 * vocabulary holds (the customer's own words used harmlessly) or the team's catalog and knowledge use
 * (`catalog`, every word) is never a reason to block.
 */
export function checkReplyAbuse(
  text: string,
  ctx: ReplyAbuseContext = {},
): { blocked: boolean; terms: string[] } {
  const known = new Set<string>();
  for (const v of ctx.vocabulary ?? []) for (const w of wordsLentBy(v)) known.add(w);
  // The team's catalog and knowledge are never read as abuse of the customer ("Fat Bastard" Chardonnay,
  // a book title): every word they use is lent, whatever the customer check would make of the text.
  for (const v of ctx.catalog ?? []) for (const t of tokenise(v)) known.add(t.norm);
  // A harmless-sense word ("суки и кобели", "тупой угол") used by the catalog, the knowledge or the
  // customer is theirs to use; only the severe words and the insults the reply brings itself block.
  const hits = findAbuse(text, (form) => known.has(form));
  const terms = [...new Set(hits.map((h) => h.term))];
  return { blocked: terms.length > 0, terms };
}

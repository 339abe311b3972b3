// Complaint cues of a customer message by CLASS (issue 62, second pass): what a rep reads as an unhappy
// customer even without an opinion word — a wait with a measure, a broken promise, a wrong / missing / cold /
// damaged order, money taken unfairly, leaving or never again, no answer, "still", rhetorical questions and
// sarcasm. Each cue is a regular expression over the lower-cased text (ё → е, ’ → ') with a weight (negative)
// and a class name for the reason. `soft` cues are facts that a polite question can mention without a
// complaint ("do you have cold drinks?", "what if my order arrives damaged?"): they do not count in one.
// `fact` cues turn praise in the same message into sarcasm ("great service, day three of waiting").

export type ComplaintCue = {
  cls: string;
  re: RegExp;
  w: number;
  soft?: boolean;
  fact?: boolean;
  /** The match is a complaint only if this holds (two amounts or two times that differ). */
  check?: (m: RegExpExecArray) => boolean;
};

/** A clock time as hours ("10:40" → 10.67). */
const hours = (t: string) => {
  if (/^(?:noon|midday|полудня)$/.test(t)) return 12;
  const [h, m] = t.split(':');
  return Number(h) + Number(m ?? 0) / 60;
};
/** The second captured time is later than the first (12-hour times wrap: "9 to 1. It's 4"). */
const later = (m: RegExpExecArray) => {
  const a = hours(m[1] ?? '');
  let b = hours(m[2] ?? '');
  if (b < a && a <= 12 && b < 12) b += 12;
  return b > a;
};
const earlier = (m: RegExpExecArray) => later({ ...m, 1: m[2], 2: m[1] } as RegExpExecArray);

/** Two captured amounts or clock times differ ("estimate $400, bill $780"; "booked 9am, seen 10:40"). */
const differ = (m: RegExpExecArray) => {
  const a = (m[1] ?? '').replace(/[^\d]/g, '').replace(/^0+/, '');
  const b = (m[2] ?? '').replace(/[^\d]/g, '').replace(/^0+/, '');
  return a !== '' && b !== '' && a !== b;
};

// Word boundaries that work for Cyrillic too.
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}])';
const u = (s: string) => new RegExp(s, 'u');

const NUM_EN =
  '(?:\\d+(?:[.,]\\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-five|fifty|sixty|ninety|several|a few|half an?|a couple of)';
const UNIT_EN = '(?:min|mins|minutes?|hrs?|hours?|days?|weeks?|months?)';
const NUM_RU =
  '(?:\\d+(?:[.,]\\d+)?|пол|полтора|полторы|один|одну|два|две|двух|три|трех|четыре|пять|шесть|семь|восемь|девять|десять|пятнадцать|двадцать|тридцать|сорок|пятьдесят|несколько|пару)';
const UNIT_RU = '(?:минут\\p{L}*|мин|час\\p{L}*|дн(?:я|ей)|день|сут\\p{L}*|недел\\p{L}*|месяц\\p{L}*)';
const WAIT_RU =
  '(?:жду|ждем|ждала?|ждали|ожида\\p{L}*|слушал\\p{L}*|продержал\\p{L}*|стоял\\p{L}*|висел\\p{L}*|вишу|висим|сижу|простоял\\p{L}*|лежит|лежала|лежал|висит)';
const DAYS_EN = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month)';
const MONTHS_EN = '(?:january|february|march|april|may|june|july|august|september|october|november|december)';
const ORDINAL_RU = '(?:второй|третий|четвертый|пятый|шестой|десятый|который|очередной)';
const ORDINAL_RU_F = '(?:вторую|третью|четвертую|пятую)';

export const complaintCues: ComplaintCue[] = [
  // --- a wait or lateness with a measure ---
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `(?<!\\b(?:i'?m|i am|we'?re|we are|i'?ll be|i will be|we'?ll be|i was|we were|running|be) )\\b${NUM_EN}[ -]?${UNIT_EN} (?:late|delay|delayed|overdue|behind)\\b`,
    ),
  },
  { cls: 'wait', fact: true, w: -1.5, re: u(`\\b${NUM_EN} ?${UNIT_EN} and counting\\b`) },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:waited|waiting|been waiting|had to wait|sat through|stood|standing|on hold|on the line|kept (?:us|me) waiting|stuck)\\b[^.!?]{0,30}?\\b${NUM_EN} ?${UNIT_EN}\\b`,
    ),
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(`\\b${NUM_EN} ${UNIT_EN} (?:waiting|of waiting|on hold|of hold)\\b`),
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(`\\bspent ${NUM_EN} ${UNIT_EN}\\b[^.!?]{0,40}\\b(?:just|only) to\\b`),
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:day|week|month|hour) (?:two|three|four|five|six|seven|\\d+) of (?:waiting|no|without)\\b|\\b(?:second|third|fourth|fifth|sixth) (?:day|week|hour|month|night) (?:of waiting|with no|with(?:out)?|waiting|in a row)\\b`,
    ),
  },
  { cls: 'wait', fact: true, w: -1.5, re: u(`\\bfor (?:${NUM_EN}|a|an) ${UNIT_EN} now\\b`) },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:has|have) been (?:"[^"]{1,30}"|'[^']{1,30}'|coming soon|pending|processing|out of stock|broken|down|unavailable|stuck|closed|missing|waiting)[^.!?]{0,20}\\bsince (?:${MONTHS_EN}|last|yesterday|this morning|${DAYS_EN}|\\d)`,
    ),
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(`\\bthat was (?:last|on) ${DAYS_EN}|\\bthat was ${NUM_EN} ${UNIT_EN} ago\\b`),
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:supposed to|was due to|were due to|should have) (?:arrive|arrived|be|come|ship|shipped|start)\\b[^!?]{0,40}?\\b(?:it'?s|today is|now it'?s|still)\\b`,
    ),
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:booked|booking|appointment|check-?in|checkin|reserved|scheduled)\\b[^.!?]{0,20}?(\\d{1,2}(?::\\d\\d)?) ?(?:am|pm)?\\b[^!?]{0,30}?\\b(?:seen|got|given|ready|arrived|came|started|taken)\\b[^.!?]{0,20}?(\\d{1,2}(?::\\d\\d)?)`,
    ),
    check: later,
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `${B}${WAIT_RU}${E}[^.!?]{0,30}?${B}${NUM_RU}? ?${UNIT_RU}|${B}(?:${NUM_RU} )?${UNIT_RU}(?: \\p{L}+)? ${WAIT_RU}${E}`,
    ),
  },
  { cls: 'wait', fact: true, w: -1.5, re: u(`${B}уже ${NUM_RU} ?(?:минут\\p{L}*|мин|час\\p{L}*)${E}`) },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `${B}(?:уже )?${ORDINAL_RU} (?:день|час|месяц|вечер|раз подряд)(?: подряд)? (?:жду|ждем|без|не)${E}|${B}(?:уже )?${ORDINAL_RU_F} неделю${E}|${B}уже ${ORDINAL_RU} (?:день|месяц)${E}`,
    ),
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(`${B}(?:опоздал|задержал|задержк|задержан)\\p{L}*[^.!?]{0,40}?${B}на ${NUM_RU}? ?${UNIT_RU}`),
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `${B}долж(?:ен|на|но|ны) (?:был|была|было|были) [^!?]{0,40}?${B}(?:сегодня|а уже|уже|а сейчас)${E}`,
    ),
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `${B}(?:записал\\p{L}*|запись|заселение|заезд|бронь|забронировал\\p{L}*|договорились|назначил\\p{L}*|назначен\\p{L}*)[^.!?]{0,15}?${B}(?:в|на|к) (\\d{1,2}(?::\\d\\d)?)[^!?]{0,30}?${B}(?:приняли|заселили|пустили|выдали|дали|начали|приехал\\p{L}*|пришел|пришла)[^.!?]{0,15}?(\\d{1,2}(?::\\d\\d)?)`,
    ),
    check: later,
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `${B}на (?:${NUM_RU} )?${UNIT_RU} (?:позже|дольше)${E}|${B}(?:уже )?${ORDINAL_RU} (?:день|неделю|месяц)(?:[.!]|$)`,
    ),
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:got|seen|served|given|taken|called in)\\b[^.!?]{0,25}?(\\d{1,2}(?::\\d\\d)?) ?(?:am|pm)?[^!?]{0,20}?\\b(?:booking|appointment|reservation|check-?in)\\b (?:was )?(?:for |at )(\\d{1,2}(?::\\d\\d)?)`,
    ),
    check: earlier,
  },
  { cls: 'wrong', fact: true, w: -1.5, soft: true, re: u(`\\b(?:was|were|are|is|went|go|goes) missing\\b`) },
  {
    cls: 'wait',
    w: -1.5,
    re: u(
      `${B}(?:сколько|how long)\\b[^.!?]{0,30}(?:ждать|ответа|to get a reply|to reply|to answer|do i have to wait)`,
    ),
  },

  // --- a promise broken ---
  {
    cls: 'promise',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:nobody|no one|no-one) (?:ever |even |bothered to )?(?:mentioned|told|tell|warned|explained|informed|said)\\b`,
    ),
  },
  {
    cls: 'promise',
    fact: true,
    w: -1.5,
    re: u(
      `\\byou said\\b[^.!?]{0,40}\\b(?:then|but|and then|yet)\\b[^.!?]{0,20}\\b(?:charged|billed|took|cancell?ed|refused|sent)\\b`,
    ),
  },
  // A promise named is a complaint more often than not; kept ("as promised", "promised at 5 and came at 5
  // sharp, great") the praise outweighs it, so it is not a fact that turns praise into sarcasm.
  {
    cls: 'promise',
    w: -1,
    re: u(`\\b(?:we were|i was|we'?ve been|i'?ve been|we got|i got) (?:promised|told|assured|guaranteed)\\b`),
  },
  {
    cls: 'promise',
    w: -1,
    re: u(`(?<!\\bas )\\byou (?:promised|guaranteed|assured)\\b|\\bwas promised\\b|\\bwere promised\\b`),
  },
  {
    cls: 'promise',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:said|says|showed|told me|told us)\\b[^.!?]{0,40}\\b(?:wasn'?t|isn'?t|weren'?t|didn'?t|wasnt|isnt)\\b`,
    ),
  },
  {
    cls: 'promise',
    fact: true,
    w: -1,
    soft: true,
    re: u(`\\beven though (?:i|we|the|you|your|it|my|they|he|she)\\b`),
  },
  { cls: 'promise', fact: true, w: -1.5, re: u(`\\bfalse advertising\\b|\\bbait and switch\\b`) },
  {
    cls: 'promise',
    w: -1,
    re: u(`(?<!как )(?<!как и )${B}(?:обещал\\p{L}*|обещан\\p{L}*|уверял\\p{L}*|заверял\\p{L}*|клялись)${E}`),
  },
  {
    cls: 'promise',
    fact: true,
    w: -1.5,
    re: u(`${B}хотя (?:при покупке|мне|нам|я|мы|на сайте|в договоре|обещали|говорили|сказали)${E}`),
  },
  {
    cls: 'promise',
    fact: true,
    w: -1.5,
    re: u(`${B}(?:мне|нам) (?:же )?(?:говорили|сказали|обещали)${E}[^.!?]{0,50}${B}(?:а |нет${E}|нету|не )`),
  },
  {
    cls: 'promise',
    fact: true,
    w: -1.5,
    re: u(`${B}(?:сказали|написано|указано|показывает)\\p{L}*,? что[^!?]{0,40}${B}(?:а |нет${E}|нету|не )`),
  },
  {
    cls: 'promise',
    fact: true,
    w: -1.5,
    re: u(
      `${B}никто (?:даже )?(?:не )?(?:удосужил\\p{L}*|предупредил|предупреждал|сказал|объяснил|объяснил\\p{L}*|извинил\\p{L}*|признает\\p{L}*|признается|признался)${E}|${B}не предупредил\\p{L}*${E}|${B}без (?:предупреждения|объяснени\\p{L}*)${E}`,
    ),
  },
  {
    cls: 'promise',
    fact: true,
    w: -1.5,
    re: u(
      `${B}а (?:писали|на сайте|в описании|обещали|говорили)${E}|${B}не соответству\\p{L}*${E}|${B}(?:меньше|хуже),? чем на (?:фото|картинке|сайте)`,
    ),
  },

  // --- wrong, missing, cold or damaged ---
  {
    cls: 'wrong',
    fact: true,
    w: -1.5,
    re: u(
      `\\bordered (?:a |an |the |my )?[\\w -]{1,25}?,? (?:and |but )?(?:got|received|they sent|was given|brought)\\b(?! (?:\\d|exactly|just|it|what|the same|right|everything|all))`,
    ),
  },
  {
    cls: 'wrong',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:booked|paid for|reserved) [\\w -]{1,30}?,? (?:and |but )?(?:got|was given|were given|they gave|was put|were put)\\b(?! (?:exactly|just|it|what|the same|right|everything|all|a free|an upgrade|upgraded))`,
    ),
  },
  {
    cls: 'wrong',
    fact: true,
    w: -1.5,
    re: u(
      `\\bwrong (?:order|item|size|colou?r|room|building|address|dish|meal|food|drink|medication|medicine|prescription|product|car|part|one|house|door)\\b|\\bfilled wrong\\b|\\b(?:got|sent|brought|delivered) (?:me )?the wrong\\b|\\bnot what i (?:ordered|asked for|paid for)\\b`,
    ),
  },
  {
    cls: 'wrong',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:half|part|some|most|two|three) (?:of )?(?:the |my )?(?:order|items?|things|stuff|food|meals?|dishes)\\b[^.!?]{0,15}\\b(?:missing|was missing|were missing|never came|not there)\\b`,
    ),
  },
  {
    cls: 'wrong',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:looked |looks )?nothing like (?:the |in the )?(?:photos?|pictures?|description|ad|website|menu)\\b`,
    ),
  },
  {
    cls: 'wrong',
    fact: true,
    w: -1.5,
    re: u(
      `\\basked for (?:no|extra|without|more)\\b[^]{0,50}?\\b(?:there (?:was|were)|got none|got nothing|got no|came with|none)\\b`,
    ),
  },
  {
    cls: 'damaged',
    fact: true,
    soft: true,
    w: -1,
    re: u(
      `\\b(?:was|were|arrived|came|is|are|everything|all|completely|totally|stone|ice) cold\\b|\\bcold and\\b|\\b(?:soggy|stale|burnt|undercooked|spoiled|rotten|moldy|mouldy|soaked|crushed|squashed|leaking|leaked|spilled|spilt|melted|expired|torn|ripped|stained|stains|mildew|dented|cracked|smashed|fleas|cockroach|cockroaches|bedbugs|bed bugs)\\b|\\bwith a scratch|\\ba scratch\\b|\\bhair in\\b|\\bsmell(?:s|ed)? like (?:smoke|mildew|mou?ld|sewage|cigarettes?|urine|pee|sweat|fish|garbage|trash|wet|damp|feet|vomit|bleach|weed)\\b|\\bstinks?\\b|\\breek(?:s|ed)?\\b|\\bopen stitch`,
    ),
  },
  {
    cls: 'damaged',
    fact: true,
    soft: true,
    w: -1,
    re: u(
      `\\b(?:no|zero|without) (?:hot water|water|signal|internet|wi-?fi|heating|power|electricity|utensils|cutlery|napkins|information|communication|updates|explanation)\\b|\\bnot even (?:water|a|an|one)\\b`,
    ),
  },
  {
    cls: 'wrong',
    fact: true,
    w: -1.5,
    re: u(
      `${B}(?:заказ|заказывал|заказала|заказали|брал|брала|бронировал|бронировала|оплатил|оплатила|оплатили|просил|просила)\\p{L}* [^.!?]{1,30}?,? (?:а )?(?:привезли|принесли|прислали|доставили|дали|выдали|поселили|положили)${E}(?! (?:\\d|именно|то,? что|как надо|вовремя|быстро|все|всё|правильн))`,
    ),
  },
  {
    cls: 'wrong',
    fact: true,
    w: -1.5,
    re: u(
      `${B}не (?:то|тот|ту|те)${E} (?:привезли|прислали|дали|положили|доставили)${E}|${B}(?:привезли|прислали|положили|дали|доставили) не (?:то|тот|ту|те)${E}|${B}перепутали${E}|${B}(?:чужой|не мой) заказ${E}`,
    ),
  },
  {
    cls: 'damaged',
    fact: true,
    soft: true,
    w: -1,
    re: u(
      `${B}(?:пережж\\p{L}*|подгорел\\p{L}*|пригорел\\p{L}*|остыл\\p{L}*|пролил\\p{L}*|пролит\\p{L}*|протек\\p{L}*|раздавлен\\p{L}*|помят\\p{L}*|мокр(?:ые|ый|ая|ое|ыми)|засохш\\p{L}*|заветрен\\p{L}*|просрочен\\p{L}*|истекающ\\p{L}*|испорчен\\p{L}*|тухл\\p{L}*|царапин\\p{L}*|вмятин\\p{L}*|пятн(?:а|о|ами|ах)|сырост\\p{L}*|воня\\p{L}*|плесен\\p{L}*|блохи|блох|тараканы|клопы|открытым швом|разбит\\p{L}*|холодн(?:ые|ый|ая|ое|ым)|ледян(?:ые|ой|ая|ое)|как подошва|в лепешку)${E}`,
    ),
  },
  {
    cls: 'damaged',
    fact: true,
    soft: true,
    w: -1,
    re: u(
      `${B}(?:забыли|не положили|не хватал\\p{L}*|не хватает|недовложени\\p{L}*)${E}|${B}(?:нет|без) (?:горячей воды|воды|связи|интернета|света|отопления|информации|объяснени\\p{L}*)${E}|${B}никакой (?:информации|воды|связи)${E}`,
    ),
  },
  {
    cls: 'damaged',
    fact: true,
    w: -1.5,
    re: u(
      `${B}(?:это|так) не (?:нормально|ок|дело|делается)${E}|${B}так не делается${E}|\\b(?:this|that|it) is not (?:ok|okay|acceptable|normal|fine)\\b|\\bnot ok\\b|\\bnot okay\\b`,
    ),
  },

  {
    cls: 'broken',
    fact: true,
    w: -1.5,
    re: u(
      `${B}не (?:работал|работала|работало|работали|включал\\p{L}*|греет|греют|грел|ловит|ловила|грузит\\p{L}*|открывал\\p{L}*)${E}|\\b(?:didn'?t|did not|never) (?:work|turn on|open|load)\\b`,
    ),
  },
  {
    cls: 'cancelled',
    fact: true,
    w: -1.5,
    re: u(
      `\\bcancell?ed (?:an? |\\d+ |one |two )?(?:hour|minutes?|hours|day)s? before\\b|\\bcancell?ed (?:at|in) the last minute\\b|${B}отменил\\p{L}* (?:за (?:час|${NUM_RU} (?:минут\\p{L}*|час\\p{L}*)|день)|в последний момент)${E}`,
    ),
  },
  {
    cls: 'wrong',
    fact: true,
    w: -1.5,
    re: u(`${B}в глаза не видел\\p{L}*${E}|\\bnever (?:saw|seen|got) it\\b`),
  },

  // --- money taken unfairly ---
  {
    cls: 'money',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:billed|charged|signed (?:me|us) up|added|enrolled|subscribed)\\b[^.!?]{0,50}\\b(?:didn'?t (?:have|get|order|ask|use|want|agree)|never (?:touched|opened|asked|ordered|agreed|used|got|had|received|requested)|without (?:my|our|asking)|not (?:asked|ordered))\\b`,
    ),
  },
  {
    cls: 'money',
    fact: true,
    w: -1.5,
    soft: true,
    re: u(
      `\\bnever asked for\\b|\\bwithout (?:my|our) (?:consent|permission|knowledge|approval|agreement)\\b`,
    ),
  },
  {
    cls: 'money',
    fact: true,
    w: -1.5,
    re: u(`\\b(?:still |you )?took (?:my|our) money\\b|\\bpay (?:again|twice)\\b|\\bpay for it again\\b`),
  },
  {
    cls: 'money',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:estimate|quote|quoted|price|website) (?:said|was|showed)\\b[^.!?\\d]{0,25}([\\d,.]+)[^!?]{0,15}\\b(?:bill|invoice|charge|total|receipt|they charged)\\b[^.!?\\d]{0,15}([\\d,.]+)`,
    ),
    check: differ,
  },
  {
    cls: 'money',
    fact: true,
    w: -1.5,
    re: u(
      `\\bfare (?:doubled|tripled)\\b|\\b(?:took|drove) the long way\\b|\\bhidden (?:fees?|charges?)\\b|\\b(?:added|charged|slapped)\\b[^.!?]{0,40}\\bfee\\b|\\bfee\\b[^.!?]{0,20}\\bnobody\\b`,
    ),
  },
  {
    cls: 'money',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:you )?raised (?:my|the|our) (?:plan |monthly )?(?:price|rate|fee|bill|plan|tariff)\\b|\\bpushed\\b[^.!?]{0,40}\\bon me\\b|\\bafter i said no\\b`,
    ),
  },
  {
    cls: 'money',
    fact: true,
    w: -1.5,
    re: u(
      `\\bfor \\$?\\d[\\d,]*\\$? (?:a|per) (?:night|month|hour|session)\\s*\\?\\?|\\bfor (?:the|this|that) (?:price|money)\\b|\\b(?:formally )?dispute (?:the|a|this) (?:\\$?[\\d.]+ )?charge\\b`,
    ),
  },
  {
    cls: 'money',
    fact: true,
    w: -1.5,
    re: u(`${B}без (?:моего|нашего|вашего)? ?(?:согласия|ведома|спроса|разрешения)${E}`),
  },
  {
    cls: 'money',
    fact: true,
    w: -1.5,
    re: u(
      `${B}(?:которое|который|которую|которые|что|чего) (?:я|мы) не (?:заказывал\\p{L}*|просил\\p{L}*|подключал\\p{L}*|покупал\\p{L}*)${E}|${B}(?:я|мы) не заказывал\\p{L}*${E}`,
    ),
  },
  {
    cls: 'money',
    fact: true,
    w: -1.5,
    re: u(
      `${B}(?:в смете|в чеке|по смете|на сайте|в договоре|в прайсе) (?:было|стоит|указано)[^!?\\d]{0,10}([\\d  ]+)[^!?]{0,30}?${B}(?:насчитали|выставили|списали|взяли|на кассе)${E}[^.!?\\d]{0,10}([\\d  ]+)`,
    ),
    check: differ,
  },
  {
    cls: 'money',
    fact: true,
    w: -1.5,
    re: u(
      `${B}(?:деньги|денег) (?:взяли|списали|сняли|забрали)${E}|${B}(?:взяли|сняли|забрали) деньги${E}|${B}только деньги${E}`,
    ),
  },
  {
    cls: 'money',
    fact: true,
    w: -1.5,
    re: u(
      `${B}насчитали${E}|${B}накрутил\\p{L}*${E}|${B}выставили сч\\p{L}*${E}|${B}(?:в два раза|вдвое|в три раза) (?:больше|дороже)${E}`,
    ),
  },
  {
    cls: 'money',
    fact: true,
    w: -1.5,
    re: u(
      `${B}(?:подняли|повысили|подняли нам) (?:тариф|цену|цены|стоимость)${E}|${B}(?:тариф|цену|цены) (?:вы )?(?:подняли|повысили)${E}|${B}доплачивать${E}|${B}переплачивать${E}|${B}платить (?:снова|еще раз|повторно|заново|дважды)${E}|${B}за (?:такие|эти) деньги${E}|${B}за такую цену${E}|${B}вернули только (?:половину|часть)${E}|${B}подключили[^.!?]{0,30}(?:без|платн)`,
    ),
  },

  // --- leaving, never again, let down ---
  {
    cls: 'leaving',
    fact: true,
    w: -1.5,
    re: u(
      `\\bnever (?:ordering|order|buying|buy|coming|going|booking|book|using|use|shopping|flying|staying|returning|again)\\b|\\b(?:won'?t|will not|wouldn'?t|would not) (?:be (?:back|returning|ordering|coming|using|recommending|booking)|return|come back|recommend|order again|use you|book again)\\b`,
    ),
  },
  {
    cls: 'leaving',
    fact: true,
    w: -1.5,
    re: u(
      `\\bgoing elsewhere\\b|\\b(?:take|taking) my business\\b|\\bswitching to (?:another|a different|your competitor)|\\b(?:to|with) (?:a|your) competitor\\b`,
    ),
  },
  {
    cls: 'leaving',
    fact: true,
    w: -1.5,
    re: u(
      `\\blet (?:me |us )?down\\b|\\bexpected (?:better|more|much more|a lot more)\\b|\\bused to be (?:so |much |a lot |way |far )*(?:better|good|great)\\b`,
    ),
  },
  {
    cls: 'leaving',
    fact: true,
    w: -1.5,
    re: u(
      `(?:^|[.!] )done\\.?$|\\bi'?m done(?:[.!]|$)|\\bdone with (?:you|this|your)\\b|\\b(?:three|two|several) chances\\b|\\blast chance\\b|\\bcan'?t say anything good\\b|\\bgetting old\\b`,
    ),
  },
  {
    cls: 'leaving',
    fact: true,
    w: -1.5,
    re: u(
      `${B}больше (?:у вас |к вам |вам |с вами |вашими услугами |сюда |никогда |ничего )*(?:не (?:заказываю|закажу|заказывать|приду|приеду|обращусь|куплю|пойду|полечу|воспользуюсь|буду|поеду|вернусь)|ни ногой)${E}|${B}ни ногой${E}|${B}ноги моей${E}`,
    ),
  },
  {
    cls: 'leaving',
    fact: true,
    w: -1.5,
    re: u(
      `${B}(?:пойду|уйду|перейду|ухожу|переходим|перехожу|уйдем) (?:к конкурентам|к другому|к другим|в другую|в другой)${E}|${B}к конкурентам${E}`,
    ),
  },
  {
    cls: 'leaving',
    fact: true,
    w: -1.5,
    re: u(
      `${B}раньше (?:у вас )?(?:было|были|был|работали|готовили) (?:намного |гораздо |куда )?(?:лучше|нормально|хорошо|вкуснее)${E}|${B}ожидал\\p{L}* (?:большего|лучшего|другого)${E}`,
    ),
  },
  {
    cls: 'leaving',
    fact: true,
    w: -1.5,
    re: u(
      `${B}давно так не (?:расстраивал\\p{L}*|разочаровыв\\p{L}*|злил\\p{L}*|огорчал\\p{L}*)${E}|${B}(?:всё|все),? хватит${E}|${B}с меня хватит${E}|${B}(?:три|два|пять) шанса${E}|${B}последний шанс${E}|${B}ничего хорошего сказать не${E}`,
    ),
  },

  // --- no answer, no apology ---
  {
    cls: 'unanswered',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:support|they|you|everyone|everybody|the office|the clinic|the company|the shop|the store|your team|the agent|the manager|the landlord|the agency) (?:is|are|has been|have been|went|stays?|remains?) (?:silent|quiet|radio silent)\\b|\\bghost(?:ed|ing)\\b|\\bradio silence\\b`,
    ),
  },
  {
    cls: 'unanswered',
    fact: true,
    w: -1.5,
    re: u(
      `\\bis (?:anyone|anybody) (?:actually |even |ever )?(?:reading|there|listening|working|answering)\\b`,
    ),
  },
  {
    cls: 'unanswered',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:nobody|no one|no-one) (?:will|wants to|is willing to|would|even) (?:own up|take responsibility|help|answer|explain|tell|apologi[sz]e)\\b|\\bown up to\\b`,
    ),
  },
  {
    cls: 'unanswered',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:didn'?t|did not|doesn'?t|never|won'?t) (?:even )?apologi[sz]e\\b|\\bnot (?:a single|one|even an?) (?:apology|sorry|word|reply|response|call)\\b|\\bno apology\\b(?! (?:needed|necessary|required))|\\bwithout (?:an? )?apology\\b`,
    ),
  },
  {
    cls: 'unanswered',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:stopped|stop|stops) (?:answering|responding|replying|returning)\\b|\\b(?:nobody|no one) (?:calls|called|picks up|picked up|answers|answered)\\b|\\basked (?:\\w+ )?(?:two|three|four|five|six|\\d+) times\\b`,
    ),
  },
  {
    cls: 'unanswered',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:same|canned|copy-?paste|template|generic|scripted) (?:answer|reply|response|message)s?\\b|\\bcopy-?paste\\b|\\b(?:got |was |were )?disconnected\\b|\\bhung up\\b|\\bhold music\\b|\\bloops\\b|\\bin circles\\b`,
    ),
  },
  {
    cls: 'unanswered',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:keeps?|kept) (?:sending|asking|telling|cutting|dropping|crashing|cancell?ing)\\b|\\bevery (?:week|day|time) you (?:ask|send|tell|say)\\b|\\bsaid no (?:two|three|\\d+) times\\b`,
    ),
  },
  {
    cls: 'unanswered',
    fact: true,
    w: -1.5,
    re: u(
      `${B}(?:молч\\p{L}*|игнорир\\p{L}*)${E}|${B}трубку не бер\\p{L}*|${B}не бер\\p{L}* трубку|${B}не отвеча\\p{L}* на (?:звонки|сообщения|письма|вопросы)|${B}на (?:звонки|сообщения|письма|вопросы) не отвеча\\p{L}*|${B}(?:бросил\\p{L}*|сбросил\\p{L}*|положил\\p{L}*) трубку|${B}сбросили${E}`,
    ),
  },
  {
    cls: 'unanswered',
    fact: true,
    w: -1.5,
    re: u(
      `${B}(?:даже|и) не извинил\\p{L}*${E}|${B}ни извинени\\p{L}*|${B}без извинени\\p{L}*|${B}ничего не (?:сказал|объяснил|сообщил|предупредил)\\p{L}*${E}|${B}никто ничего не (?:может|могут|знает|говорит|сказал\\p{L}*|объясн\\p{L}*)${E}|${B}никто (?:так и )?не (?:перезванива\\p{L}*|звонит|пишет|возвраща\\p{L}*|помога\\p{L}*|реша\\p{L}*)${E}|\\bnobody ever (?:does|did|calls|called|answers|replies)\\b`,
    ),
  },
  {
    cls: 'unanswered',
    fact: true,
    w: -1.5,
    re: u(
      `${B}шаблон(?:ами|ом|ные|ный|ная)${E}|${B}по кругу${E}|${B}одно и то же${E}|${B}ни одного (?:ответа|комментария|звонка|письма)${E}`,
    ),
  },
  {
    cls: 'unanswered',
    fact: true,
    w: -1.5,
    re: u(
      `${B}(?:каждый раз|каждую неделю|каждый день|каждый месяц) (?:просят|новый|новая|что-то|новую|забываете|забывают|одно|приходится|просили)${E}|${B}каждый раз что-то${E}`,
    ),
  },
  {
    cls: 'unanswered',
    fact: true,
    w: -1.5,
    re: u(
      `${B}(?:уже )?${ORDINAL_RU} раз (?:объясняю|повторяю|говорю|переносят|перенесли|отменяют|отменили|пишу|звоню|путаете|путают)${E}|${B}(?:два|три|четыре|пять|шесть|\\d+) раза? (?:отправил\\p{L}*|присылал\\p{L}*|просил\\p{L}*|писал\\p{L}*|звонил\\p{L}*|спрашивал\\p{L}*|напоминал\\p{L}*|объяснял\\p{L}*|повторял\\p{L}*|ездил\\p{L}*|приходил\\p{L}*|приезжал\\p{L}*)${E}|${B}(?:опять|снова) (?:перенесли|отменили|не то|сломал\\p{L}*|списали)${E}|\\b(?:rescheduled|cancell?ed|postponed) for the (?:second|third|fourth) time\\b|\\b(?:second|third|fourth|fifth) time (?:this|in a)\\b|\\b(?:second|third|fourth|fifth) time (?:explaining|contacting|calling|writing|asking)\\b`,
    ),
  },

  // --- not done even once, done without asking, refused ---
  {
    cls: 'neglect',
    fact: true,
    w: -1.5,
    re: u(
      `\\bnot (?:\\w+ )?(?:even )?once\\b|\\bnever once\\b|${B}ни разу не (?:убрал\\p{L}*|убира\\p{L}*|поменял\\p{L}*|меняли|ответил\\p{L}*|перезвонил\\p{L}*|пришел|пришла|пришли|приехал\\p{L}*|работал\\p{L}*|позвонил\\p{L}*|выдали|дали)${E}`,
    ),
  },
  {
    cls: 'neglect',
    fact: true,
    w: -1.5,
    re: u(
      `\\bwithout (?:even )?(?:asking|telling|warning|notifying|consulting|informing) (?:me|us)\\b|${B}не (?:спросив|предупредив|спросили|согласовав)${E}`,
    ),
  },
  {
    cls: 'refused',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:won'?t|will not|refuse[sd]? to|refusing to) (?:take it back|accept (?:it|the return)|refund|replace|exchange|fix|repair|help)\\b|${B}(?:отказыва\\p{L}*|отказал\\p{L}*) (?:принимать|принять|менять|поменять|возвращать|вернуть|чинить|ремонтировать|помогать|обменять)${E}`,
    ),
  },
  {
    cls: 'broke soon',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:started|began) (?:peeling|leaking|cracking|falling apart|rusting)\\b|${B}(?:начал\\p{L}* )(?:облезать|протекать|ржаветь|трескаться|отклеиваться|разваливаться)${E}|\\b(?:died|broke|stopped working|fell apart|fell out|cracked|failed|ripped|leaked) (?:after|within) (?:${NUM_EN}|a|one) ?${UNIT_EN}\\b|${B}(?:развалил\\p{L}*|облезл\\p{L}*|сел\\p{L}*|сломал\\p{L}*|выпал\\p{L}*|отвалил\\p{L}*|треснул\\p{L}*|порвал\\p{L}*|потек\\p{L}*|перестал\\p{L}* работать) через (?:${NUM_RU} )?${UNIT_RU}`,
    ),
  },
  {
    cls: 'wrong',
    fact: true,
    w: -1.5,
    re: u(
      `\\bsold (?:me|us) (?:a |an )?(?:used|refurbished|broken|fake|damaged|expired|defective)\\b|${B}продали (?:мне |нам )?(?:б\\/у|бу|подделку|брак|просроч\\p{L}*|использованн\\p{L}*|бракованн\\p{L}*)`,
    ),
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `\\bpaid for\\b[^.!?]{0,40}\\b(?:and|but) (?:it )?took ${NUM_EN} ?${UNIT_EN}|${B}оплатил\\p{L}*[^.!?]{0,40}(?:а|но) (?:\\p{L}+ )?(?:шла|шел|шло|ехал\\p{L}*|ждал\\p{L}*|заняло|делали) ${NUM_RU} ?${UNIT_RU}`,
    ),
  },
  {
    cls: 'escalation',
    fact: true,
    w: -1.5,
    re: u(
      `\\bthis can'?t go on\\b|\\b(?:i want|i need|get me|i demand) (?:the|a|your) (?:manager|supervisor)\\b|\\basked (?:for|to speak to) (?:a|the|your) (?:manager|supervisor)\\b|${B}так (?:больше )?(?:не может|нельзя) продолжаться${E}|${B}(?:позовите|дайте|соедините с|требую|попросил\\p{L}*(?: позвать)?) (?:\\p{L}+ )?(?:руководител\\p{L}*|начальник\\p{L}*|старшего)${E}`,
    ),
  },
  {
    cls: 'unanswered',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:second|third|fourth|fifth) time\\b[^.!?]{0,30}\\b(?:couldn'?t|can'?t|didn'?t|won'?t|not|no|never|wrong)\\b|${B}${ORDINAL_RU} раз(?: \\p{L}+){0,2} не${E}`,
    ),
  },

  // --- "still" ---
  {
    cls: 'still',
    fact: true,
    w: -1.5,
    re: u(
      `\\bstill (?:there|bill|billing|charge|charging|send|sending|calling|taking|hurts|hurting|says|shows|showing|bleeding|broken|no|nothing|waiting|charging|charged|pending|processing|preparing|hasn'?t|haven'?t|isn'?t|can'?t|doesn'?t|won'?t|don'?t|didn'?t|missing|leaking|not|took)\\b`,
    ),
  },
  {
    cls: 'still',
    fact: true,
    w: -1.5,
    re: u(
      `${B}(?:так и не|все еще не|по-прежнему не)${E}|${B}(?:до сих пор|все еще|по-прежнему)(?: \\p{L}+){0,2} (?:не|нет|жду|ждем|ничего|статус|висит|болит|пишет|показывает|спис\\p{L}*|присыла\\p{L}*|звон\\p{L}*|снима\\p{L}*|«|")`,
    ),
  },

  // --- rhetorical questions ---
  {
    cls: 'rhetorical',
    w: -1.5,
    re: u(
      `\\bwhy (?:have|even have|bother|do you even|do you have) \\w+ at all\\b|\\bwhat'?s the point\\b|\\bwhats the point\\b|\\bhow hard is it\\b|\\bis (?:this|that) a joke\\b|\\bare you (?:kidding|serious|joking)\\b|\\bunbelievable\\b`,
    ),
  },
  {
    cls: 'rhetorical',
    w: -1.5,
    re: u(
      `\\bwhy i (?:keep|even|still)\\b|(?:^|[.!?] )(?:really|seriously)\\?+$|${B}серь[её]зно\\?+$|${B}зачем (?:тогда|вообще|вы|я|нужн\\p{L}*|мне)${E}|${B}какой (?:тогда )?смысл${E}|${B}в ч[её]м смысл${E}|${B}как это называется${E}|${B}так сложно[^.!?]{0,40}\\?|\\b(?:how|why is it so) hard\\b|\\bso hard to\\b|${B}(?:почему|зачем) (?:так|настолько) сложно${E}|\\bi can'?t believe\\b|(?:^|[,.] )(?:unreal|нереально|это нереально)[.!]*$|${B}не могу поверить${E}|${B}неужели (?:так )?сложно${E}|${B}для галочки${E}|${B}для галки${E}|${B}я вам не (?:банкомат|кошелек|дойная)`,
    ),
  },

  // --- sarcasm markers ---
  {
    cls: 'sarcasm',
    fact: true,
    w: -1.5,
    re: u(`\\bthanks? (?:a lot |so much )?for nothing\\b|${B}спасибо (?:большое )?за ничего${E}`),
  },
  {
    cls: 'sarcasm',
    fact: true,
    w: -1.5,
    re: u(
      `\\bcool,? cool,? cool\\b|${B}круто,? круто${E}|\\b10\\/10,? would not\\b|${B}10 из 10,? больше не${E}`,
    ),
  },
  // A positive word alone after the facts ("..., got a salad. lovely", "... а тариф вы подняли. логично").
  {
    cls: 'sarcasm',
    w: -0.5,
    soft: true,
    re: u(
      `[.!,] (?:lovely|classy|nice|great|perfect|brilliant|wonderful|fantastic|awesome|makes sense|quality stuff|love it|красиво|логично|прекрасно|прекрасное качество|замечательно|отлично|супер|класс|ага|ну-ну|видимо)\\.?$|^(?:oh great|just great|well thanks|ну класс|ну спасибо|ну супер|ну отлично|ну прекрасно|ну здорово)${E}`,
    ),
  },

  // --- more classes of a complaint fact ---
  {
    cls: 'wrong',
    fact: true,
    w: -1.5,
    re: u(
      `\\bnothing like (?:what|the one) (?:i|we)\\b|${B}не (?:такая|такой|такое|такие|то|тот|ту),? (?:как|что|какую|какой|какое) (?:я|мы) (?:просил\\p{L}*|заказывал\\p{L}*|хотел\\p{L}*|выбирал\\p{L}*)|${B}(?:за это|за такое) не платил\\p{L}*|\\bsame (?:problem|issue|fault|error|leak)\\b[^.!?]{0,20}\\b(?:came back|again|returned|is back)\\b|${B}(?:та же|опять та же|снова та же|та же самая) (?:поломка|проблема|ошибка|течь)${E}`,
    ),
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `\\bwaiting forever\\b|\\bkept (?:me|us) waiting\\b|\\bfor ages\\b(?! \\d)|${B}(?:целую )?вечность${E}`,
    ),
  },
  {
    cls: 'promise',
    fact: true,
    w: -1.5,
    re: u(
      `\\bwithout (?:telling|asking|warning|notifying|informing) (?:anyone|anybody|customers|us|me)\\b|\\bnot mentioned\\b|${B}никого не (?:предупредил\\p{L}*|спросил\\p{L}*)${E}|${B}(?:об этом )?ни слова${E}|\\b(?:says|said|shows|showed|marked(?: as)?)\\b[^.!?]{0,30}\\b(?:but|yet)\\b[^.!?]{0,30}\\b(?:nothing|no|not|never|nobody)\\b|${B}(?:написано|пишет|показывает|отмечен\\p{L}*|сказали|обещают)[^.!?]{0,30},? (?:а|но) [^.!?]{0,30}${B}(?:ничего|нет|не)${E}`,
    ),
  },
  {
    cls: 'money',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:still |and )?paid (?:the )?full price\\b|${B}заплатили (?:мы )?полностью${E}|\\bcancell?ed (?:${NUM_EN}|another|more) (?:lessons|classes|sessions|appointments|trainings)\\b|${B}отменил\\p{L}* (?:${NUM_RU}|ещ[её]) (?:урок\\p{L}*|заняти\\p{L}*|сеанс\\p{L}*|тренировк\\p{L}*)|\\bovercharged\\b|${B}переплатил\\p{L}*${E}|${B}лишние (?:услуги|платежи|списания)${E}`,
    ),
  },
  {
    cls: 'rhetorical',
    w: -1.5,
    re: u(
      `\\bwhy (?:does|do|did|is|are|would) (?:it|this|that|they|you|a)\\b[^.!?]{0,40}\\b${NUM_EN} ${UNIT_EN}|${B}почему[^.!?]{0,40}${B}${NUM_RU} ${UNIT_RU}`,
    ),
  },
  {
    cls: 'fed up',
    fact: true,
    w: -1.5,
    re: u(`\\bfed up\\b|\\bsick (?:and tired )?of\\b|\\bhad enough\\b|\\benough is enough\\b`),
  },
  {
    cls: 'wrong',
    fact: true,
    w: -1.5,
    re: u(
      `\\bdouble[- ]?booked\\b|\\boverbooked\\b|\\boversold\\b|\\bnowhere to (?:stay|sleep|go)\\b|${B}(?:продал\\p{L}*|забронировал\\p{L}*|сдал\\p{L}*) [^.!?]{0,20}дважды${E}|${B}негде (?:жить|ночевать|спать)${E}`,
    ),
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:${NUM_EN}|an?) ${UNIT_EN} in (?:the |a )?(?:queue|line)\\b|\\bin (?:the |a )?(?:queue|line) for (?:${NUM_EN}|an?) ${UNIT_EN}`,
    ),
  },
  {
    cls: 'broken',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:has been|have been|was|is) (?:down|off|broken|not working|dead)\\b[^.!?]{0,15}\\b(?:since|for)\\b|\\bout of order\\b|${B}(?:нет|не работает|не работают|отключ\\p{L}*)[^.!?]{0,20}${B}с (?:понедельника|вторника|среды|четверга|пятницы|субботы|воскресенья|утра|вчера|прошлой|прошлого|\\d)|${B}(?:интернета|связи|света|воды|горячей воды|отопления) нет${E}`,
    ),
  },
  {
    cls: 'rough handling',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:threw|thrown|tossed|dumped|kicked)\\b[^.!?]{0,15}\\b(?:package|parcel|box|bag|order|delivery|food|luggage|suitcase)\\b|${B}(?:кинул|перекинул|швырнул|выкинул|бросил)\\p{L}* (?:\\p{L}+ )?(?:посылк\\p{L}*|коробк\\p{L}*|пакет\\p{L}*|заказ\\p{L}*|багаж\\p{L}*|чемодан\\p{L}*)`,
    ),
  },
  {
    cls: 'unanswered',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:sent|send|explain(?:ed)?|call(?:ed)?|ask(?:ed)?|written|wrote|repeat(?:ed)?|email(?:ed)?|told you)\\b[^.!?]{0,30}\\b(?:two|three|four|five|six|\\d+) times\\b|\\b(?:two|three|four|five|six|\\d+) times to (?:\\w+ )?(?:different|other)\\b`,
    ),
  },

  // --- yet more classes (our probe4) ---
  {
    cls: 'escalation',
    fact: true,
    w: -1.5,
    re: u(
      `\\bplease (?:look into (?:it|this)|sort (?:it|this) out|investigate)\\b|${B}(?:прошу|просьба) разобраться${E}|${B}разберитесь${E}|${B}примите меры${E}`,
    ),
  },
  {
    cls: 'leaving',
    fact: true,
    w: -1.5,
    re: u(
      `\\bif (?:this|it) (?:isn'?t|is not|doesn'?t get|is not) (?:fixed|resolved|sorted|refunded)\\b|\\bi'?m cancell?ing (?:my|the)\\b|${B}если (?:до \\p{L}+ )?не (?:исправите|решите|вернете|почините|ответите)${E}|${B}расторгаю${E}`,
    ),
  },
  { cls: 'refused', fact: true, w: -1.5, re: u(`\\brefused\\b|${B}отказал(?:ся|ась|ись)${E}`) },
  {
    cls: 'money',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:i|we) (?:never|didn'?t|did not) (?:made|make|authori[sz]e|authori[sz]ed|order|ordered|signed up|sign up|agree|agreed)\\b|${B}(?:который|которую|которое|которые|что) (?:я|мы) не (?:делал\\p{L}*|совершал\\p{L}*|подписывал\\p{L}*)${E}|\\b(?:went|gone|go|goes) up (?:by )?\\d+ ?%|\\bincreased by \\d+ ?%|${B}(?:подорожал\\p{L}*|выросл\\p{L}*|вырос|повысил\\p{L}*) на \\d+ ?%`,
    ),
  },
  {
    cls: 'money',
    w: -1,
    re: u(
      `\\bpaid for\\b[^.!?]{1,40}\\b(?:and|but) (?:the|it|they|all|only|instead)\\b|${B}(?:заплатил\\p{L}*|оплатил\\p{L}*) (?:за )?[^.!?]{1,40}, а ${B}`,
    ),
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `(?:\\b(?:window|slot|by|until|before|between)\\b|${B}(?:интервал\\p{L}*|до|к)${E})[^!?]{0,20}(?<![\\d:])(\\d{1,2}(?::\\d\\d)?|noon|midday|полудня) ?(?:am|pm)?[.,]? (?:it'?s|it is|now|сейчас|уже) (\\d{1,2})(?::\\d\\d)?(?: ?(?:am|pm))?(?: now)?\\.?$`,
    ),
    check: later,
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `\\barrived ${NUM_EN} ${UNIT_EN} after\\b|${B}(?:пришел|пришла|пришло|пришли|привезли|доставили) через ${NUM_RU} ${UNIT_RU} после${E}`,
    ),
  },
  {
    cls: 'unanswered',
    fact: true,
    w: -1.5,
    re: u(
      `\\bwithout (?:saying|a word|any explanation|telling (?:me|us))\\b|${B}ничего не (?:сказав|объяснив)${E}|${B}не сказав ни слова${E}|\\b(?:${NUM_EN}) different answers\\b|${B}(?:два|три|четыре|пять|\\d+) разных ответ\\p{L}*`,
    ),
  },
  {
    cls: 'broken',
    fact: true,
    w: -1.5,
    re: u(
      `\\bevery time i try\\b|\\bwhenever i try\\b|${B}каждый раз,? когда (?:я )?пыта\\p{L}*|\\bbricked\\b|\\bstopped (?:working|turning on|charging|loading)\\b|${B}перестал\\p{L}* (?:работать|включаться|заряжаться|грузиться|открываться)${E}`,
    ),
  },
  {
    cls: 'wrong',
    fact: true,
    w: -1.5,
    re: u(`\\bsomeone else'?s\\b|${B}чуж(?:ой|ая|ое|ие|ого|ую)${E}`),
    soft: true,
  },
  { cls: 'wait', soft: true, w: -1, re: u(`\\btook longer than\\b|${B}дольше обычно\\p{L}*`) },

  // --- our probe5 ---
  {
    cls: 'money',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:money|payment|charge|charged|billed)\\b[^.!?]{0,15}\\banyway\\b|${B}(?:вс[её] равно|все-таки) (?:\\p{L}+ )?(?:списал\\p{L}*|сняли|взяли)${E}|${B}обсчитал\\p{L}*|\\bshort-?changed\\b|${B}(?:к которому|которым|которого|которую) (?:я|мы) не (?:прикасал\\p{L}*|пользовал\\p{L}*|трогал\\p{L}*)`,
    ),
  },
  {
    cls: 'rude',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:laughed at|yelled at|shouted at|screamed at|rolled (?:her|his|their) eyes|talked down to)\\b|\\bshrugged\\b|${B}(?:посмеял\\p{L}*|смеял\\p{L}*|наорал\\p{L}*|накричал\\p{L}*|нахамил\\p{L}*|грубил\\p{L}*|хамил\\p{L}*) (?:надо мной|на меня|мне|нам)${E}|${B}пожал\\p{L}* плечами${E}`,
    ),
  },
  {
    cls: 'money',
    w: -1,
    re: u(
      `\\bpaid extra for\\b[^.!?]{1,40}\\b(?:and|but)\\b|${B}доплатил\\p{L}* за [^.!?]{1,40}(?:,? а|,? но| и)${E}|\\bbecause (?:of )?(?:your|you)\\b|${B}из-за (?:ваш\\p{L}*|вас)${E}|${B}потому что ваш\\p{L}*`,
    ),
  },
  {
    cls: 'repeated',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:second|third|fourth|fifth) (?!time\\b)\\w+ (?:this|in a) (?:week|month|row)\\b|${B}${ORDINAL_RU} (?!раз${E})\\p{L}+ за (?:месяц|неделю)${E}|\\b(?:the )?same \\w+ (?:two|three|four|five|\\d+) times\\b`,
    ),
  },
  {
    cls: 'damaged',
    fact: true,
    soft: true,
    w: -1,
    re: u(
      `\\b(?:a tear|tears) in\\b|\\bbent\\b|\\braw inside\\b|\\bsalty\\b|\\bovercooked\\b|${B}(?:порван\\p{L}*|погнут\\p{L}*|пересол\\p{L}*|сыр(?:ой|ая|ое) внутри|пережарен\\p{L}*)`,
    ),
  },
  {
    cls: 'wrong',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:booked|paid for|ordered)\\b[^.!?]{0,25}?(\\d+)[- ]?(?:hour|hr|min)\\w*[^.!?]{0,20}?\\b(?:got|did|gave|lasted)\\b[^.!?\\d]{0,5}(\\d+)|${B}(?:бронировал\\p{L}*|оплатил\\p{L}*|заказывал\\p{L}*|записал\\p{L}*)[^.!?]{0,25}?(\\d+) ?(?:час|мин)\\p{L}*[^.!?]{0,20}?(?:сделали|дали|провели|получил\\p{L}*|длил\\p{L}*)[^.!?\\d]{0,5}(\\d+)`,
    ),
    check: (m) => differ({ ...m, 1: m[1] ?? m[3], 2: m[2] ?? m[4] } as RegExpExecArray),
  },
  {
    cls: 'still',
    fact: true,
    w: -1.5,
    re: u(`${B}(?:стук|шум|проблема|поломка|течь|боль|запах|скрип)\\p{L}* (?:так и )?остал\\p{L}*`),
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `(?:в статусе|статус)[^.!?]{0,40}${B}(?:со вчера\\p{L}*|с утра|с (?:понедельника|вторника|среды|четверга|пятницы|субботы|воскресенья|прошлой недели))|${B}(?:со вчера\\p{L}*|с утра|с прошлой недели)[^.!?]{0,30}(?:в статусе|статус)`,
    ),
  },
  {
    cls: 'leaving',
    fact: true,
    w: -1.5,
    re: u(
      `${B}(?:рекомендовать|советовать) (?:вас )?никому не буду${E}|${B}никому не (?:порекомендую|посоветую)${E}|\\b(?:recommend|recommending) (?:you )?to (?:no one|nobody)\\b`,
    ),
  },

  // --- our probe6 ---
  {
    cls: 'promise',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:after|even though|although) i (?:had )?(?:specifically |clearly |explicitly )?(?:asked|said|told|requested)\\b|\\b(?:is )?this (?:is )?how you treat\\b|${B}(?:вот )?так (?:вы )?(?:со мной|с клиентами|относитесь)${E}|\\bsold (?:me|us)\\b[^.!?]{0,30}\\bas (?:new|fresh)\\b|${B}продали[^.!?]{0,30}как (?:свеж\\p{L}*|нов\\p{L}*)`,
    ),
  },
  {
    cls: 'neglect',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:skipped|ignored|missed) (?:the|my|our)\\b|${B}(?:вообще|совсем) не (?!был)\\p{L}+(?:л|ла|ли|ло)${E}|\\bdidn'?t (?:even )?(?:tell|inform|warn|call) (?:me|us)\\b|${B}ничего (?:мне |нам )?не (?:сказал\\p{L}*|сообщил\\p{L}*)|\\b(?:nobody|no one) even\\b|${B}никто даже не${E}|\\b(?:nobody|no one)\\b[^.!?]{0,25}\\bknows? (?:anything|nothing)\\b|\\bno one can (?:explain|tell|help)\\b|\\bnobody can (?:explain|tell|help)\\b`,
    ),
  },
  {
    cls: 'wrong',
    fact: true,
    w: -1.5,
    re: u(
      `\\bdelivered (?:it )?to (?:my |the |a )?(?:neighbou?r|wrong)|${B}(?:отдали|оставили|доставили|вручили) (?:\\p{L}+ )?(?:соседк\\p{L}*|соседу|соседям)${E}|${B}не (?:у |к |в |на )?(?:тот|ту|того|той|тех|тому)${E}(?! (?:ли|же))`,
    ),
  },
  {
    cls: 'broken',
    fact: true,
    soft: true,
    w: -1,
    re: u(
      `\\b(?:didn'?t|did not|wouldn'?t|won'?t|doesn'?t) (?:scan|print|connect|go through|sync|install|update)\\b|${B}не (?:сканировал\\p{L}*|сканиру\\p{L}*|грузят\\p{L}*|грузил\\p{L}*|загружа\\p{L}*|печата\\p{L}*|подключа\\p{L}*)`,
    ),
  },
  {
    cls: 'harm',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:nicked|cut|burned|burnt|scratched|injured|hurt|ruined|ruin) (?:my|our)\\b|\\bruined\\b|${B}(?:порезал\\p{L}*|поранил\\p{L}*|обжег\\p{L}*|травмировал\\p{L}*|покалечил\\p{L}*)${E}`,
    ),
  },
  {
    cls: 'money',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:bill|price|fee|rate|premium|rent|cost)s? (?:has |have )?(?:doubled|tripled)\\b|${B}(?:вырос|выросл\\p{L}*|увеличил\\p{L}*|подорожал\\p{L}*) (?:вдвое|в два раза|втрое|в три раза)${E}`,
    ),
  },
  {
    cls: 'damaged',
    fact: true,
    w: -1.5,
    re: u(
      `\\btast(?:es|ed) like (?:cardboard|a can|it came from|nothing|plastic|rubber|soap|chemicals|water|dirt|old)\\b|${B}на вкус как (?:из|резин\\p{L}*|картон|пластик|мыло|подошв\\p{L}*|вода)${E}`,
    ),
  },
  {
    cls: 'unanswered',
    fact: true,
    w: -1.5,
    re: u(
      `\\bwithout (?:solving|fixing|resolving|answering|reading)\\b|${B}ничего не (?:решив|сделав|исправив|ответив)${E}|\\bexcuses\\b|${B}отговорк\\p{L}*|\\bafter (?:i |me )?(?:asking|asked|told|telling) (?:you|them) (?:to stop|not to)\\b|\\bkeep getting\\b`,
    ),
  },
  {
    cls: 'unanswered',
    w: -1,
    re: u(
      `\\bclosed (?:my|the) (?:ticket|case|request|complaint)\\b|${B}закрыл\\p{L}* (?:мою )?(?:заявку|обращение|тикет|жалобу)${E}`,
    ),
  },
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `\\b${NUM_EN} ${UNIT_EN} in (?:the|a|your) (?:\\w+ )?(?:waiting room|lobby|queue|line|er|emergency room)\\b|${B}${NUM_RU} ${UNIT_RU} в (?:приемном|очереди|зале ожидания|холле|лобби)${E}`,
    ),
  },
  { cls: 'refused', fact: true, w: -1.5, re: u(`\\brefus(?:es|ing) to\\b|${B}отказыва(?:ется|ются|ют)${E}`) },
  {
    cls: 'still',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:has|had|with) the same (?:defect|fault|problem|issue|crack|error)\\b|${B}(?:тот же|та же|такой же|такая же) (?:дефект|брак|поломка|проблема|трещина|ошибка)${E}`,
    ),
  },
  { cls: 'rhetorical', w: -1.5, re: u(`(?:${B}это|—|-) смешно[.!]*$|\\byou managed to\\b`) },

  // --- our probe7 (mostly the Russian side of classes the English side had) ---
  {
    cls: 'wait',
    fact: true,
    w: -1.5,
    re: u(
      `${B}(?:в ремонте|на ремонте|на проверке|на рассмотрении|на линии|на телефоне|в очереди|на таможне)${E}[^.!?]{0,10}?${B}(?:уже )?(?:${NUM_RU} )?${UNIT_RU}|${B}${NUM_RU} ${UNIT_RU} (?:в ремонте|на ремонте|на линии|на телефоне|в очереди)${E}|\\b(?:in repair|in the shop|on the phone|on hold|in review|under review)\\b[^.!?]{0,10}\\bfor ${NUM_EN} ${UNIT_EN}|\\bon hold so long\\b|${B}(?:висел\\p{L}*|ждал\\p{L}*) (?:на линии )?так долго${E}`,
    ),
  },
  {
    cls: 'unanswered',
    fact: true,
    w: -1.5,
    re: u(
      `${B}никаких (?:новостей|ответов|объяснений|извинений)${E}|\\bno (?:updates|news|answers)\\b|\\bno one showed up\\b|\\bnobody showed up\\b|${B}никто не (?:пришел|пришла|приехал\\p{L}*|явил\\p{L}*)${E}|\\bchase you\\b|${B}выпрашивать${E}|${B}(?:неужели|разве) (?:так )?(?:трудно|сложно)${E}|\\btoo much to ask\\b`,
    ),
  },
  {
    cls: 'leaving',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:the )?last time i (?:book|order|buy|use|come|shop)\\b|${B}(?:в )?последний раз (?:бронирую|заказываю|покупаю|пользуюсь|прихожу|обращаюсь|еду|лечу)${E}|\\bi regret (?:buying|ordering|booking|signing)\\b|${B}жале(?:ю|ем),? что${E}`,
    ),
  },
  {
    cls: 'wrong',
    fact: true,
    w: -1.5,
    re: u(
      `\\b(?:got|gave me|put me in|given) (?:the |a )?[\\w -]{1,20}? anyway\\b|${B}вс[её] равно (?:посадили|дали|поселили|привезли|сделали|поставили)${E}|${B}не по (?:рецепту|размеру|заказу|описанию|фото)${E}|${B}перебронировал\\p{L}*|${B}развернули${E}|\\bturned (?:us|me) away\\b`,
    ),
  },
  {
    cls: 'wrong',
    fact: true,
    w: -1.5,
    re: u(
      `\\bordered (\\d+),? (?:and )?(?:received|got) (\\d+)\\b|${B}заказ(?:ал|ала|али)? (\\d+),? (?:а )?(?:пришло|привезли|получил\\p{L}*|доставили) (\\d+)${E}`,
    ),
    check: (m) => differ({ ...m, 1: m[1] ?? m[3], 2: m[2] ?? m[4] } as RegExpExecArray),
  },
  {
    cls: 'damaged',
    fact: true,
    soft: true,
    w: -1,
    re: u(
      `\\bgot (?:all )?wet\\b|\\bleaks?\\b|\\bleaking\\b|${B}промок\\p{L}*|${B}теч[её]т${E}|${B}протека\\p{L}*|${B}(?:сидел\\p{L}*|был\\p{L}*|болтал\\p{L}*) в телефоне${E}|\\bon (?:his|her|their) phone\\b`,
    ),
  },
  {
    cls: 'broken',
    fact: true,
    w: -1.5,
    re: u(`${B}переставал\\p{L}* работать${E}`),
  },
  {
    cls: 'repeated',
    fact: true,
    w: -1.5,
    re: u(
      `${B}(?:которые|который|которую|что) (?:я )?уже (?:отправил\\p{L}*|присылал\\p{L}*|прислал\\p{L}*|давал\\p{L}*)${E}|\\b(?:i|we) (?:already|have already) sent\\b|\\bdocuments i already\\b`,
    ),
  },
  {
    cls: 'unanswered',
    fact: true,
    w: -1.5,
    re: u(
      `${B}(?:а )?вопрос (?:так и )?не реш[её]н${E}|\\b(?:issue|problem) (?:still )?(?:isn'?t|is not|wasn'?t|not) (?:solved|resolved|fixed)\\b`,
    ),
  },

  // "…, and it's brand new": half a sign, only with a fault beside it.
  {
    cls: 'brand new',
    soft: true,
    w: -0.5,
    re: u(
      `\\bit'?s (?:brand )?new\\b|\\bbrand new\\b|${B}а (?:он|она|оно) (?:совсем |ведь |же )?нов(?:ый|ая|ое)${E}|${B}(?:совсем|абсолютно) нов(?:ый|ая|ое)${E}`,
    ),
  },

  // --- the customer's own mishap ("I lost my card, please block it"): no complaint about the business ---
  {
    cls: 'own mishap',
    w: 1,
    re: u(
      `\\bby (?:accident|mistake)\\b|${B}(?:я )?случайно${E}|\\bi (?:lost|entered|typed|chose|picked|forgot|broke|dropped|misplaced|mistyped)\\b(?! (?:my )?(?:patience|time|hours?|days?|faith|trust))|\\breport (?:a |my )?(?:lost|stolen)\\b|${B}я (?:потерял\\p{L}*|ввел\\p{L}*|ввела|указал\\p{L}*|выбрал\\p{L}*|забыл\\p{L}*|перепутал\\p{L}*|уронил\\p{L}*|разбил\\p{L}*)${E}(?! (?:терпение|время|веру|доверие|час\\p{L}*|день|дни))|${B}(?:потерял\\p{L}*|потеряна|потеряной) карт\\p{L}*|${B}о потере${E}`,
    ),
  },

  // --- reassurance: the customer says it is fine ---
  {
    cls: 'reassurance',
    w: 1.5,
    re: u(
      `\\bworth it\\b|\\bno big deal\\b|\\bmy (?:own )?(?:fault|mistake|bad)\\b|\\bmyself\\b|${B}(?:сам|сама) ошиб\\p{L}*|${B}(?:я|мы) (?:сам|сама|сами) (?:ошиб\\p{L}*|виноват\\p{L}*)|${B}моя ошибка${E}|\\bno worries\\b|\\bno rush\\b|\\ball good\\b|\\bno harm done\\b|${B}того стоил\\p{L}*${E}|${B}не страшно${E}|${B}ничего страшного${E}|${B}(?:всё|все) (?:нормально|хорошо|в порядке)${E}|${B}не спешите${E}`,
    ),
  },

  // --- weak signs, only together with another ---
  { cls: 'again', soft: true, w: -0.5, re: u(`\\bagain\\b|${B}(?:опять|снова)${E}`) },
  { cls: 'every time', soft: true, w: -0.5, re: u(`\\bevery (?:single )?time\\b|${B}каждый раз${E}`) },
  { cls: 'interjection', soft: true, w: -0.5, re: u(`^(?:ugh|smh|sigh|эх|эхх|ну вот|блин)${E}|\\bsmh\\b`) },
  { cls: "don't like", soft: true, w: -1.5, re: u(`\\b(?:don'?t|do not|didn'?t|did not) like\\b`) },
  {
    cls: 'impossible',
    w: -1,
    soft: true,
    re: u(`${B}невозможно${E}|\\bimpossible\\b|\\blocked out\\b`),
  },
];

/** A polite question (no complaint in it): "do you have…?", «подскажите…», «можно ли…?». */
export const politeQuestion =
  /^(?:hi[,!]? |hello[,!]? |hey[,!]? |good (?:morning|evening|afternoon)[,!]? |quick q:? |здравствуйте[,!]? |добрый день[,!]? )?(?:can|could|do|does|is|are|will|would|how|what|when|where|which|who|any|may|should|подскажите|скажите|уточните|можно|есть ли|а можно|как|когда|сколько|во сколько|какой|какая|какие|будет ли|не подскажете|не могли бы|а если|если|что делать|что будет)(?![\p{L}])|\b(?:is that (?:right|true|correct|so)|is it (?:true|possible)|just (?:curious|checking|asking|wondering))\b|(?<![\p{L}])(?:это так|это правда|верно ли|правда ли|просто интересно|просто уточняю)(?![\p{L}])/u;

/**
 * A request or a question closing a message that states a fact ("my card expired, do I need a new one?",
 * «чек не пришёл, можете отправить ещё раз?»): a question, not a complaint, unless something else says so.
 */
export const politeTail =
  /(?:\b(?:can|could) (?:i|you|we)\b|\bdo (?:i|we) need\b|\bis (?:that|it|this|a \w+) (?:normal|ok|okay|safe|possible|fine)\b|\bwhat'?s next\b|(?<![\p{L}])(?:можете|можно|нужен|нужна|нужно ли|это нормально|это безопасно|подскажите|есть (?:ли )?\p{L}+)(?![\p{L}]))[^.!?]*\?\s*$/u;

/** Scare quotes: a short lower-case phrase in quotes ("unlimited" data, «бесплатное» отбеливание). */
export const scareQuotes = /(?:^|[\s(])["“«']([\p{Ll}\d][^"”»'\n]{0,30})["”»'](?=[\s.,!?)]|$)/u;

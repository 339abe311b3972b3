// Maestro's reading of a customer's event request, deterministic, in Russian and English: the event's
// type (a company anniversary, "юбилей компании", «у нашей компании 15-летие», "our firm turns 10",
// apart from a birthday, «др», «детские дни рождения», someone close turning an age («сыну исполняется
// 7», "my dad turns 60"); «золотая свадьба» an anniversary, not a wedding; a wedding by its ceremony or
// verbs («выездная регистрация», «расписаться», "get married"); a marriage proposal, a dinner for two,
// a presentation `other`; a party, dinner or reception for a company's staff or clients corporate, a
// New Year or Christmas party for friends or family not), date (event-date.ts: words, ordinals in
// words, fixed-day holidays, and relative days against the conversation's now), place (the places
// gazetteer, reading/places: "в Подмосковье", "in New York", "the Leningrad region"), guests ("гостей
// ~60", "человек 50", «человек под сто», «человек на 35», "около сотни", "about 120 people", "a party
// of 80", "our team of 18", "There will be 20 of us", "a dozen friends", "70 students"; a changed count
// is the new one: «гостей станет 45 вместо 30»; a day before its month never) and budget with its
// currency ("миллион рублей", "2,5 млн", "$40k", "до 400 тыс.", "150 т.р.", «полтора ляма», «тысяч 150»,
// «два с половиной миллиона»; a budget word before an amount in its clause beats other money, a ticket's
// price is never the budget; a currency named after the amount, "15 grand in US dollars", beats the
// place's; a phone number never), format and wishes. Numbers and money come from the shared reader
// (reading/index.ts).
// Since the blind set events4 (issue 61): a company turning N years with words between («Компании
// «Вектор» в следующем году исполняется 15 лет», "Our company X is turning 25") an anniversary; a
// launch or presentation for a company's partners, dealers, clients or staff corporate (a launch for
// the public stays `launch`); congratulating the company's people («коллектив поздравить» on 23
// February or 8 March) corporate; «девичник», «мальчишник», "bachelorette", "hen/stag do", "baby/bridal
// shower", "reunion", «встреча выпускников», «новоселье» other; someone's Nth ("my dad's 70th", "her
// 30th") a birthday; "client reception", "customer dinner" corporate; "elope" only as a word (not in
// "Developer"); a bare «мероприятие»/"event" names no kind (no type) unless it says whom it is for
// («мероприятие для клиентов»: other). Guests: approximate words before a count («ориентировочно»,
// «приблизительно», «плюс-минус», "approx."), a total beats its parts («двое плюс друзья, всего 16
// человек», "20 total"), people named by who they are («180 врачей», «8 девочек», "10 girls", "30
// ppl", professions and roles). Places: short forms the gazetteer lacks ("St Pete", "St. Pete's",
// "SPb", "Ekb"). A document's own date («Заявка №7781 от 01.12», "Invoice #2 dated …") is no event
// date (event-date.ts).
// Since the blind set events5 (issue 61): a date ruled out («31 декабря не подходит, нужно 26 декабря»,
// «отпадает», "won't work", "is booked", after «вместо»/"instead of") is skipped, and a month/day with
// no year ("on 12/18") is read, month first in English (event-date.ts). Guests: a bare total in words
// («всего двадцать.»), a total before its noun («всего человек 70»), "total ~200", devs/coders/designers,
// a guest list's size ("guest list is now 85", "headcount") with the old count "(was 70)" dropped.
// Budget: a per-head price said before its amount («на человека 5 000 руб.») gives way to a total beside
// it («итого не больше 175 тыс.»); «лям двести» is 1 200 000 and «Бюджет — до 600 тыс.» a budget (the
// reader). Type: a reception or dinner for key, regular or VIP clients corporate; symposium conference;
// hackathon other; a holiday with friends or N families («Christmas with three families») other; a bare
// «банкет»/«фуршет»/"banquet" names a format, not an occasion: no type.
// Since the blind set events6 (issue 61; corporate e-mails with signatures, voice-to-text): guests: a
// total after «порядка»/«приблизительно» («итого порядка 155»); parts of one party with no total are
// summed («детей будет двенадцать и взрослых человек десять» 22, "thirty adults and eight kids", "15
// kids and maybe 8 parents"; not a subset: «из них», "of them"; not the same people twice); a count
// changed later is the new one («говорила шестьдесят гостей, но теперь получается семьдесят пять»,
// "now it's gonna be closer to a hundred", "has gone up from 70 to 84", «было 60, стало 75», «гостей
// не 40, а 50»; children and adults joined by a comma alone: «30 взрослых, 8 детей»); "expected attendance is
// 350-400", "the guest list currently stands at 180"; «взрослых», «родителей», "parents" count people.
// Type: an organisation founded in a year and turning an age an anniversary («(основан в 1997 году)
// исполняется 30 лет», "founded in 2002, turns 25"); «командообразующее» teambuilding; «крестины»,
// "christening", "baptism" other; a company's barbecue, cookout or picnic and a dinner for a counted
// number of clients ("for ten clients", «для восьми партнёров») corporate. Budget (the reader): «1 млн
// 200 тыс.», «на пол ляма человек на 35», "forty k dollars". Dates: event-date.ts.
// Since the blind set events7 (issue 61; chat messages, slang, glued messages, changes of mind, pasted
// tables): a table pasted as text is read as "header: cell" lines (pasted-table.ts); what is taken back
// («хотя нет», «ой», «точнее», "actually", "scratch that", "oops I mean"; changes.ts) is replaced by what
// is said after it: the head count («гостей 40, точнее 45»), the budget («800 тыс... хотя нет, максимум
// 600»: a bare number keeps the replaced scale when one scale only is near, else no budget), the place
// («в Париже… actually in Nice») and the date (event-date.ts). Guests: a year is never a head count
// after a month, before a noun another number takes, or after a guest noun unless round («гостей 2027»
// none, «участников: 2000» 2000); nor codes, order, room or extension numbers («№ 12», "Ref 2231",
// «доб. 214»), times ("8 pm", «в 7 вечера»), a company's age after its founding year; «их 45» after the
// people named; plus-ones a total («с +1 будет 80», "70 with partners"); a count to plan for after
// others («считайте на 300», "plan for 75"); peeps, folks, covers, signups, registrations, «сотрудниц».
// Budget: a price per head in chat forms (€80pp, «90 евро/чел», «с носа», "$120/head") times the head
// count; a rate per hour, day or month («5000 р/час») no budget unless a budget word names it. Place:
// where the customer lives or works («мы из Самары, офис в Москве», "based in London") is not the event's
// when another is named; «нск», «Новосиб», «в Сочах», "in SF". Type: «сотрудниц», «корпор», «офисная
// вечеринка», a pub or bar crawl for the office corporate; «тимбилд»; "confrence", «конфа»; "weding";
// «юбилей свадьбы» and founded in a year then «нам 30 лет» / "we're 20" an anniversary.
// Since the blind set events8 (issue 61; e-mails, voice-to-text, glued chats, web forms, forwarded
// messages): a forwarded message's From/Date/Sent/To lines are dropped (when it was sent is no event
// date); a moved date, a day said "instead", «Татьянин день» and other fixed-day holidays (event-date.ts).
// Guests: an age after «исполняется»/"turning" is no head count; a company's staff and their children are
// parts of one party («Сотрудников 40, детей примерно 25» 65); "20 people — wait, 24" (changes.ts).
// Budget: a web form's field («Бюджет, руб.: 1 500 000», "Budget (USD): 120,000", the label's currency);
// «бюдж»; a higher ceiling said after it ("Budget €15k, maybe stretch to €18k") the budget. Place: "a
// Minsk-based company" is not the event's place. Type: founded in a year, then its N-летие an
// anniversary; a party, dinner or drinks for an office ("our Dublin office") or a department's team ("our
// sales team"), «банкет для отдела» corporate; a retirement party, «проводы на пенсию» other.
// Since the blind set events9 (issue 61; people organising for others, replies quoting an earlier thread,
// voice-to-text, web forms): a reply's new message is read before the thread it quotes («-----Исходное
// сообщение-----», "On … wrote:", «… пишет:», «…, Имя <адрес>:»), each field from the quote only when the
// new message leaves it unsaid. Guests: a spoken range with no dash («человек двести двести пятьдесят»
// 250); others added and what it comes to («выпускников 74, с родителями и учителями выйдет около 200»);
// a company's staff in brackets («(250 сотрудников, 4 филиала)») gives way to the count invited; a count
// cut or raised with «до» («сначала было сто, потом решили ужать до семидесяти», "trim it down to 110");
// a school class's number («родители 6 класса») no count; «ребёнка», «сопровождающих», «мест», "seats"
// count people (not «по 60 мест» per hall, nor «ещё 10 мест» added); form fields one a line («Kids: 30» /
// «Adults: 15») summed; "headcount for the holiday party is now 64". Budget: a share each chips in
// («сдаём по 1500 рублей») beside a total («всего выйдет около 55 тысяч») gives the total, alone none.
// Place: "from the Berlin office" is where the writer works. Dates: event-date.ts (a poll's closing date,
// a room number like «переговорка 4.12»). Type: a school class's party organised by parents («родители 6
// класса», «Новый год с классом», "PTA", "room parents") other; a farewell or send-off other; «для
// делегации», any one adjective before the audience («для женского коллектива», «для мужской части
// офиса», "for our visiting partners"), «собрать отдел на ужин», "all-hands", a company family day, "our
// department's holiday lunch" corporate; "10 years in business", «20 лет на рынке» an anniversary; "sweet
// 16", quinceañera a birthday.
// Since the blind set events11 (issue 61; an agency inbox with changes of mind): a date moved «на»/"to"
// another with no «с»/"from" (event-date.ts); an update note under the message («UPD:», "Edit:") read
// first, each field from the message when the note leaves it unsaid; a budget cut or raised to an amount
// ("finance cut it to $150k", «урезал до 700 тысяч»); «тысяч 40 готовы потратить» (the reader). Type: a
// holiday kept «всем коллективом», «с коллегами», "with the whole team" corporate; "party 4 the office".
// Since the blind set events12 (issue 61; people correcting themselves): guests: each side of a wedding
// («с моей стороны 40, с его 35»), each one bringing others ("35 staff, each can bring a +1" 70), the
// same number again («детей около 40 и родителей столько же» 80), staff and business guests joined by a
// comma («сотрудников 180, партнёров около 70»), «взрослых человек 8», a count corrected after a reason
// («25, хотя нет, … так что около 35»), "execs"; a correction or a choice decided (changes.ts). Type: a
// sales kick-off conference; a dinner for the board, an end-of-year party of staff, a party for the staff's
// children, «восьмое марта» for the office corporate.
import { findMoney, findNumbers, type FoundNumber } from '../../reading/index';
import { groupAfter, groupBefore } from '../../reading/people';
import { findPlace, findPlaces, placeNamed, type Place, type PlaceMatch } from '../../reading/places/match';
import type { PackLanguage } from '../types';
import { eventDateOf, monthOf } from './event-date';
import { afterMarker, correctionsIn } from './changes';
import { tableAsLines } from './pasted-table';
import { isTransliteratedRussian, toCyrillic } from './translit';

export const eventTypes = [
  'corporate',
  'wedding',
  'conference',
  'birthday',
  'anniversary',
  'teambuilding',
  'launch',
  'graduation',
  'other',
] as const;
export type EventType = (typeof eventTypes)[number];
export type EventFormat = 'in-person' | 'online' | 'hybrid';

export type EventRequest = {
  type?: EventType;
  /** A calendar day, YYYY-MM-DD. */
  date?: string;
  /** The place's name in the request's language (the gazetteer's, else as written). */
  city?: string;
  /** The place as the gazetteer knows it (a region or a city), when it does. */
  place?: Place;
  guests?: number;
  budget?: { amount: number; currency: string };
  format?: EventFormat;
  wishes: string[];
  language: PackLanguage;
};

/** Organisations whose anniversary is a company's, not a person's ("юбилей компании", "our firm turns 10"). */
const orgRu = String.raw`(?:(?:компани|фирм|агентств|завод|организаци|бренд|холдинг|предприяти)\p{L}*|банк(?:а|у|ом|е)?(?!\p{L}))`;
const orgEn = String.raw`(?:company|firm|business|agency|brand|bank|organi[sz]ation|startup|studio|corporation|enterprise)`;
/** "15-летие", "десятилетие", "двадцатипятилетия": an N-year jubilee in digits or words. */
const jubileeRu = String.raw`(?:\d+[-\s]?|\p{L}{3,})лет(?:ие|ия|ию|ием|ии)(?!\p{L})`;
/** A number of years in English, digits or words ("10", "ten", "twenty-five"). */
const yearsEn = String.raw`(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a\s+hundred)(?:-\p{L}+)?(?!\p{L})`;
/** Named wedding anniversaries: «золотая свадьба» (50 years), «серебряная» (25), "ruby wedding" (40)... */
const namedWeddingRu = String.raw`(?:ситцев|бумажн|кожан|льнян|деревянн|чугунн|шерстян|медн|жестян|фаянсов|стальн|никелев|кружевн|оловянн|хрустальн|фарфоров|серебрян|жемчужн|коралл|рубинов|сапфиров|золот|изумрудн|бриллиантов|алмазн|платинов|железн|дубов)\p{L}*\s+свадьб`;
const namedWeddingEn = String.raw`(?:paper|cotton|leather|linen|wooden|tin|crystal|china|porcelain|silver|pearl|coral|ruby|sapphire|gold|golden|emerald|diamond|platinum)\s+wedding(?!\s+(?:dress|gown|ring|band|theme|decor|cake|colou?rs?|style))`;

/** A count of guests in words or digits before whom an event is for ("for ten clients", «для десяти клиентов»). */
const countEn = String.raw`(?:\d+|a\s+dozen|a\s+few|several|some|a\s+hundred|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)`;
const countRu = String.raw`(?:\d+|нескольких|двух|тр[её]х|четыр[её]х|пяти|шести|семи|восьми|девяти|десяти|\p{L}+надцати|двадцати|тридцати|сорока|пятидесяти|шестидесяти|семидесяти|восьмидесяти|девяноста|ста)`;

/** Someone close turning an age: «сыну исполняется 7», «маме исполнится 70», "my dad turns 60", "I'm turning 30". */
const personRu = String.raw`(?<!\p{L})(?:сын|доч|ребен|ребён|малыш|внук|внучк|мам|пап|отц|отец|матер|муж|жен|брат|сестр|друг|подруг|бабушк|бабул|дедушк|дед|именинни|шеф|босс|начальник|директор|т[её]щ|свекр|тест|племянни|крестни|мне|ему|ей)\p{L}*`;
const personEn = String.raw`(?<!\p{L})(?:dad|daddy|father|mum|mom|mother|mummy|mommy|son|daughter|wife|husband|brother|sister|grandma|grandmother|granny|nan|grandpa|grandfather|friend|best\s+friend|boss|kid|child|boy|girl|twins|nephew|niece|uncle|aunt|partner|fianc[ée]e?|girlfriend|boyfriend|baby|he|she|i)(?:'s|’s|'m|’m|\s+is|\s+am|\s+will|'ll|’ll)?`;
const personTurns = String.raw`${personRu}\s+(?:(?:скоро|будет|уже|в\s+\p{L}+)\s+)?(?:исполня\p{L}*|исполнит\p{L}*)|${personEn}\s+(?:(?:be\s+)?turn(?:s|ing)?|is\s+turning)\s+${yearsEn}`;
/** Someone's age as an ordinal: "my dad's 70th", "her 30th", "Mom’s 60th birthday" (not "20th anniversary", "5th floor"). */
const someonesNth = String.raw`(?:${personEn.replace(String.raw`|he|she|i)(?:'s|’s|'m|’m|\s+is|\s+am|\s+will|'ll|’ll)?`, ')')}(?:'s|’s)|(?<!\p{L})(?:his|her))\s+\d{1,3}(?:st|nd|rd|th)(?=\s*(?:$|[,.!?;:)]|(?:birthday|bday|b-day|party|celebration|bash|dinner|on|in|at|with|next|this)(?!\p{L})))`;
/** A marriage proposal (an `other` event, not a wedding): «предложение руки и сердца», "propose to my girlfriend". */
const proposal = String.raw`предложени\p{L}*\s+руки|(?:сделать|сделаю|делать|делаю)\s+(?:ей\s+)?предложени\p{L}*\s+(?:руки|девушке|любимой|невесте|подруге|ей|своей|моей)|marriage\s+proposal|proposal\s+(?:dinner|party)|propos(?:e|ing)\s+to\s+(?:my|her|him)|pop\s+the\s+question`;
/** Those a party is given for privately (a New Year's party for friends is no corporate). */
const privateAudience =
  /(?:для|с|со)\s+(?:(?:наш|мо|сво|всех|близк)\p{L}*\s+)?(?:друз|подруг|семь|семей|родн|родственник|близких|дет(?:ей|ям|ьми)|соседей|одноклассник|однокурсник)|(?:for|with)\s+(?:(?:my|our|the|close|all\s+(?:of\s+)?(?:my|our))\s+)?(?:friends|family|families|kids|children|neighbou?rs|classmates|relatives|loved\s+ones)/iu;

/** Holidays a private party may be for. */
const holidayWords = String.raw`new\s+year(?:'s|’s|s)?(?:\s+eve)?|(?<!\p{L})nye(?!\p{L})|christmas|xmas|новогодн\p{L}*|нов(?:ый|ого|ым|ом)\s+год\p{L}*|рождеств\p{L}*|thanksgiving|easter|пасх\p{L}*`;
/** A number of families or households ("2 families", «две семьи», «три семьи»). */
const familiesCount = String.raw`(?:\d+|two|three|four|five|a\s+few|several|две|дв[уе]х|три|тр[её]х|четыре|пять|несколько)\s+(?:famil(?:y|ies)|households|сем(?:ьи|ей|ьями|ьям))(?!\p{L})`;

/** A company's own people or business contacts as an event's audience («для партнёров», "for our clients"). */
const companyAudience =
  /(?<!\p{L})для\s+(?:(?:наш|сво|всех|ключев|основн)\p{L}*\s+)?(?:клиент|партн[её]р|дилер|дистрибьютор|сотрудни(?:к|ц)|персонал|коллектив|заказчик)\p{L}*|\bfor\s+(?:(?:our|the|its|their|key|all(?:\s+of)?(?:\s+our)?)\s+)?(?:clients|customers|partners|dealers|distributors|resellers|staff|employees)(?!\p{L})/iu;

/**
 * Event types by the words that name them, the most specific first ("юбилей компании" before "юбилей");
 * a third member names what makes the words not that type.
 */
const typeWords: [EventType, RegExp, RegExp?][] = [
  [
    'anniversary',
    new RegExp(
      [
        // A company's: «юбилей компании», «15-летие нашей фирмы», «у нашей компании 15-летие»,
        // «компании исполняется 10 лет», «10 лет банку», "company's 25th anniversary", "our firm turns 10".
        String.raw`(?:д(?:ень|ня|нем|не) рождени\p{L}*|юбиле\p{L}*|годовщин\p{L}*|${jubileeRu})\s+(?:нашей\s+|нашего\s+|нашему\s+|нашим\s+)?${orgRu}`,
        String.raw`${orgRu}\s+(?:(?:скоро|будет|отмечает|празднует|исполнится)\s+)?(?:юбиле\p{L}*|${jubileeRu}|исполняется|\d+\s+лет)`,
        String.raw`\d+\s+лет\s+(?:нашей\s+|нашему\s+)?${orgRu}`,
        // A company named, then up to six words (its name, «в следующем году»), then its age:
        // «Компании «Вектор» в следующем году исполняется 15 лет», «фирме скоро исполнится двадцать лет».
        String.raw`${orgRu}(?:[\s\u00a0«»"'„“”()-]+[\p{L}\d-]+){0,6}?[\s\u00a0«»"'„“”,()-]+(?:исполня\p{L}*|исполнит\p{L}*)\s+(?:[\d]+|\p{L}+)(?:\s+\p{L}+)?\s+(?:лет|год)`,
        // An organisation said to be founded in a year, then turning an age: «(основан в 1997 году)
        // исполняется 30 лет», "Meridian, founded in 2002, turns 25 next year".
        String.raw`(?:основан\p{L}*|создан\p{L}*|учрежд[её]н\p{L}*)\s+в\s+\d{4}[^.!?]{0,80}?(?:исполня\p{L}*|исполнит\p{L}*|отмечает|празднует)\s+(?:[\d]+|\p{L}+)(?:\s+\p{L}+)?\s+(?:лет|год)`,
        // Since events7: founded in a year, then "we" are N years old («Компания основана в 1997-м, в
        // 2027-м нам 30 лет!», "founded in 2005 — next year we're 20").
        String.raw`(?:основан\p{L}*|создан\p{L}*|учрежд[её]н\p{L}*)\s+в\s+\d{4}[^.!?]{0,80}?(?<!\p{L})(?:нам|ей|ему|им|компании|фирме)\s+(?:(?:уже|будет|исполнится|исполняется)\s+)?(?:[\d]+|\p{L}+)(?:\s+\p{L}+)?\s+(?:лет|год)`,
        // Since events8: founded in a year, then its jubilee («основана в 2002 году, в марте отмечаем 25-летие»).
        String.raw`(?:основан\p{L}*|создан\p{L}*|учрежд[её]н\p{L}*)\s+в\s+\d{4}[^.!?]{0,80}?(?<!\p{L})${jubileeRu}`,
        String.raw`(?:founded|established|incorporated|est\.)\s+(?:in\s+)?\d{4}[^.!?]{0,80}?(?:we're|we\s+are|we'll\s+be|we\s+will\s+be|it's|it\s+is|it'll\s+be)\s+${yearsEn}(?:\s+years)?(?!\s*(?:people|guests|of\s+us))`,
        String.raw`(?:founded|established|incorporated|est\.)\s+(?:in\s+)?\d{4}[^.!?]{0,80}?(?:turns|turning|will\s+turn|celebrates|celebrating|marks)\s+(?:its\s+)?${yearsEn}`,
        String.raw`${orgEn}(?:\s+[\p{L}\d'’-]+){0,4}?\s+(?:is\s+)?(?:turns|turning|will\s+turn)\s+${yearsEn}(?:\s+years)?(?!\s*(?:old\s+)?(?:on|in)\s+(?:the\s+)?(?:market|stock))`,
        String.raw`${orgEn}(?:'s|’s)?\s+(?:\d+(?:st|nd|rd|th)\s+)?(?:anniversary|birthday|jubilee)`,
        String.raw`${orgEn}\s+(?:is\s+)?(?:turns|turning|will\s+turn|turned|celebrates|celebrating)\s+(?:its\s+)?${yearsEn}`,
        String.raw`${yearsEn}\s+years\s+(?:of|for)\s+(?:the|our|my)\s+${orgEn}`,
        // Since events9: years in business or on the market ("10 years in business", «15 лет на рынке»).
        String.raw`${yearsEn}\s+years\s+(?:in\s+business|on\s+the\s+market|of\s+business)|(?<!\p{L})\d+\s+(?:лет|год\p{L}*)\s+(?:на\s+рынке|в\s+бизнесе)`,
        String.raw`anniversary\s+of\s+(?:the|our|my)\s+${orgEn}`,
        // A marriage's: «золотая свадьба», «10 лет со дня свадьбы», «20-летие свадьбы», "silver wedding".
        namedWeddingRu,
        namedWeddingEn,
        String.raw`(?:${jubileeRu}|\d+\s+лет)\s+(?:со\s+дня\s+)?(?:свадьб|брак|совместн)`,
        // «юбилей свадьбы», «юбилей нашей совместной жизни» (since events7).
        String.raw`юбиле\p{L}*\s+(?:(?:нашей|нашего|их|родительской)\s+)?(?:свадьб|брак|совместн)`,
        String.raw`годовщин\p{L}*|anniversary|jubilee`,
      ].join('|'),
      'iu',
    ),
  ],
  ['other', new RegExp(proposal, 'iu')],
  // Since events10: a bar or bat mitzvah.
  ['other', /(?<!\p{L})(?:бар|бат)[- ]?мицв\p{L}*|(?<!\p{L})(?:bar|bat|b'nai|b’nai)[- ]mitzvahs?(?!\p{L})/iu],
  // Parties named for a life event that is none of the types: «девичник», «мальчишник», "bachelorette",
  // "hen do", "stag party", "baby shower", "bridal shower", "gender reveal", "reunion", «встреча
  // выпускников», «новоселье», "housewarming" (before the wedding: «девичник перед свадьбой» is other).
  [
    'other',
    /девичник|мальчишник|бэби[- ]?шауэр|беби[- ]?шауэр|вечер\p{L}*\s+встреч\p{L}*\s+выпускник|встреч\p{L}*\s+(?:\p{L}+\s+)?(?:выпускник|однокурсник|одноклассник)|новосель|bachelorette|bachelor\s+party|hen\s+(?:do|party|night|weekend)|stag\s+(?:do|party|night|weekend)|(?:baby|bridal)\s+shower|gender\s+reveal|reunion|housewarming|хакатон|hackathon|datathon|game\s+jam|крестин|christening|baptism|retirement|(?:проводы|провожаем|проводить)\s+(?:\p{L}+\s+){0,2}?на\s+пенси\p{L}*|выход\p{L}*\s+на\s+пенси\p{L}*/iu,
  ],
  // A farewell for someone leaving (since events9: "farewell lunch for our CFO", "send-off drinks", "leaving
  // do") other, like a retirement; a farewell dinner for a company's staff or clients stays corporate.
  ['other', /farewell|send-?off|leaving\s+(?:party|do|drinks|lunch|dinner)/iu, companyAudience],
  // A wedding by its name, its ceremony or its verbs: «выездная регистрация», «бракосочетание»,
  // «расписаться», «венчание», "get married", "tie the knot".
  [
    'wedding',
    /свадьб|свадеб|венчан|wedd?ing|бракосочетан|регистраци\p{L}*\s+брак|выездн\p{L}*\s+(?:регистраци|церемони)|распис(?:аться|ываться|ываемся|ались|ался|алась|ываются)|(?:get|getting|got|gets)\s+married|tie\s+the\s+knot|(?<!\p{L})elop(?:e|ed|es|ing)(?!\p{L})|nuptials/iu,
  ],
  [
    'conference',
    /конференц|конференс|(?<!\p{L})конф(?:а|у|ы|е|ой)(?!\p{L})|форум|семинар|конгресс|симпозиум|коллоквиум|conf[ae]?r[ae]n[cs]e|summit|forum|seminar|congress|symposi(?:um|a)|colloquium|convention\b|sales\s+kick-?offs?|(?:annual|yearly)\s+kick-?offs?|(?<!\p{L})SKO(?!\p{L})/iu,
  ],
  ['teambuilding', /тим[- ]?билд\p{L}*|team[- ]?build\p{L}*|offsite|off-site|retreat|командообраз/iu],
  [
    'birthday',
    // «др у мужа», «на ДР», «днюха» (not «и др.», "and others"), «70-летие мамы» (a company's came above).
    new RegExp(
      String.raw`д(?:ень|ня|нем|не|ни|ней|ням|нями|нях) рожд[её]н(?:и|ь)|${personTurns}|${someonesNth}|д\.\s?р\.|(?<!\p{L})(?<!(?<!\p{L})и\s)др(?!\p{L})|днюх|днюшк|юбиле|\d+[-\s]?лет(?:ие|ия|ию|ием)(?!\p{L})|birthday|b-?day|sweet\s+(?:16|sixteen)(?!\p{L})|quincea[ñn]era`,
      'iu',
    ),
  ],
  // A school class's party, organised by its parents (since events9): «мы родители 6 класса», «Новый год с
  // классом», «для всего класса», "PTA", "room parents", "class party" other (not a company's holiday party).
  [
    'other',
    /родител\p{L}*\s+(?:из\s+)?(?:\d+|\p{L}+)(?:-?(?:го|й|е|х|ого))?\s*(?:[«"]?\p{L}[»"]?\s+)?класс|(?<!\p{L})(?:с|со)\s+(?:нашим\s+|всем\s+)?классом|для\s+(?:всего\s+|нашего\s+)?класса|(?<!\p{L})(?:PTA|PTO)(?!\p{L})|room\s+parents|class\s+party|for\s+(?:the|our)\s+(?:whole\s+)?class(?!\p{L})/iu,
  ],
  // A party for the staff's children («детская ёлка для детей сотрудников», "a Christmas party for our
  // employees' kids"; since events12): the company's.
  [
    'corporate',
    /для\s+детей\s+(?:наших\s+|своих\s+|всех\s+)?(?:сотрудник|работник|коллег)\p{L}*|(?:employees|staff|colleagues|employee|staff\s+members)['’]?s?\s+(?:kids|children)|(?:kids|children)\s+of\s+(?:our\s+|the\s+)?(?:employees|staff|colleagues)/iu,
  ],
  // «корпор», «корпоратчик» (chat), «офисная вечеринка» (since events7).
  [
    'corporate',
    /корпоратив|корпоратн|корпоратчик|(?<!\p{L})корпор(?!\p{L})|(?<!\p{L})korporativ\p{L}*|(?<!\p{L})corporative(?!\p{L})|офисн\p{L}*\s+(?:вечеринк|праздник|тусовк|ужин|посиделк)|corporate|office party|staff party|all[- ]hands|(?:company|corporate|employee|staff)(?:'s|’s)?\s+(?:\p{L}+\s+)?(?:family|fun|sports)\s+day/iu,
  ],
  // A season's party is a company's unless it is for friends or family.
  [
    'corporate',
    /новогодн\S* (?:вечер|праздник)|christmas party|holiday party|summer party|year-end party/iu,
    privateAudience,
  ],
  // An end-of-year party with the company's people named (since events12: "end-of-year party — 35 staff, each
  // can bring a +1"); a school class's end-of-year party (the row above) or one for friends is not.
  [
    'corporate',
    /^(?=[\s\S]*?end[- ]of[- ](?:the[- ])?year\s+(?:party|celebration|dinner|do))(?=[\s\S]*?(?<!\p{L})(?:staff|employees|colleagues|coworkers|co-workers|team|office|company|workforce)(?!\p{L}))/iu,
    privateAudience,
  ],
  // Since events10: a holiday (New Year, Christmas, 8 March, 23 February) kept by an office, a department or
  // "our team" («Офис хочет отметить 8 Марта», «Девчонки из бухгалтерии … с 23 Февраля», «Наша лондонская
  // команда хочет рождественский ужин»): corporate, unless for friends or family.
  [
    'corporate',
    new RegExp(
      String.raw`^(?=[\s\S]*?(?:${holidayWords}|(?<!\d)8\s*марта|(?<!\d)23\s*февраля|восьм\p{L}*\s+марта|двадцать\s+трет\p{L}*\s+февраля|women's\s+day))(?=[\s\S]*?(?<!\p{L})(?:(?:наш\p{L}*|our)\s+(?:\p{L}+\s+)?(?:команд\p{L}*|team|офис\p{L}*|office|отдел\p{L}*|department)|офис|office\s+(?:wants|would|is|plans)|бухгалтери\p{L}*|(?:из|от)\s+(?:нашего\s+)?(?:отдела|офиса)|(?:всем|всей|(?:с|со)\s+(?:нашим\s+|своим\s+|всем\s+)?)\s*(?:коллектив(?:ом)?|коллегами|отделом|офисом|командой)|with\s+(?:(?:the|our|my)\s+)?(?:whole\s+|entire\s+)?(?:team|office|colleagues|coworkers|co-workers|staff))(?!\p{L}))`,
      'iu',
    ),
    privateAudience,
  ],
  // A holiday spent with friends or families, no party word («Новый год с двумя семьями», "New Year's Eve,
  // 2 families"): other (for a company's people the rows above and below read corporate).
  [
    'other',
    new RegExp(
      String.raw`^(?=[\s\S]*?(?:${holidayWords}))(?=[\s\S]*?(?:${privateAudience.source}|${familiesCount}))`,
      'iu',
    ),
  ],
  [
    'launch',
    /презентаци\S*(?:\s+\p{L}+){0,2}?\s+продукт|запуск\S*(?:\s+\p{L}+){0,2}?\s+продукт|product launch|launch party/iu,
    // A launch is for the public; one held for a company's partners, clients, dealers or staff is
    // corporate (the corporate rows below read it): «презентация продукта для партнёров», "a product
    // launch for our dealers".
    companyAudience,
  ],
  ['graduation', /выпускн|graduation|prom\b/iu],
  ['teambuilding', /выездн/iu],
  [
    'corporate',
    // A party, dinner or reception a company holds for its people or its clients: «фуршет для клиентов
    // банка», «ужин для сотрудников», «праздник нашего коллектива», "a party for our staff", "awards
    // night for our company", "Company Christmas dinner". A bare «мероприятие для клиентов» / "an event
    // for clients" names no kind of event: it stays `other`.
    new RegExp(
      [
        String.raw`(?:фуршет|банкет|ужин|обед|вечер|вечеринк|праздник|при[её]м|бал|гала|коктейл|презентаци|запуск|пикник|барбекю|шашлык|посиделк|застоль)\p{L}*[^.!?;\n]{0,40}?(?<!\p{L})для\s+(?:(?:наш|своих|всех|всего|ключев|основн|постоянн|важн|крупн|избранн|vip|вип)\p{L}*\s+)?(?:${countRu}\s+)?(?:\p{L}+(?:ого|его|ой|ей|ых|их)\s+(?:част\p{L}*\s+)?)?(?:клиент|партн[её]р|сотрудни(?:к|ц)|коллектив|персонал|работник|коллег|команд|офис|штат|дилер|дистрибьютор|компани|фирм|отдел|департамент|делегаци)\p{L}*`,
        // Since events9: a boss's or a department's errand for its people («руководитель попросил собрать
        // отдел на ужин», «позвать коллектив на банкет»).
        String.raw`(?:собрать|собираем|позвать|пригласить|приглашаем|вывести|вывезти)\s+(?:(?:весь|всю|наш|нашу|свой|свою|всех)\s+)?(?:отдел|коллектив|команду|сотрудников|коллег|офис|департамент)\p{L}*\s+на\s+(?:\p{L}+\s+)?(?:ужин|обед|банкет|фуршет|вечеринк|праздник|корпоратив|пикник)`,
        String.raw`(?:вечер|ужин|обед|праздник|банкет|фуршет|вечеринк|бал|при[её]м)\p{L}*\s+(?:нашей\s+|нашего\s+)?(?:компании|фирмы|коллектива|сотрудников|сотрудниц|отдела|офиса|банка)(?!\p{L})`,
        // Since events8: "St."/"Ft." inside ("party in St. Petersburg for our team"); a department before
        // "team" ("for our sales team"), a place or a word before "office" ("for our Dublin office").
        String.raw`\b(?:party|dinner|lunch|celebration|gala|ball|banquet|night|reception|drinks|picnic|do|presentation|launch|barbecue|bbq|cookout|get-together|happy\s+hour|mixer|brunch|breakfast|outing|(?:pub|bar)\s+crawl)\b(?:[^.!?;\n]|(?<=\b(?:St|Ft|Mt))\.){0,40}?(?:\bfor|(?<![\d.,])4(?=\s+(?:the|our|my)\s))\s+(?:(?:our|the|my|all(?:\s+of)?(?:\s+our)?|our\s+whole|the\s+whole|${countEn})\s+)?(?:(?:key|top|main|major|vip|loyal|valued|important|best)\s+)?(?:(?:sales|marketing|it|hr|finance|engineering|dev|design|product|support|tech|legal|ops|operations|management|leadership|project|accounting|customer\s+service)\s+(?=team|department|staff)|[\p{L}-]+\s+(?=office(?!\p{L}))|[\p{L}-]+\s+(?=(?:clients|customers|partners|dealers|resellers|distributors|delegation)(?!\p{L})))?(?:company|firm|team|staff|employees|colleagues|clients|customers|partners|dealers|resellers|distributors|office|workforce|coworkers|co-workers|department|delegation|board(?:\s+members)?|directors|shareholders|executives|execs)(?!\p{L})`,
        String.raw`\b(?:company|office|staff|team|corporate|firm|work|employee|client|customer|partner|dealer|department|dept|division)(?:'s|’s)?\s+(?:[\p{L}'’-]+\s+){0,3}?(?:party|dinner|lunch|celebration|gala|ball|banquet|night|event|reception|picnic|outing|drinks|barbecue|bbq|cookout|get-together|brunch|(?:pub|bar)\s+crawl)(?!\p{L})`,
        // Congratulating the company's people (on 23 February, 8 March...): «мужской коллектив
        // поздравить», «поздравить наших сотрудниц с 8 марта», "celebrate our team on Women's Day".
        String.raw`(?:поздрав|чествова)\p{L}*\s+(?:\p{L}+\s+){0,2}?(?:коллектив|сотрудни|коллег|команд|персонал|работни|офис)\p{L}*`,
        String.raw`(?:коллектив|сотрудни|коллег|персонал|работни)\p{L}*\s+(?:\p{L}+\s+)?(?:поздрав|чествова)\p{L}*`,
        String.raw`\b(?:congratulate|honou?r|celebrate)\s+(?:our|the|my|all(?:\s+of)?\s+our)\s+(?:\p{L}+\s+)?(?:staff|team|employees|colleagues|workforce|coworkers|co-workers)\b`,
      ].join('|'),
      'iu',
    ),
  ],
  [
    'other',
    // A dinner is an event, not a time of day («после ужина», "after dinner"). A bare «мероприятие» /
    // "event" names a kind only with whom it is for («мероприятие для клиентов банка», "an event for
    // our partners"); "Event for approx. 75 people" names none: no type (Maestro asks).
    /вечеринк|праздник|гала|презентаци|(?<!(?:после|до|перед|к)\s)ужин|party|reception|(?:pub|bar)\s+crawl|gala|presentation|(?<!(?:after|before)\s)dinner|(?:мероприяти\p{L}*|events?)\s+(?:для|for)\s+(?:(?:наш|сво|our|my|the|its|their)\p{L}*\s+)?(?:клиент|партн[её]р|дилер|сотрудник|коллег|друз|семь|дет|студент|школьник|выпускник|ветеран|пенсионер|жител|client|customer|partner|dealer|staff|employee|colleague|friend|famil|kid|child|student|alumni|veteran|resident|communit|member)/iu,
  ],
];

const wishWords: { ru: string; en: string; match: RegExp }[] = [
  { ru: 'ведущий', en: 'host', match: /ведущ|\bhost\b|\bmc\b|emcee/iu },
  { ru: 'диджей', en: 'DJ', match: /диджей|\bdj\b/iu },
  { ru: 'живая музыка', en: 'live music', match: /жив\S+ музык|кавер|live music|live band|cover band/iu },
  { ru: 'фотограф', en: 'photographer', match: /фотограф|photographer/iu },
  { ru: 'видеосъёмка', en: 'video', match: /видеограф|видеосъ[её]мк|videographer|\bvideo\b/iu },
  { ru: 'шоу-программа', en: 'show programme', match: /шоу|show/iu },
  { ru: 'фуршет', en: 'buffet', match: /фуршет|buffet/iu },
  { ru: 'банкет', en: 'banquet', match: /банкет|banquet|seated dinner/iu },
  { ru: 'декор', en: 'decor', match: /декор|флорист|decor|flowers/iu },
  { ru: 'трансфер', en: 'transfer', match: /трансфер|transfer|shuttle/iu },
  { ru: 'вегетарианское меню', en: 'vegetarian menu', match: /вегетариан|веган|vegetarian|vegan/iu },
];

/** "2 000 000", "50,000", "1,5", "1.5", "2.000.000,50" as a number. */
export function readNumber(raw: string): number | undefined {
  let s = raw.replace(/[\s\u00a0\u202f]/g, '');
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  else if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else s = s.replace(',', '.');
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

export const detectLanguage = (text: string): PackLanguage =>
  (text.match(/[а-яё]/giu)?.length ?? 0) >= (text.match(/[a-z]/giu)?.length ?? 0) ? 'ru' : 'en';

/** Each sum the text states with a currency or a multiplier ("150 000 ₽", "£3,500", "1,2 млн"), in order. */
export function moneyIn(text: string): { amount: number; currency?: string; index: number }[] {
  return findMoney(text)
    .filter((m) => m.amount > 0)
    .map((m) => ({
      amount: Math.round(m.amount * 100) / 100,
      ...(m.currency ? { currency: m.currency } : {}),
      index: m.start,
    }));
}

/** The currency a request's place pays in, when the team's estimate can use it (no budget's currency). */
const countryCurrency: Record<string, string> = { RU: 'RUB', GB: 'GBP', US: 'USD' };
const euro = new Set([
  'DE',
  'FR',
  'IT',
  'ES',
  'PT',
  'NL',
  'BE',
  'AT',
  'IE',
  'FI',
  'GR',
  'CY',
  'MT',
  'LU',
  'SK',
  'SI',
  'LV',
  'LT',
  'EE',
  'HR',
  'MC',
  'ME',
]);
export const placeCurrency = (place: Place | undefined): string | undefined =>
  place ? (countryCurrency[place.country] ?? (euro.has(place.country) ? 'EUR' : undefined)) : undefined;

/** Words that make an amount the budget ("бюджет до 400 тыс.", "up to $40k"), just before it. */
const budgetWord =
  /(?:бюджет\p{L}*|бюдж(?!\p{L})\.?|budget|до|не\s+(?:более|больше|дороже)|максимум|в\s+пределах|в\s+районе|порядка|up\s+to|within|no\s+more\s+than|max(?:imum)?|spend|cost|стоимост\p{L}*|готовы\s+потратить|рассчитываем\s+на)[\s:—–-]*(?:~|≈|около|примерно|где-то|about|around|of|is|roughly)?[\s:~≈—–-]*$/iu;
/** Words after an amount that make it a price per guest ("5 000 ₽ на человека", "$100 per head", "€80pp", "2500 р/чел", «3 тыс. с носа»). */
const perGuest =
  /^\s*(?:(?:на|за|с|per|a|each)\s+(?:человека|гостя|персону|участника|head|person|guest|pax|cover|носа|нос|голову|головы)|pp|p\.p\.|pph|\/\s*(?:чел\p{L}*|гост\p{L}*|персон\p{L}*|head|person|guest|pax|pp))(?![\p{L}\d])/iu;

/** A price per guest said before its amount ("на человека 5 000 руб.", "per head $80", "£50 a head" is after). */
const perGuestBefore =
  /(?:на|за|с|per|a|each)\s+(?:одного\s+)?(?:человека|гостя|персону|участника|head|person|guest|pax|cover)\s*[:—–-]?\s*(?:~|≈|около|примерно|до|не\s+более|about|around|up\s+to)?\s*$/iu;
/** A total said before an amount ("итого не больше 175 тыс.", "in total $20k", «всего до 300 тыс.»). */
const totalMoneyBefore =
  /(?:итого|всего|в\s+сумме|в\s+общей\s+сложности|total|in\s+total|overall|altogether)(?:\s+(?:не\s+(?:более|больше|дороже)|до|около|примерно|порядка|up\s+to|no\s+more\s+than|about|around|of|is|it|that|выйдет|выходит|получится|получается|будет|comes\s+to|will\s+be))*[\s:~≈—–-]*$/iu;
/**
 * What each one chips in, said before its amount («сдаём по 1500 рублей», «скидываемся по 2 тыс.», "each
 * family chips in $30"; since events9): a share, not the budget. Beside a total the total is the budget;
 * alone it gives none (per child or per family, the head count does not multiply it).
 */
const shareBefore =
  /(?:(?<!\p{L})(?:сда[её]м|сдаем|сдают|сдадим|сдавать|скидыва\p{L}*|скинемся|скинуться|собираем|собирают|вносим|вносят)\s+(?:(?:каждый|каждая|с\s+семьи|с\s+ребёнка|с\s+ребенка)\s+)?по|chip(?:s|ping)?\s+in|contribut(?:es|ing|e)|pitch(?:es|ing)?\s+in)[\s:~≈—–-]*(?:около|примерно|about|around)?\s*$/iu;

/**
 * The budget named before an amount in the same clause, up to four words between ("бюджет на
 * организацию — 2,5 миллиона", «бюджет у нас около 900 тысяч», "our budget for the event is $20k").
 */
const budgetSaid =
  /(?:бюджет\p{L}*|бюдж(?!\p{L})\.?|budget)(?:[\s\u00a0]+[\p{L}'’-]+){0,4}?[\s\u00a0:—–-]*(?:~|≈|около|примерно|где-то|порядка|до|не\s+более|about|around|roughly|up\s+to|of|is)?[\s\u00a0:~≈—–-]*$/iu;
/** The price of a ticket or an entry, in the clause before an amount ("Tickets are $50", «Вход стоит 1500 руб.»). */
const ticketBefore =
  /(?:tickets?|admission|entry|entrance|cover\s+charge|билет\p{L}*|вход(?!\p{L})|входн\p{L}*|взнос\p{L}*)[^.!?;\n\d]{0,30}$/iu;
/** A rate per hour, day or month after an amount («5000 р/час», "$200 per hour"): a price, not the budget. */
const rateAfter =
  /^[\s\u00a0]*(?:\/\s*(?:час|ч|hour|hr|h|день|сутки|day|night|ночь|мес\p{L}*|month|mo)|(?:в|за|per|an?|each)\s+(?:час|hour|день|сутки|day|night|ночь|месяц|month))(?!\p{L})/iu;
/** A price for a ticket after an amount ("$20 a ticket", «1500 руб. за билет»). */
const ticketAfter = /^[\s\u00a0]*(?:за|per|a|each|for\s+each)\s+(?:билет|вход|ticket|entry)/iu;

/**
 * A web form's budget field pasted as text, its currency in the label or none: «Бюджет, руб.: 1 500
 * 000», "Budget (USD): 120,000", «Бюджет: 800000» (since events8). The bare number is the budget.
 */
const budgetField =
  /(?:^|\n)[ \t]*(?:бюджет\p{L}*|budget)[ \t]*(?:[,(][ \t]*(руб\p{L}*|р|₽|rub|rur|usd|\$|us\$|eur|€|gbp|£|долл\p{L}*|евро|dollars?|euros?|pounds?)\.?[ \t]*\)?)?[ \t]*:[ \t]*(\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+|\d+)[ \t]*(?=\n|$)/iu;
const fieldCurrency = (label: string): string | undefined => {
  const l = label.toLowerCase();
  if (/^(?:руб|р$|₽|rub|rur)/u.test(l)) return 'RUB';
  if (/^(?:usd|\$|us\$|долл|dollar)/u.test(l)) return 'USD';
  if (/^(?:eur|€|евро|euro)/u.test(l)) return 'EUR';
  if (/^(?:gbp|£|pound)/u.test(l)) return 'GBP';
  return undefined;
};
/** A higher ceiling said after the budget: "maybe stretch to €18k", «можем дотянуть до 500 тыс.» (since events8). */
const stretchBefore =
  /(?:stretch(?:\s+it)?(?:\s+up)?\s+to|go\s+(?:as\s+high\s+as|up\s+to)|дотянуть\s+до|растянуть\s+до|подняться\s+до|(?:поднять|увеличить)\s+(?:его\s+|бюджет\s+)?до)\s*[~≈]?\s*$/iu;

/**
 * An amount the budget was cut or raised to, said after the old one ("was $200k but finance cut it to
 * $150k", «урезали бюджет до 400 тыс.», "bumped it up to €20k"; since events11): the new amount.
 */
const changedToBefore =
  /(?<!\p{L})(?:cut|cuts|slash(?:ed|es)?|trimm?(?:ed|s)?|reduc(?:e|es|ed)|lower(?:ed|s)?|rais(?:e|es|ed)|increas(?:e|es|ed)|bump(?:s|ed)?|урезал\p{L}*|урезать|сократил\p{L}*|срезал\p{L}*|снизил\p{L}*|подняли|увеличил\p{L}*)(?:\s+(?:it|that|the\s+budget|our\s+budget|бюджет|его))?(?:\s+(?:down|up|back))?\s+(?:to|до)\s*[~≈]?\s*$/iu;

/** Between the two ends of a range of money, each with its currency: a dash, "to", «до». */
const rangeGap = /^[\s\u00a0]*(?:[-–—]|to|till|until|до|по)[\s\u00a0]*$/iu;

function budgetOf(
  text: string,
  language: PackLanguage,
  guests: number | undefined,
  place: Place | undefined,
): EventRequest['budget'] {
  const found = findMoney(text)
    .filter((m) => m.amount > 0)
    .map((m) => {
      const before = text.slice(Math.max(0, m.start - 60), m.start);
      const share = shareBefore.test(text.slice(Math.max(0, m.start - 40), m.start));
      return {
        ...m,
        said: budgetSaid.test(before),
        near: budgetWord.test(text.slice(Math.max(0, m.start - 30), m.start)),
        share,
        each:
          perGuest.test(text.slice(m.end, m.end + 20)) ||
          perGuestBefore.test(text.slice(Math.max(0, m.start - 30), m.start)) ||
          share,
        total: totalMoneyBefore.test(text.slice(Math.max(0, m.start - 30), m.start)),
        ticket:
          ticketBefore.test(before) ||
          ticketAfter.test(text.slice(m.end, m.end + 20)) ||
          rateAfter.test(text.slice(m.end, m.end + 20)),
      };
    })
    // A ticket's price is what guests pay, not the event's budget, unless a budget word names it.
    .filter((f) => f.said || !f.ticket);
  const field = budgetField.exec(text);
  if (field && !found.some((f) => f.said)) {
    const amount = readNumber(field[2]!);
    if (amount)
      return {
        amount,
        currency:
          (field[1] ? fieldCurrency(field[1]) : undefined) ??
          (language === 'ru' ? 'RUB' : (placeCurrency(place) ?? 'USD')),
      };
  }
  const first =
    found.find((f) => f.said) ?? found.find((f) => f.near) ?? found.find((f) => f.currency) ?? found[0];
  // A price per guest beside a total («на человека 5 000 руб., итого не больше 175 тыс.»): the total.
  const stated0 = first?.each ? (found.find((f) => f.total && !f.each) ?? first) : first;
  if (!stated0) return undefined;
  // A budget taken back and another said after it (changes.ts): «бюджет 800 тыс... хотя нет, максимум
  // 600», "budget $20k, actually make it $25k". A bare number after a limit word keeps the scale of the
  // amount it replaces (600 → 600 тыс.) when only one scale is near it; else the budget is left unsaid.
  let best = stated0;
  // A range with the currency written on both ends ("$60,000–$75,000", «от 300 тыс. руб. до 400 тыс.
  // руб.», "£8k to £10k", "between €20k and €25k"; since events13): one range, its ceiling the budget.
  const end = found.find((f) => f.start >= best.end && f.start - best.end <= 12);
  if (
    end &&
    !best.each &&
    best.upTo === undefined &&
    end.amount > best.amount &&
    (!end.currency || !best.currency || end.currency === best.currency) &&
    (rangeGap.test(text.slice(best.end, end.start)) ||
      (/^\s*(?:and|и)\s*$/iu.test(text.slice(best.end, end.start)) &&
        /(?<!\p{L})(?:between|между)\s*$/iu.test(text.slice(Math.max(0, best.start - 12), best.start))))
  )
    best = { ...best, end: end.end, upTo: end.upTo ?? end.amount };
  // A higher ceiling said after it ("Budget €15k, maybe stretch to €18k"): the ceiling, as a range's.
  const stretch = found.find(
    (f) =>
      f.start > best.end &&
      stretchBefore.test(text.slice(Math.max(0, f.start - 30), f.start)) &&
      (f.upTo ?? f.amount) > (best.upTo ?? best.amount) &&
      (!f.currency || !best.currency || f.currency === best.currency),
  );
  if (stretch && !best.each) best = stretch;
  const changedTo = found.find(
    (f) =>
      f.start > best.end &&
      !f.each &&
      changedToBefore.test(text.slice(Math.max(0, f.start - 40), f.start)) &&
      (!f.currency || !best.currency || f.currency === best.currency),
  );
  if (changedTo && !best.each) best = changedTo;
  for (const at of correctionsIn(text)) {
    if (at < best.end) continue;
    const later = found.find((f) => f.start >= at && !f.ticket);
    if (later) {
      best = later;
      break;
    }
    // Right after the marker («800 тыс., точнее 750»), or after a limit word in its clause.
    const right = /^(\d+(?:[.,]\d+)?)(?![\d.,]*\s*(?:%|[\p{L}\p{Sc}]))/u.exec(afterMarker(text.slice(at)));
    // A budget's own limit word («максимум», "max", "tops", «бюджет») is sure of the amount; «до», "up to",
    // "just" may count guests too (never after a guest noun: «гостей до 40»).
    const limit = new RegExp(
      String.raw`(?<!${guestNoun}[\s:—–-]*)(?:(максимум|макс\.?|max(?:imum)?|не\s+(?:больше|более|дороже)|tops|cap(?:ped)?\s+at|бюджет\p{L}*|budget)|до|up\s+to|make\s+it|давайте|лучше|only|just|всего)[\s:—–-]*(?:~|около|примерно|about|around)?\s*(\d+(?:[.,]\d+)?)(?![\d.,]*\s*(?:%|[\p{L}\p{Sc}]))`,
      'iu',
    ).exec(text.slice(at));
    const raw = right?.[1] ?? limit?.[2];
    if (!raw) continue;
    const n = Number(raw.replace(',', '.'));
    const old = best.upTo ?? best.amount;
    const scales = [1, 1000, 1e6].map((k) => n * k).filter((v) => v >= old / 5 && v <= old * 5);
    // No one scale near the replaced amount: unsure after a budget's own word (no budget), else no budget's.
    if (scales.length !== 1) {
      if (!right && limit?.[1]) return undefined;
      continue;
    }
    return {
      amount: scales[0]!,
      currency:
        best.currency ??
        found.find((f) => f.currency)?.currency ??
        (language === 'ru' ? 'RUB' : (placeCurrency(place) ?? 'USD')),
    };
  }
  // A range's ceiling is the budget ("бюджет 300–400 тыс.").
  let amount = best.upTo ?? best.amount;
  if (best.share) return undefined;
  if (best.each) {
    if (!guests) return undefined;
    amount *= guests;
  }
  const stated = best.currency ?? found.find((f) => f.currency)?.currency;
  const currency =
    stated ??
    (language === 'ru' ? 'RUB' : /£|gbp|pound/iu.test(text) ? 'GBP' : (placeCurrency(place) ?? 'USD'));
  return { amount: Math.round(amount * 100) / 100, currency };
}

/** People named by who they are: girls, boys, professions and roles («8 девочек», «180 врачей», "10 girls", "40 teachers"). */
const whoTheyAre = String.raw`(?:девоч\p{L}*|девчон\p{L}*|девушек|девушк\p{L}*|мальчик\p{L}*|мальчиш\p{L}*|парн(?:ей|ям|ями)|мужчин\p{L}*|женщин\p{L}*|дам(?!\p{L})|врач\p{L}*|доктор\p{L}*|медик\p{L}*|учител\p{L}*|педагог\p{L}*|преподавател\p{L}*|менеджер\p{L}*|руководител\p{L}*|директор\p{L}*|инженер\p{L}*|разработчик\p{L}*|разраб(?:ов|ы|ам|ами)?(?!\p{L})|дизайнер\p{L}*|программист\p{L}*|юрист\p{L}*|бухгалтер\p{L}*|спикер\p{L}*|слушател\p{L}*|зрител\p{L}*|специалист\p{L}*|ассистент\p{L}*|помощник\p{L}*|секретар\p{L}*|организатор\p{L}*|волонт[её]р\p{L}*|стажер\p{L}*|стажёр\p{L}*|girls|boys|guys|ladies|gals|men|women|doctors|physicians|nurses|teachers|educators|managers|executives|execs|vps|directors|engineers|developers|devs|coders|programmers|designers|hackers|lawyers|accountants|speakers|specialists|agents|volunteers|assistants|organi[sz]ers|interns|trainees|crew|players|athletes|founders|investors|teens|teenagers|подростк\p{L}*)`;

/** Words for the people an event is for ("гостей", "человек", "people", "delegates"). */
const guestNoun = String.raw`(?:человек\p{L}*|чел\.?|люд\p{L}*|гост\p{L}*|участник\p{L}*|персон\p{L}*|сотрудни(?:к|ц)\p{L}*|регистраци(?:й|и)(?!\p{L})|делегат\p{L}*|приглаш[её]нн\p{L}*|коллег\p{L}*|друз\p{L}*|подруг\p{L}*|родственник\p{L}*|одноклассник\p{L}*|однокурсник\p{L}*|партн[её]р\p{L}*|дилер\p{L}*|клиент\p{L}*|дет\p{L}*|ребят\p{L}*|взросл\p{L}*|родител\p{L}*|реб[её]н\p{L}*|малыш\p{L}*|студент\p{L}*|школьник\p{L}*|учени\p{L}*|учащи\p{L}*|выпускник\p{L}*|воспитанник\p{L}*|пар(?!\p{L})|душ(?!\p{L})|мест(?!\p{L})|сопровожда\p{L}*|${whoTheyAre}|pax|seats|chaperones?|people|ppl|peeps|folks|souls|covers|sign-?ups|registrations|registrants|rsvps|persons?|guests?|attendees?|participants?|staff|delegates?|employees?|colleagues?|friends?|relatives|family\s+members|classmates|coworkers|co-workers|teammates|invitees?|visitors?|heads|kids|children|adults|grown-?ups|parents|moms|mums|dads|members|partners|clients|dealers|couples?|students?|pupils?|graduates|alumni|schoolchildren|schoolkids|campers)`;
const peopleWord = new RegExp(String.raw`(?<!\p{L})${guestNoun}(?!\p{L})`, 'iu');
// On the same line, and not a label of the number after it ("Гости: 75", "| Guests | 110").
const nounAfter = new RegExp(
  String.raw`^[ \t\u00a0]*[-–—]?[ \t\u00a0]*(?:(?:\p{L}+)[ \t\u00a0]+){0,2}?${guestNoun}(?!\p{L})(?![ \t\u00a0]*[:|])`,
  'iu',
);
/** A guest noun that another number follows ("… в сочи гостей 80"): that number's, not the one before. */
const nounOfNext = new RegExp(
  String.raw`^[ \t\u00a0]*(?:\p{L}+[ \t\u00a0]+){1,2}?${guestNoun}[ \t\u00a0]*[:—–-]?[ \t\u00a0]*(?:около|примерно|about|around)?[ \t\u00a0]*[~≈]?[ \t\u00a0]*\d`,
  'iu',
);
/** A guest noun right after a count, nothing between ("28 выпускников"): the count's own. */
const ownNounRight = new RegExp(String.raw`^[ \t\u00a0]*${guestNoun}(?!\p{L})(?![ \t\u00a0]*[:|])`, 'iu');
/** «сотрудниц … их 45», «их будет 45»: a count of the people just named (a guest noun earlier in the sentence). */
const theirBefore = /(?<!\p{L})их\s+(?:(?:будет|всего|уже|около|примерно|человек)\s+)*[~≈]?\s*$/iu;
/**
 * A count with plus-ones or partners added: a total («сотрудников ~40, с +1 будет 80», "with plus-ones
 * it's 80", "80 with plus-ones").
 */
const plusOnesBefore =
  /(?:(?<!\p{L})с|with|incl(?:uding|\.)?)\s+(?:\+\s?1|плюс[\s-]один\p{L}*|парами|супругами|жен(?:ами)?|мужьями|вторыми\s+половинками|plus[\s-]ones?|\+1s|partners|spouses|significant\s+others|dates)\s*(?:[,—–-]\s*)?(?:будет|будут|получится|получается|выйдет|выходит|уже|it's|it\s+is|it'll\s+be|it\s+will\s+be|that's|that\s+makes|makes|we're|we\s+are|we'll\s+be)?\s*(?:около|примерно|about|around)?\s*[~≈]?\s*$/iu;
const plusOnesAfter =
  /^\s*(?:(?:человек|people|guests|чел\.?)\s+)?(?:с|with|incl(?:uding|\.)?)\s+(?:\+\s?1|плюс[\s-]один\p{L}*|парами|супругами|plus[\s-]ones?|\+1s|partners|spouses|significant\s+others)(?!\p{L})/iu;
/**
 * Others added to a count, then what it comes to: a total («выпускников 74, с родителями и учителями
 * выйдет около 200», "with parents and teachers it comes to about 90"; since events9). A verb of the sum
 * is needed («с клиентами 40» is no total).
 */
const withOthersBefore = new RegExp(
  String.raw`(?:(?<!\p{L})(?:с|со|вместе\s+с)|with|incl(?:uding|\.)?)\s+(?:\p{L}+\s+)?${guestNoun}(?:\s*(?:,|и|and|&|\+)\s*(?:\p{L}+\s+)?${guestNoun})*\s*(?:[,—–-]\s*)?(?:(?:будет|будут|получится|получается|выйдет|выходит|наберётся|наберется|всего|it's|it\s+is|it'll\s+be|it\s+will\s+be|that's|that\s+makes|makes|(?:it\s+|that\s+)?comes?\s+to|we're|we\s+are|we'll\s+be)\s*)+(?:около|примерно|порядка|почти|about|around|roughly|nearly|almost|close\s+to)?\s*[~≈]?\s*$`,
  'iu',
);
/** An age («ей исполняется пять», "he's turning sixty five", "turns 40"; since events8): no head count. */
const ageBefore =
  /(?<!\p{L})(?:исполня\p{L}*|исполнит\p{L}*|исполнилось|turn(?:s|ing|ed)?|aged?|(?:она|он|ей|ему)\s+(?:будет|стукнет)|(?:she|he)(?:'ll|’ll|\s+will)\s+be)\s*$/iu;
/** A company's age after its founding year ("founded in 2005, next year we're 20"): no head count. */
const foundedAge =
  /(?:основан|создан|учрежд[её]н|founded|established|incorporated)\p{L}*\s+(?:in\s+|в\s+)?\d{4}[^.!?\n]{0,80}?(?<!\p{L})(?:we're|we\s+are|we'll\s+be|we\s+will\s+be|it's|it\s+is|it'll\s+be|нам|ей|ему|им)\s+(?:(?:уже|будет|исполнится|already|now)\s+)?$/iu;
/** A document's, an order's or a room's number («№ 45», "#118", "order 4512", "ref 7781", "room 412"): no head count. */
const codeBefore =
  /(?:№|#|(?<!\p{L})(?:no\.|nr\.?|order|invoice|ref(?:erence)?|po|заказ\p{L}*|сч[её]т\p{L}*|room|suite|кабинет\p{L}*|аудитори\p{L}*|дом|д\.|кв\.|ул\.|улиц\p{L}*|доб\.?|ext\.?))\s*[:.]?\s*$/iu;
/** The people a count names right after it on its line, no joining word between ("8 детей", not "8 и родителей"). */
const ownNounAfter = new RegExp(
  String.raw`^[ \t\u00a0]*[-–—]?[ \t\u00a0]*(?:(?!(?:и|плюс|and|plus|or|или|with|с|со|including|вместе)\s)\p{L}+[ \t\u00a0]+){0,2}?${guestNoun}(?!\p{L})`,
  'iu',
);
// "гостей станет 45", "guests will now be 45", «человек под сто», «человек на 35» (под/на: "about").
const nounBefore = new RegExp(
  String.raw`${guestNoun}\s*(?:(?:будет|будут|станет|станут|теперь|всего|уже|сначала|изначально|было|были|initially|originally|at\s+first|ожидается|ожидаем|планируется|наберется|наберётся|придет|придёт|придут|соберется|соберётся|planned|expected|will(?:\s+now)?\s+be|now|in\s+total|of|—|–|-|:)\s*){0,3}(?:около|примерно|приблизительно|ориентировочно|плюс-минус|порядка|где-то|до|под|на|about|around|roughly|approximately|approx\.?|up to)?\s*[~≈]?\s*$`,
  'iu',
);
/** A total said before or after a count: «всего 16 человек», «итого 30», "20 total", "30 in total", "40 guests total". */
const totalBefore = new RegExp(
  String.raw`(?:всего|итого|(?<!\p{L})то\s+есть|т\.\s?е\.|i\.\s?e\.|в\s+сумме|в\s+общей\s+сложности|total(?:\s+of)?|in\s+total|altogether|overall)\s*[:—–-]?\s*(?:(?:будет|будут|получится|получается|выйдет|выходит|will\s+be|comes\s+to)\s*)?(?:(?:${guestNoun})\s*[:—–-]?\s*)?(?:около|примерно|порядка|приблизительно|ориентировочно|где-то|почти|about|around|roughly|approx\.?|approximately|nearly|some|close\s+to)?\s*[~≈]?\s*$`,
  'iu',
);
/** A guest list's size said before it ("guest list is now 85", «количество гостей — 40», "headcount: 60"). */
const listBefore =
  /(?:guest\s+(?:list|count|number)|head\s*count|(?<!\p{L})attendance|turnout|number\s+of\s+(?:guests|people|attendees|participants)|список\s+(?:гостей|приглаш\p{L}*|участников)|количеств\p{L}*\s+(?:гостей|человек|участников|персон)|числ\p{L}*\s+(?:гостей|участников))(?:\s+(?:for|on|at|of)\s+(?:the|our|this)(?:\s+[\p{L}'’-]+){1,3}?|\s+(?:на|для)\s+(?:\p{L}+\s+)?\p{L}+)?\s*(?:(?:is|are|will\s+be|now|currently|stands|standing|sits|at|of|has|have|gone|goes|going|went|grown|grew|risen|rose|increased|changed|up|down|from|to|составля\p{L}*|будет|теперь|уже|вырос\p{L}*|увеличил\p{L}*|изменил\p{L}*|:|—|–|-)\s*){0,4}(?:about|around|~|≈|около|примерно)?\s*$/iu;
/**
 * A count said as the new one after an earlier count («говорила шестьдесят гостей, но теперь
 * получается семьдесят пять», "we said eighty, but now it's gonna be closer to a hundred", "has gone up
 * from 70 to 84", «выросло до 75»): the text before it.
 */
const changedBefore =
  /(?:(?<!\p{L})(?:теперь|сейчас|now)(?:\s+(?:уже|получается|выходит|будет|будут|нас|it's|its|it\s+is|it'll\s+be|it\s+will\s+be|(?:gonna|going\s+to)\s+be|we're|we\s+are|we'll\s+be|closer\s+to|close\s+to|about|around|около|примерно|почти|nearly|almost|roughly|more\s+like))*|(?:gone|went|go(?:es)?|jumped|grown|grew|risen|rose|increased|decreased|dropped|fallen|changed)\s+(?:(?:up|down)\s+)?(?:from\s+\S+\s+)?to|(?:вырос\p{L}*|увеличил\p{L}*|уменьшил\p{L}*|сократил\p{L}*|изменил\p{L}*)\s+(?:с\s+\S+\s+)?до|(?<!\p{L})(?:ужа|урез|сократ|сокращ|уменьш|увелич|расшир|сниз|срез)\p{L}*\s+(?:(?:его|её|ее|их|список|число|количество|гостей|состав)\s+)?(?:с\s+\S+\s+)?до|(?<!\p{L})(?:cut|trim|pare|scale|bring|brought|narrow)(?:s|med|ming|ed|ing|red|ring)?(?:\s+(?:it|that|the\s+(?:list|number|count)))?\s+(?:down|back)\s+to|(?<!\p{L})(?:стало|станет|стал|стали)|(?<!\p{L})(?:меньше|больше|fewer|less)\s*[—–:]|(?<!\p{L})(?:считайте|посчитайте|рассчитывайте|закладывайте|закладываем|планируйте|готовьте|plan\s+for|planning\s+for|count\s+on|prepare\s+for|cater\s+for|assume)(?:\s+(?:на|всё\s+на|все\s+на|около|примерно|about|around))*)\s*[~≈]?\s*$/iu;
/** "has gone up from 70 to 84", «выросло с 60 до 75»: a change read as a range; the new count is its end. */
const changedFrom =
  /(?:(?:gone|went|jumped|grown|grew|risen|rose|increased|decreased|dropped|fallen|changed)(?:\s+(?:up|down))?|вырос\p{L}*|увеличил\p{L}*|уменьшил\p{L}*|сократил\p{L}*|изменил\p{L}*)\s+(?:from|с)\s*$/iu;
/**
 * Between two head counts that are parts of one party («двенадцать детей и взрослых человек десять»,
 * "fifteen kids and maybe eight parents"): a joining word, no sentence break, no subset or change.
 */
const partsJoin = /^[^.!?;\n]{0,40}$/u;
const partsWord = /(?:^|[\s,])(?:и|плюс|а\s+также|and|plus|&|\+)(?=\s|$)/iu;
/** Children and the adults with them: a comma alone joins these as parts («30 взрослых, 8 детей»). */
const childNoun = /^(?:дет|ребя|ребе|ребё|малы|kids|chil|boys|girl)/u;
// Since events8: a company's staff with their children («Сотрудников 40, детей примерно 25»).
const adultNoun = /^(?:взро|роди|adul|pare|grow|moms|mums|dads|сотр|empl|staf)/u;
/** Two fields of a form, one a line: the gap from a count to the next field's ("\nAdults: "), its own label. */
const fieldGap = /^[ \t]*\n[ \t]*[\p{L}'’ ]{2,30}:[ \t]*$/u;
const fieldBefore = /(?:^|\n)[ \t]*[\p{L}'’ ]{2,30}:[ \t]*$/u;
/** «не шестьдесят, а семьдесят пять»: the count said after «а» replaces the one before. */
const notButBefore = /(?<!\p{L})не\s+[^.!?;\n]{1,30}?,?\s+а\s*$/iu;
const notParts =
  /(?<!\p{L})(?:не\s+считая|без\s+уч[её]та|not\s+counting|excluding|excl\.|из\s+них|из\s+которых|of\s+(?:them|whom)|including|incl\.?|вкл\.?|в\s+т\.\s?ч\.|включая|в\s+том\s+числе|среди\s+них|among|вместо|instead|теперь|now|but|но|а\s+не|или|or|was|were|было|были)(?!\p{L})/iu;
/**
 * People counted apart after a part (since events13: "plus 15 speakers whom we'll host separately", «и 10
 * спикеров — их размещаем отдельно», "not included"): no part of the head count.
 */
const apartAfter =
  /^[^.!?;\n]{0,45}?(?<!\p{L})(?:separately|apart|on\s+their\s+own|not\s+(?:be\s+)?(?:included|counted|part\s+of)|excluded|отдельно|не\s+(?:входят|входит|считаем|считаются|включ\p{L}*|в\s+счёт|в\s+счет))(?!\p{L})/iu;
/** A count that opens a list of who they are («человек 12: дети, внуки и две её подруги», "30 guests (20 adults…"): no part before it. */
const breakdownGap = /^\s*(?:[:(]|—\s*(?:это|that's|that\s+is))/iu;
const totalAfter = new RegExp(
  String.raw`^\s*(?:(?:${guestNoun})\s+)?(?:total|in\s+total|altogether|overall|всего|итого|в\s+сумме)(?!\p{L})`,
  'iu',
);
/** A count replaced by another ("45 вместо 30", "45 instead of 30"): the old one is no head count. */
const replacedBefore =
  /(?:(?:вместо|instead\s+of|а\s+не|rather\s+than)(?:\s+(?:the|our|those|that|тех|те))?|(?:[(,]|^)\s*(?:was|were|previously|before|formerly|было|были|раньше|ранее)\s*[:—–-]?)\s*$/iu;
/**
 * A count named as the one first asked for ("the 400 seats we first asked for", "80 we originally
 * planned", «80 человек, которые изначально заявляли»; since events13): the old count, no head count.
 */
const firstAskedAfter =
  /^[^.!?;\n\d]{0,25}?(?<!\p{L})(?:(?:we|i|you)\s+(?:had\s+)?(?:first|originally|initially|previously|earlier)|(?:которых|которые|что|как)\s+(?:мы\s+)?(?:изначально|сначала|раньше|ранее|первоначально))\s+\p{L}+/iu;
/** What a number is counting when it is not guests: money, time, age, ordinals, things. */
const notGuests =
  /^\s*(?:[-–]?\s*(?:го|е|й|th|st|nd|rd)(?!\p{L})|(?:pm|am|p\.m\.|a\.m\.|утра|вечера|ночи|o'clock)(?!\p{L})|%|процент|лет|год|years?|yrs|месяц|month|недел|week|дн|day|час|hour|минут|minute|этаж|floor|класс(?:а|ы|ов|е|ах)?(?!\p{L})|grade(?!\p{L})|км|km|м(?!\p{L})|m(?!\p{L})|метр|meter|звезд|star|\p{Sc}|руб|р\.|usd|eur|gbp|долл|евро|фунт|dollar|euro|pound|тыс|млн|k(?!\p{L})|к(?!\p{L})|thousand|million|январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?!\p{L}))/iu;

/** A word for people in general («человек», "people"): the word before it names who they are («взрослых человек 8»). */
const anyPeople = /^(?:человек\p{L}*|чел|people|persons?|ppl)$/iu;
/** Staff and their business guests: a comma alone joins these as parts («сотрудников 180, партнёров около 70»; since events12). */
const staffNoun = /^(?:сотр|работ|колл|empl|staf|coll|cowo|co-w)/u;
const businessNoun = /^(?:парт|клие|дил|гост|заказ|part|clie|cust|deal|gues)/u;
/** Two kinds of people a comma alone joins as parts of one party: children and adults, staff and business guests. */
const pairedNouns = (a: string, b: string) =>
  (childNoun.test(a) && adultNoun.test(b)) ||
  (adultNoun.test(a) && childNoun.test(b)) ||
  (staffNoun.test(a) && businessNoun.test(b)) ||
  (businessNoun.test(a) && staffNoun.test(b));
/**
 * Each of those counted brings others (since events12): "35 staff, each can bring a +1" (70), "45 graduates,
 * each with up to two family members" (135), «сотрудников 30, каждый может прийти с парой» (60). The
 * number each brings ("a", "one", "+1": one).
 */
const eachBrings = new RegExp(
  String.raw`^[^.!?\n]{0,25}?(?<!\p{L})(?:each|every\s+one|everyone|каждый|каждая|каждому|каждого)(?!\p{L})[^.!?\n\d]{0,30}?(?<!\p{L})(?:bring|brings|with|plus|с|со|взять|привести|приведёт|приведет)\s+(?:(?:up\s+to|до|ещё|еще|an?|one|один|одного|одной)\s+)*((?:\d|two|three|двух|двумя|тр[её]х|тремя)\p{L}*\s+)?(?:\+\s?1(?!\d)|plus[\s-]ones?|(?:${guestNoun}|пар(?:ой|у|а)|супруг\p{L}*|партн[её]р\p{L}*|guest|partner|spouse|date|family\s+member)(?!\p{L}))`,
  'iu',
);
/** «детей около 40 и родителей столько же», "40 kids and as many parents": the same count again (since events12). */
const sameAgain = new RegExp(
  String.raw`^[^.!?\n]{0,12}?(?<!\p{L})(?:и|and|plus|\+)\s+(?:(?:${guestNoun})\s+(?:(?:примерно|около|где-то|тоже)\s+)?столько\s+же|(?:about\s+|roughly\s+)?(?:the\s+same\s+number\s+of|as\s+many)\s+${guestNoun})(?!\p{L})`,
  'iu',
);
/**
 * The count of one side of a wedding or a party (since events12): «с моей стороны 40, с его 35», «со
 * стороны жениха 50», "40 on my side and 35 on his", "the bride's side 50". Two or more sides are summed.
 */
const sideBefore =
  /(?:(?<!\p{L})(?:с|со)\s+(?:(?:моей|его|её|ее|нашей|их|твоей|вашей)(?:\s+стороны)?|стороны\s+\p{L}+)|(?<!\p{L})(?:от|у)\s+(?:невест\p{L}*|жених\p{L}*)|(?<!\p{L})(?:bride|groom)(?:'s|’s)?|(?:on|from)\s+(?:my|his|her|our|their|the\s+\p{L}+(?:'s|’s)?)\s+side|\p{L}+(?:'s|’s)\s+side)\s*[:—–-]?\s*(?:около|примерно|about|around)?\s*[~≈]?\s*$/iu;
const sideAfter =
  /^\s*(?:(?:гостей|человек|guests|people)\s+)?(?:(?:с|со)\s+(?:моей|его|её|ее|нашей|их)\s+стороны|со\s+стороны\s+\p{L}+|(?:on|from)\s+(?:my|his|her|our|their|the\s+\p{L}+(?:'s|’s)?)(?:\s+side)?)(?!\p{L})/iu;
// Since events13 «с двух сторон», «от невесты»/«от жениха», "the bride's", "the groom's" name the sides too.
const sideWord = /сторон|side|невест|жених|bride|groom/iu;

/**
 * A range said aloud with no "to" or dash, two numbers in words one after the other, the second higher
 * but less than twice the first, the first 10 or more («человек двести двести пятьдесят», "forty fifty people"; voice-to-text,
 * since events9): one range, planned for its high end.
 */
function spokenRanges(text: string): FoundNumber[] {
  const out: FoundNumber[] = [];
  for (const n of findNumbers(text)) {
    const prev = out.at(-1);
    if (
      prev &&
      prev.words &&
      n.words &&
      prev.upTo === undefined &&
      n.upTo === undefined &&
      !prev.multiplier &&
      !n.multiplier &&
      /^[ \t\u00a0]+$/u.test(text.slice(prev.end, n.start)) &&
      prev.value >= 10 &&
      n.value > prev.value &&
      n.value < 2 * prev.value
    ) {
      out[out.length - 1] = { ...prev, end: n.end, upTo: n.value, approximate: true };
      continue;
    }
    out.push(n);
  }
  return out;
}

/**
 * Seats at tables (since events13): "three tables of ten plus a top table of eight" (38), «5 столов по 10
 * человек и стол молодожёнов на 2», "6 round tables for 8": the sum of each count of tables times its seats.
 */
const tableNoun = String.raw`(?:tables?|стол(?:ов|а|ик|ика|иков)?)`;
const seatsOf = String.raw`(?:of|for|seating|по|на)`;
const tablesOf = new RegExp(
  String.raw`(?<![\p{L}\d])((?:[\p{L}\d-]+\s+){0,2})${tableNoun}(?:\s+(?:\p{L}+\s+){0,2}?)?\s*${seatsOf}\s+(\d+|\p{L}+)(?!\p{L})`,
  'giu',
);
/** A number right after "tables of", «столов по»: the seats of a table (tableSeats counts them). */
const seatsBefore = new RegExp(String.raw`(?<!\p{L})${tableNoun}\s+(?:\p{L}+\s+){0,2}?${seatsOf}\s*$`, 'iu');
function tableSeats(text: string): number | undefined {
  let sum = 0;
  for (const m of text.matchAll(tablesOf)) {
    const seats = findNumbers(m[2]!)[0]?.value;
    const many = findNumbers(m[1]!).at(-1)?.value;
    // "a top table of eight", «стол молодожёнов на 2»: one table.
    if (!seats || !Number.isInteger(seats) || seats > 30) continue;
    if (many !== undefined && (!Number.isInteger(many) || many > 200)) continue;
    sum += (many ?? 1) * seats;
  }
  return sum > 0 ? sum : undefined;
}

function guestsOf(text: string): number | undefined {
  const money = findMoney(text);
  const candidates = spokenRanges(text)
    .filter((n) => Number.isInteger(n.value) && n.value >= 1 && n.value <= 100_000)
    .filter((n) => !money.some((m) => n.start < m.end && m.start < n.end))
    .map((n) => {
      const after = text.slice(n.end, n.end + 40);
      const before = text.slice(Math.max(0, n.start - 40), n.start);
      // "party of 80", "our team of 18", "группа из 25", "нас 15" (reading/people.ts): a group's head count.
      // Not a year ("a group of 2027 graduates", "class of 2027").
      const year = !n.words && !n.multiplier && n.value >= 1900 && n.value <= 2100;
      const group = (groupBefore.test(before) || groupAfter.test(after)) && !notGuests.test(after) && !year;
      // A year counts people only with its own people right after it ("2000 участников"), never after a
      // month or a day ("12 июня 2027 в сочи гостей 80"), nor before a noun that names the number after
      // it («свадьба 2027 гостей 80»), nor before graduates (a class's year). A number of the years
      // people write (not a multiple of 50) is a year even after a guest noun («гостей 2027»); a round one
      // may be a count («участников: 2000»).
      const monthYear = year && monthOf(/(\p{L}+)\.?[\s,]*$/u.exec(before)?.[1] ?? '') >= 0;
      const ownPeople = new RegExp(
        String.raw`^\s*(?!выпускник|graduates|alumni)${guestNoun}(?!\p{L})(?!\s*[:—–-]?\s*(?:около|примерно|about|around)?\s*[~≈]?\s*\d)`,
        'iu',
      );
      const yearCounts =
        !year ||
        (!monthYear &&
          (ownPeople.test(after) ||
            (n.value % 50 === 0 && (nounBefore.test(before) || listBefore.test(before)))));
      // A day before its month ("30 декабря человек на 35"), an age or a sum is no head count, nor the
      // count replaced ("45 вместо 30"), a year ("class of 2028 graduation") or a code («№ 45», "room 412").
      const other =
        notGuests.test(after) ||
        replacedBefore.test(before) ||
        firstAskedAfter.test(after) ||
        // «5 столов по 10 человек», "tables of 8": a table's seats (tableSeats).
        seatsBefore.test(before) ||
        !yearCounts ||
        codeBefore.test(before) ||
        // «добавить ещё 10 мест», "10 more seats", "another 10": what is added, not the count.
        /(?<!\p{L})(?:ещё|еще|another|extra|additional)\s*$/iu.test(before) ||
        /^\s*more(?!\p{L})/iu.test(after) ||
        // «3 зала по 60 мест»: seats per hall, not the head count (since events9 «мест» counts people).
        (/(?<!\p{L})по\s*$/u.test(before) && /^\s*мест(?!\p{L})/u.test(after)) ||
        ageBefore.test(before) ||
        foundedAge.test(text.slice(Math.max(0, n.start - 120), n.start)) ||
        (year && /(?:class|batch|выпуск\p{L}*|of)\s+(?:of\s+)?$/iu.test(before));
      // «сотрудниц, их 45»: a count of the people named earlier in its sentence.
      const sentence =
        text
          .slice(0, n.start)
          .split(/[.!?\n]/u)
          .at(-1) ?? '';
      const their = theirBefore.test(before) && peopleWord.test(sentence);
      const strong =
        // «28 выпускников и человек 20 родителей»: its own noun right after it keeps it (since events10).
        ((nounAfter.test(after) && (!nounOfNext.test(after) || ownNounRight.test(after))) ||
          nounBefore.test(before) ||
          listBefore.test(before) ||
          group ||
          their) &&
        !other;
      // "на 120", "for 120", "120 pax": a count with no unit, after "на"/"for".
      // "нас будет около 60", "about 60, please": a round count with nothing after it.
      const weak =
        (/(?:^|\s)(?:на|for|для)\s*$/iu.test(before) ||
          (/(?:около|примерно|приблизительно|ориентировочно|плюс-минус|порядка|about|around|roughly|approximately|approx\.?)\s*$/iu.test(
            before,
          ) &&
            /^\s*(?:[,;.!?)]|$)/u.test(after))) &&
        !notGuests.test(after);
      // "всего 16 человек", "let's say 20 total", "30 in total": a total beats its parts ("двое плюс друзья").
      const plusOnes =
        (plusOnesBefore.test(before) ||
          plusOnesAfter.test(after) ||
          withOthersBefore.test(text.slice(Math.max(0, n.start - 80), n.start))) &&
        !other;
      const total =
        plusOnes ||
        ((totalBefore.test(before) || totalAfter.test(after)) &&
          !other &&
          // «всего двадцать.», "total 30," : a bare total ends its clause.
          (strong ||
            weak ||
            totalAfter.test(after) ||
            (totalBefore.test(before) && /^\s*(?:[,;.!?)]|$)/u.test(after))));
      // The people it counts, when a word names them ("детей", "взрослых человек", "kids").
      const heldBefore = nounBefore.exec(before);
      const nounWord =
        /\p{L}+$/u.exec(ownNounAfter.exec(after)?.[0] ?? '')?.[0] ??
        // «взрослых человек 8»: the word before «человек» names who they are (since events12).
        (heldBefore && anyPeople.test(/^\p{L}+/u.exec(heldBefore[0])?.[0] ?? '')
          ? new RegExp(String.raw`(?<!\p{L})(${guestNoun})\s+$`, 'iu').exec(
              before.slice(0, heldBefore.index),
            )?.[1]
          : undefined) ??
        /^\p{L}+/u.exec(heldBefore?.[0] ?? '')?.[0];
      const noun = nounWord?.toLowerCase().slice(0, 4);
      // Not a part of them ("now 3 of them are vegan", «теперь 5 из них дети»).
      // A bare "now"/«теперь» names the new count only with its people ("now 52 guests"; not "now 3 vegans").
      const changed =
        changedBefore.test(before) &&
        (strong || !/(?<!\p{L})(?:теперь|сейчас|now)\s*[~≈]?\s*$/iu.test(before)) &&
        !notGuests.test(after) &&
        !/^\s*(?:\p{L}+\s+)?(?:of\s+(?:them|whom|us)|из\s+(?:них|которых))(?!\p{L})/iu.test(after);
      const from =
        (changedFrom.test(before) && n.upTo !== undefined) ||
        (notButBefore.test(before) && !notGuests.test(after));
      // People named near it («гостей будет не 40, а 50»; not «не 3 дня, а 4»).
      // Since events9: anywhere in its sentence before it («гостей будет не 45, как я писала раньше, а 52»).
      const people = peopleWord.test(before) || peopleWord.test(after) || peopleWord.test(sentence);
      // A company's staff said in brackets as what it is («компании «Альфа» (250 сотрудников, 4
      // филиала)», "Acme (300 employees)"; since events9): its size, not who comes, when another count is said.
      const size =
        /\(\s*(?:около|примерно|более|свыше|~|about|around|over)?\s*$/iu.test(before) &&
        /^\s*(?:сотрудни\p{L}*|работник\p{L}*|employees|staff|people\s+on\s+staff)(?!\p{L})/iu.test(after);
      const side =
        !other &&
        (sideBefore.test(before) || sideAfter.test(after)) &&
        sideWord.test(text.slice(Math.max(0, n.start - 80), n.end + 30));
      const brought = eachBrings.exec(after.concat(text.slice(n.end + 40, n.end + 80)));
      const brings = !brought ? 0 : brought[1] ? (findNumbers(brought[1])[0]?.value ?? 1) : 1;
      const same = sameAgain.test(after);
      return {
        n,
        strong,
        weak: weak && !strong && !other,
        total,
        noun,
        changed,
        from,
        people,
        size,
        side,
        brings,
        same,
      };
    })
    .filter((c, _, all) => !(c.size && all.some((o) => o !== c && (o.strong || o.total) && !o.size)));
  type Candidate = (typeof candidates)[number];
  // A range ("80–100 гостей") is planned for its high end.
  const count = (c: Candidate) =>
    c.n.upTo !== undefined && Number.isInteger(c.n.upTo) ? c.n.upTo : c.n.value;
  // Parts of one party with no total said («детей двенадцать и взрослых человек десять», "30 adults and
  // 8 kids", "fifteen kids and maybe eight parents"): their sum. Not a subset ("из них", "of them"),
  // nor the same people twice.
  const partOf = (a: Candidate, b: Candidate) => {
    const gap = text.slice(a.n.end, b.n.start);
    return (
      a.strong &&
      b.strong &&
      !b.total &&
      !b.changed &&
      !!a.noun &&
      !!b.noun &&
      a.noun !== b.noun &&
      ((partsJoin.test(gap) &&
        (partsWord.test(gap) || (/^[^,]*,[^,]*$/u.test(gap) && pairedNouns(a.noun, b.noun)))) ||
        // A web form's fields, one a line («Дети: 30» / «Взрослые: 15», "Kids: 30" / "Adults: 15"; since events9).
        (fieldGap.test(gap) &&
          fieldBefore.test(text.slice(0, a.n.start)) &&
          ((childNoun.test(a.noun) && adultNoun.test(b.noun)) ||
            (adultNoun.test(a.noun) && childNoun.test(b.noun))))) &&
      !notParts.test(gap) &&
      !breakdownGap.test(gap) &&
      !apartAfter.test(text.slice(b.n.end, b.n.end + 60)) &&
      !notParts.test(text.slice(b.n.end, b.n.end + 15))
    );
  };
  const best =
    candidates.find((c) => c.total) ?? candidates.find((c) => c.strong) ?? candidates.find((c) => c.weak);
  // A count changed later in the message ("I said 60, now it's 75", "has gone up from 70 to 84") is the
  // new count, once a head count came before it (the old one may be named as such: «было 60 гостей,
  // стало 75»).
  const firstCount = candidates.findIndex((c) => c.strong || c.total || c.noun !== undefined);
  const changes = candidates.filter(
    (c, i) =>
      (c.changed || c.from) &&
      ((firstCount >= 0 && (i > firstCount || c.from)) || (c.from && c.people)) &&
      !c.total,
  );
  // A head count taken back (changes.ts): «гостей 40, точнее 45», "30 people... actually make it 35".
  // The number said right after the marker replaces the count said right before it (no other number
  // between: «бюджет 300к, точнее 350» changes the budget, not the guests).
  const all = findNumbers(text);
  for (const at of correctionsIn(text)) {
    const prev = all.filter((n) => n.end <= at).at(-1);
    const next = all.find((n) => n.start >= at);
    const was = candidates.find((c) => c.n.start === prev?.start);
    const now = candidates.find((c) => c.n.start === next?.start);
    if (!was || !now || !(was.strong || was.total) || now.n.start - at > 100) continue;
    const between = afterMarker(text.slice(at, now.n.start));
    // A reason, then what it comes to («25, хотя нет, он ещё коллег позовёт, так что около 35», "20 — actually
    // my cousins are coming too, so 26"; since events12).
    const concluded =
      /^[^.!?\n\d]{0,70}?(?<!\p{L})(?:так\s+что|значит|то\s+есть|итого|so|which\s+makes(?:\s+it)?|making\s+it|that\s+makes(?:\s+it)?)(?:\s+(?:будет|будут|выйдет|получится|нас|it's|it\s+will\s+be|we're|we'll\s+be))*[\s,]*(?:около|примерно|где-то|about|around|roughly|~)?\s*$/iu.test(
        between,
      );
    if (now.n.start - at > 40 && !concluded) continue;
    const after = text.slice(now.n.end, now.n.end + 40);
    if (
      (concluded ||
        /^(?:(?:make\s+it|make\s+that|say|more\s+like|it's|it\s+will\s+be|давайте|пусть|скорее|будет|будут|уже|нас|гостей|человек)[\s,]*)*[~≈]?\s*$/iu.test(
          between,
        )) &&
      !notGuests.test(after) &&
      !/^\s*(?:\p{L}+\s+)?(?:of\s+(?:them|whom)|из\s+(?:них|которых))(?!\p{L})/iu.test(after) &&
      !(now.noun && was.noun && now.noun !== was.noun)
    )
      changes.push({ ...now, changed: true });
  }
  changes.sort((a, b) => a.n.start - b.n.start);
  const last = changes[changes.length - 1];
  if (last && (!best || last.n.start >= best.n.start)) return count(last);
  // Each side's count («с моей стороны 40, с его 35»; since events12): their sum, when no total is said.
  const sides = candidates.filter((c) => c.side);
  if (sides.length >= 2 && !candidates.some((c) => c.total))
    return sides.reduce((sum, c) => sum + count(c), 0);
  // No head count said but the tables' seats (since events13).
  if (!best || (!best.total && !best.strong && tableSeats(text))) return tableSeats(text) ?? undefined;
  // Each one brings others ("35 staff, each can bring a +1"), the same number again («и родителей столько
  // же»; since events12).
  if (!best.total && (best.brings > 0 || best.same))
    return count(best) * (1 + Math.min(best.brings, 5)) * (best.same ? 2 : 1);
  if (!best.total) {
    let sum = count(best);
    let parts = 1;
    for (let i = candidates.indexOf(best); i + 1 < candidates.length; i++) {
      if (!partOf(candidates[i]!, candidates[i + 1]!)) break;
      sum += count(candidates[i + 1]!);
      parts++;
    }
    if (parts > 1) return sum;
  }
  return count(best);
}

/**
 * Short and spoken forms of cities the gazetteer names in full: "St Pete", "St. Pete's", "SPb", «СПб»,
 * «Питер» (Saint Petersburg); «Екб», "Ekb", "Yekat" (Yekaterinburg). Each maps to the gazetteer's name
 * (not "MSK": a time zone too).
 */
const shortForms: [RegExp, string][] = [
  [
    /(?<![\p{L}\d])(?:st\.?\s*pete(?:'s|’s|rsburg)?|spb|спб|питер\p{L}*|санкт-петербург\p{L}*)(?![\p{L}\d])/iu,
    'Saint Petersburg',
  ],
  [/(?<![\p{L}\d])(?:екб|ekb|yekat|ekat|екат)(?![\p{L}\d])/iu, 'Yekaterinburg'],
  // Since events7 (chat): «нск», «в нске», «Новосиб»; «в Сочах»; "in SF" (after a place word only).
  [/(?<![\p{L}\d])(?:нск\p{L}{0,2}|новосиб\p{L}{0,2})(?![\p{L}\d])/iu, 'Novosibirsk'],
  [/(?<![\p{L}\d])сочах(?![\p{L}\d])/iu, 'Sochi'],
  [/(?<![\p{L}\d])(?:in|at|to|near)\s+SF(?![\p{L}\d])/u, 'San Francisco'],
];
function shortPlace(text: string): { place: Place } | undefined {
  for (const [re, name] of shortForms) {
    if (!re.test(text)) continue;
    const place = placeNamed(name);
    if (place) return { place };
  }
  return undefined;
}

/**
 * Where the customer lives or works, not where the event is: «мы из Самары», «офис в Москве», «живём в
 * Казани», "from the Berlin office" (since events9), "we're based in London", "our office is in Berlin", "HQ in Paris" (the words just before it).
 */
const homeBefore =
  /(?:(?<!\p{L})(?:из|от|from)(?:\s+(?:the|our|нашего|нашей))?|(?:офис\p{L}*|штаб-?квартир\p{L}*|живу|живём|живем|живут|проживаем|находимся|базируемся|прописан\p{L}*|office(?:\s+is)?|offices(?:\s+are)?|hq(?:\s+is)?|headquarter(?:s|ed)(?:\s+is)?|based|live|living|located)\s+(?:(?:у\s+нас|тоже|сейчас|is|are|currently|also)\s+)?(?:в|во|in))\s*$/iu;

/** "a Minsk-based company", «московская компания»: where the customer works, said after the name (since events8). */
const homeAfter = /^[\s-]?(?:based|headquartered)(?!\p{L})/iu;

/**
 * A place refused or replaced (since events10): «Сочи не предлагайте», «Казань не подходит», "Rome is
 * out", or named after a negation in its clause with no «а»/«но»/"but" between («уже не в Сочи, а в
 * Адлере», "no longer in Brussels but in Amsterdam", "not in Paris"). Dropped only when another place is
 * named.
 */
const placeRefusedAfter =
  /^[»"”]?\s*[,—–-]?\s*(?:(?:точно|уже|тоже|пожалуйста|нам)\s+)?(?:не\s+(?:предлагайте|предлагать|рассматриваем|рассматриваю|подходит|подойд\p{L}*|вариант|хотим|надо|нужно|интересует)|отпада\p{L}*|исключ\p{L}*|is\s+out|is\s+off|doesn't\s+work|won't\s+work|is\s+not\s+an\s+option|isn't\s+an\s+option|is\s+no\s+longer)(?!\p{L})/iu;
const placeNegatedBefore = /(?<!\p{L})(?:no\s+longer|not|не|rather\s+than|instead\s+of|вместо)(?!\p{L})/iu;
function placeRuledOut(text: string, m: PlaceMatch): boolean {
  if (placeRefusedAfter.test(text.slice(m.end, m.end + 40))) return true;
  const clause =
    text
      .slice(Math.max(0, m.index - 40), m.index)
      .split(/[.!?;,\n]|(?<!\p{L})(?:but|а|но)(?!\p{L})/u)
      .at(-1) ?? '';
  return placeNegatedBefore.test(clause);
}

/**
 * The event's place among those named (reading/places): not where the customer lives or works (when
 * another is named), and the later one after a change of mind (changes.ts: «в Париже… хотя нет, в
 * Ницце», "in Paris... actually … in Nice instead").
 */
function eventPlace(text: string): PlaceMatch | undefined {
  const all = findPlaces(text);
  const here = all.filter(
    (m) =>
      !homeBefore.test(text.slice(Math.max(0, m.index - 40), m.index)) &&
      !homeAfter.test(text.slice(m.end, m.end + 20)) &&
      !placeRuledOut(text, m),
  );
  const places = here.length ? here : all;
  for (const at of correctionsIn(text)) {
    if (!places.some((m) => m.index < at)) continue;
    const later = places.find((m) => m.index >= at);
    if (later) return later;
    break;
  }
  return places[0];
}

/** The request's place: the gazetteer's (its name in the request's language), else a capitalised
 * name after "в"/"in" that the gazetteer does not know. */
function placeOf(text: string, language: PackLanguage): { place?: Place; city?: string } {
  const found = eventPlace(text) ?? findPlace(text) ?? shortPlace(text);
  if (found) return { place: found.place, city: found.place[language] };
  const m =
    language === 'ru'
      ? text.match(/(?:^|\s)(?:в|во)\s+(?:г\.\s*|городе\s+)?([А-ЯЁ][а-яё-]{2,})/u)
      : text.match(/\bin\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)/u);
  const word = m?.[1];
  if (!word || monthOf(word) >= 0 || /^(?:The|Our|My|We|A|An|This|That|Next|Our)$/u.test(word)) return {};
  return { city: word };
}

/** A city's names in both languages (as extractEvent writes them), for matching a directory. */
export function cityForms(city: string | undefined): string[] {
  if (!city) return [];
  const known = placeNamed(city);
  return known ? [known.ru, known.en, ...known.names] : [city];
}

function formatOf(text: string): EventFormat | undefined {
  if (/гибрид|hybrid/iu.test(text)) return 'hybrid';
  if (/офлайн|оффлайн|очно|вживую|in[- ]person|offline|on[- ]site/iu.test(text)) return 'in-person';
  if (/онлайн|online|virtual|виртуальн|zoom/iu.test(text)) return 'online';
  return undefined;
}

/**
 * A forwarded message's header («---------- Пересланное сообщение ----------», "---------- Forwarded
 * message ---------", "Begin forwarded message:") and its От/Дата/Кому, From/Date/Sent/To
 * lines: when and by whom it was sent, not when or where the event is (since events8). Only those
 * header lines go (the subject stays: it may name the event).
 */
const forwardMarker =
  /(?:-{2,}\s*(?:пересланное\s+сообщение|forwarded\s+message|original\s+message|исходное\s+сообщение)\s*-{2,}|begin\s+forwarded\s+message:?)/iu;
const headerLine = /^[ \t>]*(?:от|кому|дата|отправлено|копия|from|to|cc|date|sent)\s*:[^\n]*$/gimu;
function withoutForwardHeader(text: string): string {
  const m = forwardMarker.exec(text);
  if (!m) return text;
  // Blank lines right after the marker ("Begin forwarded message:\n\nFrom: …") are not the header's end.
  const start =
    m.index +
    m[0].length +
    (/^[ \t]*(?:\n[ \t>]*)*/u.exec(text.slice(m.index + m[0].length))?.[0].length ?? 0);
  // The header runs from the marker to its first blank line.
  const blank = text.slice(start).search(/\n[ \t>]*\n/u);
  const end = blank < 0 ? text.length : start + blank;
  return text.slice(0, m.index) + text.slice(start, end).replace(headerLine, '') + text.slice(end);
}

/**
 * Where a reply quotes the earlier thread (since events9): «-----Исходное сообщение-----», "---- Original
 * message ----", "On Mon, Dec 7, 2026 at 9:12 AM, Collins, R. wrote:", «03.12.2026, 11:42, Ольга пишет:»,
 * «Пн, 30 нояб. 2026 г. в 10:15, Сергей <s.p@firm.ru>:» (a line with a year and an address ending in a
 * colon). Not a forwarded message's marker: what is forwarded is the request itself.
 */
const quoteHeader =
  /^(?:[ \t]*-{2,}[ \t]*(?:исходное\s+сообщение|original\s+message)[ \t]*-{2,}[ \t]*|[ \t>]*(?:on\s[^\n]{4,160}?\swrote|[^\n]{0,160}?(?<!\p{L})(?:пишет|писал\p{L}*|написал\p{L}*|wrote)|[^\n]{0,100}?\d{4}[^\n]{0,80}?<[^<>\s@]+@[^<>\s]+>)[ \t]*:[ \t]*)$/imu;
const quoteTop =
  /^(?:[ \t]*\n)*(?:[ \t]*(?:от|кому|дата|отправлено|копия|from|to|cc|date|sent)[ \t]*:[^\n]*(?:\n|$))+/iu;
/** The new message and the earlier thread it quotes (the quote's "> " marks and header lines dropped). */
function splitQuoted(text: string): [string, string | undefined] {
  const m = quoteHeader.exec(text);
  // A new message before it (a quote alone is the message).
  if (!m || !/\p{L}{3,}/u.test(text.slice(0, m.index))) return [text, undefined];
  // The quote's own header lines at its top (От/Дата/Тема, From/Sent/Subject) go: when it was sent is no event date.
  const quoted = text
    .slice(m.index + m[0].length)
    .replace(/^[ \t]*>+[ \t]?/gmu, '')
    .replace(quoteTop, '');
  return [text.slice(0, m.index), quoted];
}

/**
 * A reply that quotes lines with ">" and no header, or the agency's questions as «Вы писали: «…»» / "You
 * wrote: "…"" (since events10). A quoted question with no digits ("> How many guests?", «Вы писали:
 * «Сколько гостей?»») answered on the line after it (or after a dash on its own line) becomes a field of
 * the new message ("How many guests: around 85"; "How many?" names people: "How many people: ~100"); any
 * other quoted line (the earlier request, a question proposing a figure: «Подтвердите дату — 16 января?»)
 * is the quoted thread, read only for what the new message leaves unsaid.
 */
const marked = /^[ \t]*>+[ \t]?/u;
const youWrote =
  /^[ \t]*(?:вы\s+писали|ты\s+писал\p{L}*|you\s+wrote|you\s+asked|вы\s+спрашивали)[ \t]*:[ \t]*[«"“]([^»"”\n]+)[»"”][ \t]*(?:[—–:-][ \t]*)?(.*)$/iu;
function askedAsField(question: string, answer: string): string {
  let label = question.replace(/[?？]+[ \t]*$/u, '').trim();
  if (/(?<!\p{L})(?:how\s+many|сколько)(?!\p{L})/iu.test(label) && !peopleWord.test(label))
    label += /[а-яё]/iu.test(label) ? ' человек' : ' people';
  return `${label}: ${answer.trim()}`;
}
function splitMarked(text: string): [string, string | undefined] {
  const lines = text.split('\n');
  if (!lines.some((l) => marked.test(l) || youWrote.test(l))) return [text, undefined];
  const fresh: string[] = [];
  const quoted: string[] = [];
  const answers = (l: string | undefined) =>
    l !== undefined && !marked.test(l) && !youWrote.test(l) && /[\p{L}\p{N}]/u.test(l);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const wrote = youWrote.exec(line);
    if (wrote) {
      const [, question, rest] = wrote;
      const asked = /[?？][ \t]*$/u.test(question!) && !/\d/u.test(question!);
      if (!asked) {
        quoted.push(question!);
        if (rest!.trim()) fresh.push(rest!);
      } else if (rest!.trim()) fresh.push(askedAsField(question!, rest!));
      else if (answers(lines[i + 1])) fresh.push(askedAsField(question!, lines[++i]!));
      continue;
    }
    if (!marked.test(line)) {
      fresh.push(line);
      continue;
    }
    const body = line.replace(marked, '');
    if (/[?？][ \t]*$/u.test(body) && !/\d/u.test(body) && answers(lines[i + 1])) {
      fresh.push(askedAsField(body, lines[++i]!.replace(/^[ \t]*(?:ответ|answer|a)[ \t]*:[ \t]*/iu, '')));
      continue;
    }
    quoted.push(body);
  }
  if (!fresh.some((l) => /\p{L}{3,}/u.test(l))) return [text, undefined];
  return [fresh.join('\n'), quoted.some((l) => /[\p{L}\p{N}]/u.test(l)) ? quoted.join('\n') : undefined];
}

/**
 * An update note added under the message («UPD: посчитали ещё раз — гостей будет 95, не 80», "Edit: HR
 * says 34 people now", «Апдейт: …»; since events11): the message before it and the note. What the note
 * says replaces the message's figure; what it leaves unsaid is read from the message.
 */
const updateNote =
  /(?:^|\n)[ \t]*(?:upd|update|updated|edit|edited|апд|апдейт)[ \t]*(?:\d+[ \t]*)?[:.][ \t]*/iu;
function splitUpdate(text: string): [string, string | undefined] {
  const m = updateNote.exec(text);
  if (!m || !/\p{L}{3,}/u.test(text.slice(0, m.index))) return [text, undefined];
  return [text.slice(0, m.index), text.slice(m.index + m[0].length)];
}

const readable = (text: string) => (isTransliteratedRussian(text) ? toCyrillic(text) : text);

const typeOf = (text: string) =>
  typeWords.find(([, re, unless]) => re.test(text) && !unless?.test(text))?.[0];

/** The event the message asks for: what it says, nothing guessed (wishes may be empty). */
export function extractEvent(raw: string, now: Date, language = detectLanguage(readable(raw))): EventRequest {
  // A Russian request typed in Latin letters is read in Cyrillic (translit.ts; since events10).
  const pasted = readable(raw);
  // A table pasted as text is read as "header: cell" lines (pasted-table.ts).
  const text = withoutForwardHeader(tableAsLines(pasted));
  // A reply that quotes the earlier thread: what the new message says beats the quote's figures (the
  // count it changes, the date it moves); what it leaves unsaid is read from the quote (since events9).
  const headed = splitQuoted(tableAsLines(pasted));
  const split = headed[1] === undefined ? splitMarked(tableAsLines(pasted)) : headed;
  // Questions answered ("> How many guests?" / "around 85") with nothing else quoted: the new message alone.
  const [fresh, quoted] =
    split[1] === undefined
      ? [split === headed ? text : withoutForwardHeader(split[0]), undefined]
      : [withoutForwardHeader(split[0]), split[1]];
  // An update note under the message (since events11): its figures first, the message's for what it leaves unsaid.
  const [body, note] = splitUpdate(fresh);
  const type = typeOf(fresh) ?? (quoted ? typeOf(quoted) : undefined);
  const date =
    (note ? eventDateOf(note, now) : undefined) ??
    eventDateOf(body, now) ??
    (quoted ? eventDateOf(quoted, now) : undefined);
  const notePlace = note ? placeOf(note, language) : undefined;
  const freshPlace = notePlace?.city ? notePlace : placeOf(body, language);
  const { place, city } = freshPlace.city || !quoted ? freshPlace : placeOf(quoted, language);
  const guests =
    (note ? guestsOf(note) : undefined) ?? guestsOf(body) ?? (quoted ? guestsOf(quoted) : undefined);
  const budget =
    (note ? budgetOf(note, language, guests, place) : undefined) ??
    budgetOf(body, language, guests, place) ??
    (quoted ? budgetOf(quoted, language, guests, place) : undefined);
  const format = formatOf(text);
  const wishes = wishWords.filter((w) => w.match.test(text)).map((w) => w[language]);
  return {
    ...(type ? { type } : {}),
    ...(date ? { date } : {}),
    ...(city ? { city } : {}),
    ...(place ? { place } : {}),
    ...(guests ? { guests } : {}),
    ...(budget ? { budget } : {}),
    ...(format ? { format } : {}),
    wishes,
    language,
  };
}

/** Enough of an event to plan and estimate: a type or guests, and a date or guests. */
export const isEventRequest = (e: EventRequest) =>
  [e.type && e.type !== 'other', e.guests, e.date, e.budget].filter(Boolean).length >= 2;

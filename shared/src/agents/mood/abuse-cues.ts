// Word classes the Russian abuse model (abuse-model.ts) reads as features, never as verdicts (issue 62):
// name-calling of persons, slurs on nations and political camps, words with a harmless sense too (animals,
// things: the model learns their weight apart), invented slurs ("кремлебот", "укрозоопарк"), orders to go
// away, sexual humiliation, wishes of death, "your mother", dehumanising words, the face as "рыло".
// A class shared by many rare words lets the few hundred labelled rows teach what each rare word could not.
// The lists are written from general knowledge of Russian, not copied from a public list. Patterns run over
// a word's `collapsed` form (normalise.ts: repeated letters are one, so "тролль" is "троль").

import { praiseWords } from './abuse-lexicon';

/** Builds one whole-word pattern from alternatives (a stem without `$` matches any ending). */
const words = (alts: string[]) => new RegExp(`^(?:${alts.join('|')})`, 'u');

/** Insults of a person with no harmless sense. */
const insult = words([
  'идиот',
  'дебил',
  'кретин',
  'имбецил',
  'дегенерат',
  'даун(?:|ы|а|у|ом|ов|ям|ах|ища|яра)$',
  'олигофрен',
  'придур',
  'тупорыл',
  'тупоголов',
  'туп(?:ая|ые|ых|ым|ого|ица|ицы|арь|ень|еньк|е|ейш)$', // collapsed: тупее is тупе
  'дурач',
  'дур(?:а|ы|у|ой|ынд|еха|ищ|новат)$',
  'недоумк',
  'недоумок$',
  'недонос',
  'недоношен',
  'выродо?к',
  'ублюд',
  'урод(?!ил|ит)',
  'мраз',
  'гнид',
  'твар[ьиея]',
  'сволоч',
  'подон',
  'падаль',
  'паскуд',
  'гадин',
  'гаден',
  'мерзав',
  'негодя',
  'ничтожеств',
  'ничтожн',
  'чмо$',
  'чмош',
  'лох(?:|и|а|ов|у|ом|ушк)$',
  'лошар',
  'лошок',
  'терпил',
  'быдл',
  'гопот',
  'гопник',
  'школот',
  'малолетк',
  'сопляк',
  'нищеброд',
  'бомж',
  'алкаш',
  'наркоман',
  'нарик',
  'шлюх',
  'шалав',
  'проститут',
  'блядин',
  'давалк',
  'балабол',
  'пиздабол',
  'трепло',
  'брехун',
  'ворюг',
  'ворье',
  'жулик',
  'урк[аиу]$',
  'холоп',
  'хрюк',
  'хряк',
  'шавк',
  'шавок$',
  'зомбир',
  'оболван',
  'упорот',
  'шизик',
  'неадекват',
  'маньк',
  'ботяр',
  'пид[оа]р',
  'пидр',
  'педик(?:|и|ов|а)$',
  'педераст',
  'гомик',
  'глиномес',
  'извращенц',
  'содомит',
  'задрот',
  'дрочер',
  'куколд',
  'выпердыш',
  'высер',
  'говноед',
  'говнюк',
  'засранец',
  'засранк',
  'жополиз',
  'рукожоп',
  'мудак',
  'мудил',
  'сучар',
  'уебан',
  'уебк',
  'ебанат',
  'ебанут',
  'долбое',
  'долбоя',
  'кончен(?:ый|ая|ые|ых|ым|ого|ому)$',
  'отморо',
  'выблядо?к',
  'лизоблюд',
  'подхалим',
  'подхолим',
  'прихвост',
  'холуй',
  'лакей',
  'обиженк',
  'ушлеп',
  'чепушил',
  'чушпан',
  'чухан',
  'кастрат',
  'микроцефал',
  'ч[ео]кнут',
  'сыкл', // collapsed: ссыкло
  'веслоух',
  'обосан', // collapsed: обоссанный
  'юродив',
  'тормознут',
  'страшненьк',
  'страшнюч',
  'глуп(?:ый|ая|ые|ых|ец|цы|ышк)$',
  'жлоб',
  'хамл',
  'хамь',
  'мракобес(?!и[еяюй])', // a person, not «мракобесие»
  'тупиц',
  'варвар(?:|ы|ов|ам|ами)$',
]);

/** Slurs on nations, faiths and political camps, and the regime's nicknames. */
const group = words([
  'кремлебот',
  'кремляд',
  'кремлесвин',
  'путиноид',
  'путинойд',
  'путлер',
  'пын[яеию]$',
  'плешив',
  'хуйл',
  'куйл',
  'рашист',
  'рашизм',
  'рашк',
  'эрэфи',
  'пиндос',
  'пендос',
  'подпиндос',
  'гейроп',
  'англосакс',
  'англосракс',
  'либераст',
  'либерах',
  'либерашк',
  'либерд',
  'демшиз',
  'укроп(?:ы|ов|ам|ами)$',
  'укр(?:ы|ов|ам|ами)$',
  'укро(?:ин|олигарх|фашист|нацист|рейх)',
  'усраин',
  'украишк',
  // Not хохлома, хохлатый / хохлатка (crested), хохлиться (a bird ruffling up), хохолок (a crest): round 4.
  'хохл(?!ом|ат|ит|ил|ятс|юсь|ишь|яс)',
  'хохол$',
  'хохлостан',
  'бандерлог',
  'бандери',
  'бандеров',
  'нацик',
  'фашик',
  'жид(?:|ы|а|у|ом|ов|ам|ами|ах|овск\\p{L}*|яр\\p{L}*|ок|ки)$',
  'хач(?:|и|а|ей|ам|ами|ик\\p{L}*)$',
  'чурк',
  'чурбан',
  'чучмек',
  'черножоп',
  'негр(?:|ы|ов|ам|а|у|ом|итос)$',
  'нигер',
  'нерус(?:ь|и|ью|ей|ям)$',
  'совдеп',
  'зомбоящик',
  'пропагандон',
  'пропогандон',
  'журнаглист',
  'журналюг',
  'чинуш',
  'соросят',
  'соросен',
  'орк(?:и|ов|ам|ами)$',
  'чубат',
  'сепар(?:|ы|ов|ам|ами)$',
  'майдаун',
  'хунт',
  'кацап',
  'москал',
  'бульбаш',
  'селюк',
  'шулуп',
]);

/** Words with a harmless sense too (an animal, a thing, a game, a name): the model weighs them apart. */
const ambiguous = words([
  'дурак',
  'туп(?:ой|ое|ую)$',
  'клоун',
  'скот(?:|ы|а|ов|ина|ины|ину|иной|ство)$',
  'свинь',
  'свинот',
  'крыс[аыуой]$',
  'шакал',
  'упыр',
  'псин',
  'псы$',
  'баран(?:|ы|ов)$',
  'овц[аыу]$',
  'осел$',
  'осл[ыа]$',
  'козел$',
  'козл[ыаов]',
  'обезьян',
  'макак',
  'жаб[аыу]$',
  'гадюк',
  'гиен',
  'паразит',
  'глист',
  'вош[ьи]$',
  'черв[ьи]$',
  'чучел',
  'пугал',
  'овощ',
  'зомби',
  'больн(?:ой|ые|ая|ых|ому)$',
  'псих(?:|и|ов|а|ованн\\p{L}*|опат\\p{L}*)$',
  'поехавш',
  'маня(?:|фантаз\\p{L}*)$',
  'хомяк',
  'хомяч',
  'бот(?:|ы|ов|ам|ами|а|у|ик|ики|иков|ина)$',
  'трол(?:|ь|и|ей|я|ям|ями|ит|инг)$',
  'ватник',
  'ватн(?:ый|ое|ая|ые|ых|ого|ому)$',
  'ват[аыуо]й?$',
  'колорад',
  'совок$',
  'совк[аоуе]м?$',
  'сыч',
  'соска$',
  'раб(?:|ы|ов)$',
  'рабск',
  'петух(?:|и|ов|а)$',
  'опущен',
  'дыряв',
  'дырк[аиу]$',
  'сучк(?:а|и|у|ой)$',
  'сук[аиу]$',
  'продажн',
  'шестерк',
  'подстилк',
  'метис',
  'сектант',
  'фанатик',
  'шизо',
  'истерич',
  'гомос',
  'извращен',
  'дикар',
  'бункерн',
  'обнулен',
  'хуторян',
  'иноагент',
  'фашист',
]);

/** Invented slurs: a camp's or a rude word's stem glued to another word ("свинобот", "даунбас"). */
const coinage =
  /(?:хохло(?!м)|укро(?!п)|путино|навально|лахто|пиндо|рашко|жидо|педо|пидо|даун(?!хил|лоад|шифт|сайз|тайм)|срак|сраин|дерьмо|говно|жопо|сыко|пердо|дебило|идиото|быдло)\p{L}{2,}/u;
const botCoinage = /^\p{L}*(?:бот|боты|ботов|ботам|ботами|ботик\p{L}*|ботин[аы])$/u;
const botCamp =
  /(?:кремле|свино|хохло|медве|заги|пригожин|ольгин|лахта|путин|навальн|укро|ватно|либер|соска|ботяра)/u;

const face =
  /^(?:рыло|рыла|рылом|рылу|харя|хари|харю|рожа|рожу|роже|рожей|хлебало|ебало|ебальник|пасть|пасти|мурло|морду)$/u;
const order =
  /^(?:иди|идите|вали|валите|пошел|пошла|пшел|катись|катитесь|проваливай|отвали|отвалите|заткнись|заткнитесь|завали|завались|сдохни|сдохните|убейся|выпились|удавись|повесься|соси|сосите|лечись|лечитесь|умойся|утрись|поплачь|сиди|скачи|скачите|беги)$/u;
const sex =
  /^(?:сос(?:ать|ет|ут|и|ешь|ал|ала|али|ите|унок|ка)|отсос\p{L}*|минет\p{L}*|вдува\p{L}*|анал(?:|ьн\p{L}*)|очк[оау]|промежн\p{L}*|трах(?:|ать|ает|ал|али|нул\p{L}*|нуть)|сглотн\p{L}*|жопу|жопой|сиси|сисек|сиськ\p{L}*|порн\p{L}*|шмар\p{L}*|бордел\p{L}*)$/u;
const threat =
  /^(?:сдох\p{L}*|подох\p{L}*|расстрел\p{L}*|повес(?:ить|ят|ил)|вздерн\p{L}*|урыть|урою|прибить|прибью|убью|удавить|задуш\p{L}*|мочить|замочить|сжечь|сгнить|сгниет|сгниют|гореть|горите|горел|муках|уничтож\p{L}*)$/u;
const mother = /^(?:мамк\p{L}*|мамаш\p{L}*|мать|маму|мамой)$/u;
const dehuman =
  /^(?:людишк\p{L}*|народец|стадо|стада|биомус\p{L}*|мусор|отброс\p{L}*|нелюд\p{L}*|недочеловек\p{L}*|нечист\p{L}*|быдлян\p{L}*|швал\p{L}*|сброд\p{L}*|отребье|нечисть|выводок|шобла|кодла|свора|помойн\p{L}*|помойк\p{L}*)$/u;
const you =
  /^(?:ты|тебя|тебе|тобой|твой|твоя|твое|твои|твоих|твоим|твою|твоего|вы|вас|вам|вами|ваш|ваша|ваши|вашего|ваших)$/u;
/** A pejorative suffix: людишки, журналюга, ботяра. */
const pejorative = /(?:ишк|юг|яр)[аиоуые]?$/u;

/** The classes of one word, as bits (below), in the order of `classes`. */
const classes: [string, (t: string) => boolean][] = [
  ['insult', (t) => insult.test(t)],
  ['group', (t) => group.test(t)],
  ['ambiguous', (t) => ambiguous.test(t)],
  ['coin', (t) => coinage.test(t) || (botCoinage.test(t) && botCamp.test(t))],
  ['face', (t) => face.test(t)],
  ['order', (t) => order.test(t)],
  ['sex', (t) => sex.test(t)],
  ['threat', (t) => threat.test(t)],
  ['mother', (t) => mother.test(t)],
  ['dehuman', (t) => dehuman.test(t)],
  ['you', (t) => you.test(t)],
  ['pejorative', (t) => t.length > 5 && pejorative.test(t)],
];
const bit = Object.fromEntries(classes.map(([name], i) => [name, 1 << i])) as Record<string, number>;
const RUDE = bit.insult! | bit.group!;

/** Words repeat from message to message: each word's classes are worked out once (a bounded cache). */
const seen = new Map<string, number>();
function classesOf(t: string): number {
  let m = seen.get(t);
  if (m === undefined) {
    m = 0;
    for (let i = 0; i < classes.length; i++) if (classes[i]![1](t)) m |= 1 << i;
    if (seen.size >= 50_000) seen.clear();
    seen.set(t, m);
  }
  return m;
}

/** A message of at most three words that calls names ("Идиоты!", "вы просто дебилы") is aimed at the reader. */
export const bareInsult = (tokens: string[]) => tokens.length <= 3 && tokens.some((t) => classesOf(t) & RUDE);

/**
 * Round 4 (README "Harmless text"): «чубатый» is also crested, of a bird (чубатый жаворонок, чубатая курица):
 * beside a bird word it is no slur. Round 6: nor is «хохол» (a bird's crest, a tuft of hair) beside a bird, wing or
 * hair word («хохол у какаду», «хохол на макушке»). Words in their `collapsed` form ("перья" is "перя").
 */
const crested = /^(?:чубат|хохол$|хохл(?:а|у|ом|е|ы|ов|ам|ами|ах)$)/u;
const birds =
  /^(?:попуга\p{L}*|какаду|жаворон\p{L}*|птиц\p{L}*|птич\p{L}*|птен\p{L}*|кур[аиуые]?|куриц\p{L}*|курочк\p{L}*|несушк\p{L}*|цыпл\p{L}*|голуб\p{L}*|канарейк\p{L}*|синиц\p{L}*|воробе?\p{L}*|щегл?\p{L}*|хохлат\p{L}*|пер[оья]|перь?ев|оперени\p{L}*|хохол\p{L}+|гнезд\p{L}*|клюв\p{L}*|крыл\p{L}*|удод\p{L}*|сойк\p{L}*|свиристел\p{L}*|чибис\p{L}*|цапл\p{L}*|павлин\p{L}*|волос\p{L}*|прическ\p{L}*|макушк\p{L}*|темечк\p{L}*|затылк\p{L}*|чуб|чуба|чубом|челк\p{L}*|вихор|вихр\p{L}*|пряд[ьи]\p{L}*|расческ\p{L}*|парикмахер\p{L}*)$/u;

/**
 * Round 7: «чурбан» and «чурка» are blocks of wood too («чурбан для колки дров из дуба», «берёзовые чурки»): beside a
 * wood or firewood word they are no slur. Words in their `collapsed` form.
 */
const block = /^(?:чурбан\p{L}*|чурк\p{L}*|чурок)$/u;
const woodWords =
  /^(?:дров\p{L}*|дуб\p{L}*|берез\p{L}*|осин\p{L}*|ольх\p{L}*|колк\p{L}*|колот\p{L}*|колун\p{L}*|топор\p{L}*|камин\p{L}*|печ[иьк]\p{L}*|растопк\p{L}*|щеп\p{L}*|древесин\p{L}*|бревн\p{L}*|полен\p{L}*|доск\p{L}*|сосн\p{L}*|лиственниц\p{L}*)$/u;

/**
 * Round 10: an insult's adverb before a word of praise is an intensifier («дебильно простой», «идиотски удобная»; the
 * lexicon's `praiseWords`): no name-calling. Words in their `collapsed` form.
 */
const intensifier = (tokens: string[], i: number) =>
  /(?:о|ски)$/u.test(tokens[i]!) && praiseWords.test(tokens[i + 1] ?? '');

/** The cue feature names of a message's words (their `collapsed` forms, in order). */
export function cueNames(tokens: string[]): string[] {
  const aboutBirds = tokens.some((t) => birds.test(t));
  const aboutWood = tokens.some((t) => woodWords.test(t));
  const masks = tokens.map((t, i) =>
    (aboutBirds && crested.test(t)) || (aboutWood && block.test(t))
      ? classesOf(t) & ~bit.group!
      : intensifier(tokens, i)
        ? classesOf(t) & ~RUDE
        : classesOf(t),
  );
  const any = masks.reduce((a, m) => a | m, 0);
  const out = classes
    .filter(([name], i) => any & (1 << i) && !['insult', 'you'].includes(name))
    .map(([name]) => `cue:${name}`);
  const n = masks.filter((m) => m & RUDE).length;
  if (n) out.push('cue:insult', n > 1 ? 'cue:insult2' : 'cue:insult1');
  if (n && tokens.length <= 3) out.push('cue:bare-insult');
  if (any & bit.you! && n) out.push('cue:you+insult');
  if (any & bit.you! && any & bit.ambiguous!) out.push('cue:you+ambiguous');
  if (masks.some((m, i) => m & bit.you! && (masks[i + 1] ?? 0) & (RUDE | bit.ambiguous!)))
    out.push('cue:you_insult');
  return out;
}

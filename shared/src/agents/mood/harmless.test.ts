// Issue 62: no harmless catalog or knowledge sentence (the blind check sets in eval/mood and eval/mood4 and
// our own tuning sets in eval/mood-tune, both languages) is read as abuse from a customer, and none blocks the agent's reply
// when the team's catalog holds it; a reply that insults is still blocked, with the word.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReplyAbuse, readCustomerMood } from './index';

const root = join(import.meta.dirname, '../../../eval');
const files = [
  'mood/harmless-ru.jsonl',
  'mood/harmless-en.jsonl',
  'mood-tune/harmless-ru.jsonl',
  'mood-tune/harmless-en.jsonl',
  // The blind set of the third round (tuning data since its 6 flagged rows were fixed by class).
  'mood4/harmless-ru.jsonl',
  'mood4/harmless-en.jsonl',
  // The blind set of round 2 (tuning data since its 12 flagged rows were fixed by class).
  'mood5/harmless-ru.jsonl',
  'mood5/harmless-en.jsonl',
  // The blind set of round 3 (tuning data since its 5 flagged rows were fixed by class).
  'mood6/harmless-ru.jsonl',
  'mood6/harmless-en.jsonl',
  // The blind set of round 4 (tuning data since its 6 flagged rows were fixed by class).
  'mood7/harmless-ru.jsonl',
  'mood7/harmless-en.jsonl',
  // The blind set of round 5 (tuning data since its 8 flagged rows were fixed by class).
  'mood8/harmless-ru.jsonl',
  'mood8/harmless-en.jsonl',
  // The blind set of round 6 (tuning data since its 6 flagged rows were fixed by class).
  'mood9/harmless-ru.jsonl',
  'mood9/harmless-en.jsonl',
  // The blind set of round 7 (tuning data since its 2 flagged rows were fixed by class).
  'mood10/harmless-ru.jsonl',
  'mood10/harmless-en.jsonl',
  // The blind set that measured round 7 and found nothing (0 of 324; never tuned on).
  'mood11/harmless-ru.jsonl',
  'mood11/harmless-en.jsonl',
  // The second blind set that measured round 7 (tuning data since its 2 flagged rows were fixed by class).
  'mood12/harmless-ru.jsonl',
  'mood12/harmless-en.jsonl',
  // The blind sets that measured round 8 (tuning data since their 5 and 5 flagged rows were fixed by class, round 9).
  'mood13/harmless-ru.jsonl',
  'mood13/harmless-en.jsonl',
  'mood14/harmless-ru.jsonl',
  'mood14/harmless-en.jsonl',
  // The blind set that measured round 9 (tuning data since its 7 flagged rows were fixed by class, round 10).
  'mood15/harmless-ru.jsonl',
  'mood15/harmless-en.jsonl',
];
const rows = (file: string) =>
  readFileSync(join(root, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text);

describe.each(files)('harmless sentences of %s', (file) => {
  const texts = rows(file);

  it('has the rows it should', () => {
    expect(texts.length).toBeGreaterThanOrEqual(100);
  });

  it('none reads as abuse from a customer', () => {
    const flagged = texts.filter((t) => readCustomerMood(t).abuse.severity !== 'none');
    expect(flagged).toEqual([]);
  });

  it('none blocks a reply when the catalog holds them, and an insult added to each still does', () => {
    const vocabulary = texts;
    expect(texts.filter((t) => checkReplyAbuse(t, { vocabulary }).blocked)).toEqual([]);
    // Every row, one insult after it that no row uses: still blocked, and named.
    // (The first insult no row of the file uses: "Moron de la Frontera" lends "moron".)
    const candidates = file.endsWith('-ru.jsonl')
      ? [
          ['Вы дебил.', 'дебил'],
          ['Вы кретин.', 'кретин'],
        ]
      : [
          ['You moron.', 'moron'],
          ['You imbecile.', 'imbecile'],
        ];
    const [insult, word] = candidates.find(([, w]) => !texts.some((t) => t.toLowerCase().includes(w!)))!;
    for (const t of texts) expect(checkReplyAbuse(`${t} ${insult}`, { vocabulary }).terms, t).toContain(word);
  });
});

// A knowledge-base question a customer asked (banking77-style, issue 61's evaluation found it read as "rude").
describe("the speaker's own animal or thing is not a name called", () => {
  it.each([
    'my dog lost her tag, can i get a new one',
    'Our dog chewed the cable, do you sell a spare?',
    'Моя собака погрызла кабель, у вас есть запасной?',
  ])('%s', (text) => {
    expect(readCustomerMood(text).abuse.severity).toBe('none');
  });

  it.each(['you dog, give me my money back', 'ты собака, верни деньги'])('still: %s', (text) => {
    expect(readCustomerMood(text).abuse.severity).not.toBe('none');
  });
});

// Issue 62, the blind set eval/mood4 (6 of 258 rows flagged): fixed by class, both languages. Each harmless
// row is checked as a customer message and as the agent's reply (the lexicon alone, no vocabulary).
const harmlessByClass = (texts: string[]) => {
  for (const t of texts) {
    expect(readCustomerMood(t).abuse, t).toEqual({ severity: 'none', terms: [] });
    expect(checkReplyAbuse(t), t).toEqual({ blocked: false, terms: [] });
  }
};
const stillAbuse = (texts: string[]) => {
  for (const t of texts) {
    expect(readCustomerMood(t).abuse.severity, t).not.toBe('none');
    expect(checkReplyAbuse(t).blocked, t).toBe(true);
  }
};

describe('whole words: a longer word that merely begins with an abusive one is not it', () => {
  it('names, places and terms', () => {
    harmlessByClass([
      'Wankel rotary engine, a cutaway model for the classroom',
      'Twatt and Dounby: local delivery across Orkney',
      'Psychology textbook for first-year students',
      'Cretinism is caused by a lack of iodine in the diet',
      'Niigata rice, 5 kg bag',
      'A niggling squeak in the hinge? Use our silicone spray.',
      'Turducken for Thanksgiving, 5 kg, order by Monday',
      // A clinical term is not the insult it shares a stem with.
      'Дегенеративные изменения суставов: крем с глюкозамином',
      'Идиотия и кретинизм — устаревшие термины медицины, объясняет наш справочник',
      'Дебильность — устаревший термин психиатрии',
    ]);
  });

  it('still: the words, their inflections and compounds, and a word glued to an ellipsis or an entity', () => {
    stillAbuse([
      'wankers',
      'you twat',
      'twats',
      'nigglet',
      'I hate you, cunt.&#8221',
      "you're an asshole..oh well",
      'these douche bags again',
      'дегенераты',
      'кретины',
      'идиоты',
    ]);
  });
});

describe('doubled letters: only a disguise is collapsed', () => {
  it('a doubled consonant of a real word stays ("Hatter" is not "hater")', () => {
    harmlessByClass([
      'Mad Hatter tea party set for kids',
      'Twatt pottery mugs, set of 4',
      'Дурра сахарная (сорго), семена 10 г',
    ]);
  });

  it('still: doubled vowels, a doubled first letter, runs of three', () => {
    stillAbuse(['гниида', 'мраазь', 'biiatch', 'ссученыш', 'сууука', 'fuuuuck']);
  });
});

describe('a word with a thing, tool or plant sense counts only of a person', () => {
  it('dumb cane, a ratchet, wood blocks', () => {
    harmlessByClass([
      'Dumb cane (Dieffenbachia) in a 17 cm pot',
      'Caulking gun with ratchet action',
      'Socket wrench set: ratchet and 12 sockets',
      'Берёзовые чурки для камина, сетка 40 л',
      'Осиновые чурки для бани, колотые',
    ]);
  });

  it('still: next to a person or said of someone', () => {
    stillAbuse([
      'you dumb idiot',
      'you are dumb',
      'you are so dumb',
      'you ratchet',
      'so ratchet',
      'вы чурки',
      'ты чурка',
    ]);
  });
});

// Issue 62, round 2: the blind set eval/mood5 (12 of 390 rows flagged), fixed by class in both languages.
describe('a capitalised name that matches only by a stem or a variant spelling, or names a place', () => {
  it('names and places', () => {
    harmlessByClass([
      'Fokker Dr.I triplane model kit, 1:48',
      'Do you still have the Fokker triplane kit in stock?',
      'The museum shows a Fokker F27 and a Douglas DC-3.',
      'Return flights to Fukuoka include one checked bag.',
      'Fukuoka Airport transfer, 2 passengers',
      'Delivery to Fukui and Kanazawa takes two days.',
      'Olive oil from Moron de la Frontera, 1-litre tin.',
      'Ваш персональный менеджер — Ольга Хренова, телефон в карточке заказа.',
      'Хренов Иван Петрович — наш мастер по ремонту.',
    ]);
  });

  it('still: shouting, a disguise, an address, the usual spellings, a name-call opening a message', () => {
    stillAbuse([
      'you fokker',
      'You Fokker',
      'FOKKER',
      'F*cker',
      'Fokker, where is my order',
      'Where is my order, Fucker',
      'Thanks Fuckface',
      'Your Fukker manager',
      'you moron',
      'Moron, where is my order',
    ]);
  });
});

describe('a Russian word that holds an obscene root but is another word, in every case form', () => {
  it('стерлядь, дрочёна (a dish), the -бля- verbs, хреновуха and хреновина (horseradish)', () => {
    harmlessByClass([
      'Стерлядь будет к пятнице?',
      'Стерлядь охлаждённая, 1–1,5 кг',
      'Уха из стерляди, 300 г',
      'Можно заказать дрочёну на праздник на десять человек?',
      'Дрочёной угощаем всех гостей.',
      'Дрочёны сегодня нет.',
      'Не надо оскорблять продавца, он не виноват.',
      'Колебля ветви, ветер стих.',
      'Употребляя в пищу, разогрейте до 70 °C.',
      'Он разгильдяй, но добрый.',
      'Хреновуху продаёте навынос?',
      'Хреновина домашняя с помидорами и чесноком, банка 250 г.',
    ]);
  });

  it('still: the root itself', () => {
    stillAbuse(['блядь', 'кремлядь', 'выблядок', 'дрочишь', 'ты дрочила']);
    // A mild word: the reply check blocks it (the customer check leaves a lone mild word to the model).
    expect(checkReplyAbuse('хреново вы работаете, хрень').blocked).toBe(true);
    expect(checkReplyAbuse('Хренов, ты где').blocked).toBe(true);
  });
});

describe('a word with an animal, plant, sport or rock sense counts only of a person', () => {
  it('tomato suckers, the clean and jerk, a blunt-nosed shark, a basalt dyke', () => {
    harmlessByClass([
      'Pinch out the suckers between the main stem and the side shoots of cordon tomatoes.',
      'Remove rose suckers below the graft.',
      'Clean and jerk technique workshop for beginners, Saturday at 10:00.',
      'A jerk of the handle starts the mower.',
      'Тупорылая акула спокойно переносит пресную воду и заходит в реки.',
      'Тупорылые сапоги снова в моде.',
      'The basalt dyke that cuts across the beach is best seen at low tide.',
      'A dyke of dolerite cuts the granite here.',
      'The sea dyke protects the polder from floods.',
    ]);
  });

  it('still: next to a person, in a direct address, said of someone', () => {
    stillAbuse([
      'you jerk',
      'what a jerk',
      'the manager is a jerk',
      'Jerks, where is my refund',
      'he is a sucker',
      'you suckers',
      'ты тупорылый',
      'какой тупорылый менеджер',
      'Тупорылые, где заказ',
      'you dyke',
      'dyke',
      'look at that dyke on the beach, you dyke',
    ]);
  });
});

describe('a Russian word with a food, pharmacy or plain-verb sense', () => {
  it('манду (dumplings), гниды (nits), овощ, катись / свали as plain verbs', () => {
    harmlessByClass([
      'Манду на пару с говядиной, 10 шт.',
      'Корейские манду с капустой',
      'Шампунь убивает вшей и гниды за 10 минут',
      'Этот овощ богат клетчаткой',
      'Катись на коньках хоть весь день: каток открыт до 23:00',
      'Свали листья в компостную кучу, к весне будет перегной.',
    ]);
  });

  it('still: the insult, the order to go away', () => {
    stillAbuse([
      'манда',
      'в манду',
      'вы гниды',
      'ты овощ',
      'катись отсюда',
      'Катись!',
      'Катись к чёрту',
      'отвали',
      'отвалите от меня',
    ]);
  });
});

describe('a slur that is also the name of a thing counts only as a person word in a sentence about the thing', () => {
  it('Maine Coon, a chink of light, Spic and Span, Rio Negro, ignition retard, tranny fluid', () => {
    harmlessByClass([
      'Maine Coon kittens, TICA registered, ready in March',
      'A chink of light under the door means the seal is worn.',
      'Spic and Span cleaner, 1 l',
      'Boat tour of the Rio Negro, 3 days',
      'Set the ignition retard to 5 degrees at idle.',
      'Tranny fluid, 4 l, for automatic gearboxes',
    ]);
  });

  it('still: the slur alone or next to a person', () => {
    stillAbuse([
      'you coon',
      'coon',
      'chink',
      'spic',
      'negro',
      'retard',
      'you retard',
      'tranny',
      'your cat is ugly, you coon',
    ]);
  });
});

// Issue 62, round 3: the blind set eval/mood6 (5 of 275 rows flagged), fixed by class; our own examples beside them.
describe('a name after a title or a name particle, or inside a run of capitalised words', () => {
  it('Mr. Dick, Van Dyke, The Suffering Bastard, «господин Козлов», a variant spelling opening a sentence', () => {
    harmlessByClass([
      'Mr. Dick flies his kite in chapter 14 of David Copperfield.',
      'Dr. Dick sees you at ten; bring your referral.',
      'Van Dyke brown is a deep, transparent pigment used in oil painting.',
      'Portrait copies after van Dyke, oil on canvas, framed.',
      'The Suffering Bastard is a gin and brandy cocktail first mixed in Cairo.',
      'We stock Fat Bastard Shiraz and the Chardonnay by the case.',
      'Доктор Дураков примет вас в среду, запись по телефону.',
      'Господин Козлов ждёт вас у входа.',
      'Fokker triplane kit, 1:72',
      'Сукино болото — заказник, экскурсии по выходным.',
    ]);
  });

  it('still: a direct insult beside the name, a title-cased insult, an address, a verb form', () => {
    stillAbuse([
      'Mr. Dick, you are a dick',
      'Mr. Dick is a dick',
      'you are such a dick',
      'Van Dyke, you dyke',
      'you bastard',
      'You Stupid Bastard',
      'Stupid Bastard, where is my order',
      'I hate you, Lying Bastard, refund me now',
      'Fokking hell, where is my parcel',
      'Fokker!',
      'господин Козлов, ты козел',
    ]);
  });
});

describe("a word that is part of a thing's name with the next word, a knot in wood", () => {
  it('bastard toadflax, a bastard file, «козлиная борода», «ущербная луна», «без сучка и задоринки»', () => {
    harmlessByClass([
      'Bastard toadflax is a semi-parasitic plant found on chalk grassland.',
      'The bastard wing of a bird is the alula.',
      'Bastard balm flowers in May on shady banks.',
      'Козлиная борода цветёт в июне, семена разносит ветер.',
      'Сыр из козлиного молока, 200 г',
      'Ущербная луна видна под утро на востоке.',
      'Мастер собрал шкаф без сучка и задоринки — так пишут нам в отзывах.',
      'Столяр обещал столешницу без единого сучка.',
    ]);
  });

  it('still: the insult', () => {
    stillAbuse(['you bastard', 'that bastard cut me off', 'ты сучка', 'сучка тупая']);
    // Mild words the customer check leaves to the model: the reply check blocks them.
    expect(checkReplyAbuse('Ущербная ты личность').blocked).toBe(true);
    expect(checkReplyAbuse('козлина ты').blocked).toBe(true);
  });
});

// Issue 62, round 4: the blind set eval/mood7 (6 of 277 rows flagged), fixed by class; our own examples, each
// flagged by the code before this round.
describe('an animal sense: the wild ass, the jackass penguin and rabbit, the laughing jackass', () => {
  it('counts only next to a person in a sentence about animals', () => {
    harmlessByClass([
      'Somali wild asses graze in the reserve at dawn.',
      'A herd of wild asses crossed the steppe near the border.',
      'Onagers, the Asiatic wild asses, are kept in our zoo.',
      'Jackass penguins nest in burrows on the Cape coast.',
      'The jackass rabbit outruns most dogs.',
      'The laughing jackass is another name for the kookaburra.',
    ]);
  });

  it('still: next to a person, said of someone, a plain insult', () => {
    stillAbuse([
      'you jackass',
      'You jackass, the penguin is sick',
      'what an ass',
      'kiss my ass, I am done',
      'that donkey of a manager is an ass',
      'stop laughing, jackass',
      'you laughing jackass',
    ]);
  });
});

describe("a severe word that is part of a capitalised name, a title's run across of / the / and", () => {
  it('Pussy Riot, Plymouth Hoe, the Prick of Conscience, in both languages', () => {
    harmlessByClass([
      'We sell tickets to the Pussy Riot concert in Berlin.',
      'Vinyl of the Pussycat Dolls and a Pussy Riot biography ship today.',
      'Билеты на концерт Pussy Riot в Берлине уже в продаже.',
      'We walked along Plymouth Hoe after the ferry.',
      'We reviewed the Bastard of Istanbul and the Prick of Conscience for the course.',
    ]);
  });

  it('still: an address, an exclamation, a run broken by a comma, a plain "of"', () => {
    stillAbuse([
      'you pussy',
      'Pussy!',
      "don't be a pussy, Riot is nothing",
      'you Prick',
      'What a Prick of a man',
      'he is a prick of the highest order',
    ]);
  });
});

describe("jizz, the birders' word for a species' overall impression", () => {
  it('with birding words', () => {
    harmlessByClass([
      "Birders call a species' overall impression its jizz.",
      'Learn the jizz of raptors in flight on our weekend course.',
    ]);
  });

  it('still: without them', () => {
    stillAbuse(['nice jizz on your face']);
  });
});

describe('crest words are not the slur: хохолок, хохлатый, хохлиться, чубатый of a bird', () => {
  it('neither the model nor the lexicon reads them as abuse', () => {
    harmlessByClass([
      'Хохолок у какаду поднимается, когда он волнуется.',
      'Хохлатый попугай поднимает хохолок.',
      'Воробьи хохлятся на морозе, так они греются.',
      'Чубатый жаворонок поёт в поле.',
    ]);
  });

  it('still: the slur', () => {
    stillAbuse(['хохлы', 'хохол', 'хохлята', 'Хохлы!']);
  });
});

// Round 5 (the blind set eval/mood8: 8 of 308 rows flagged after round 4), fixed by class with our own examples,
// each flagged (or its reply blocked) by HEAD e7b19528; the insults beside them still caught.
describe('a place defined at the start of a sentence', () => {
  it('"X is a city/village in …", «X — село в …»', () => {
    harmlessByClass([
      'Moron is a city in Argentina.',
      'Fucking is a village in Upper Austria.',
      'Хреново — село в Воронежской области.',
    ]);
  });

  it('still: an address, "is what you are", a place then an insult', () => {
    stillAbuse([
      'Moron, where is my order',
      'Moron is what you are',
      'Moron is a city in Argentina, you moron',
    ]);
  });
});

describe('a word mentioned, not used: in quotes or after "the word" in a sentence about words, a defined term', () => {
  it('its meaning, its origin, its folk name, in both languages', () => {
    harmlessByClass([
      'The word "bastard" originally meant a child born out of wedlock.',
      'In Chaucer\'s day "cunt" meant simply the body part, the word was not yet taboo.',
      'Слово «мудак» происходит от названия селезня.',
      'В словарях XIX века «блядь» означало обман и ложь.',
      'Idiot savant syndrome refers to rare gifts alongside a disability.',
      'Сучье вымя — так называют гидраденит в народе.',
    ]);
  });

  it('still: quotes or "the word" said to someone, a lone word defined as a complaint', () => {
    stillAbuse([
      'Ты «мудак», как говорится',
      'Слово «дебил» тебе подходит',
      'You are a "moron", the word fits you',
      'Pathetic is when a shop ignores you for a week',
    ]);
  });
});

describe("a title's capitalised run opening the sentence", () => {
  it('a work by its author, titles joined by "and"', () => {
    harmlessByClass([
      'Stupid White Men by Michael Moore is in the sale.',
      'Airplane and Dumb and Dumber are both in the comedy sale.',
    ]);
  });

  it('still: insults in title case, a run of listed words only', () => {
    stillAbuse([
      'Stupid Bastard Customer Service never answers',
      'Idiot Support Team never answers my emails',
      'Dumb and Dumber support staff, answer me',
    ]);
  });
});

describe('a name after a capitalised possessive, tits the birds', () => {
  it("Devil's Dyke, Grim's Dyke, crested and marsh tits", () => {
    harmlessByClass([
      "Devil's Dyke is a valley near Brighton.",
      "Grim's Dyke runs across the Chilterns.",
      'Crested tits nest in old pine stumps.',
      'Marsh tits visit the feeder every morning.',
    ]);
  });

  it('still: the slur in lower case or said to someone, tits without birds', () => {
    stillAbuse(["John's dyke girlfriend", 'you dyke', 'nice tits', 'show me your tits']);
  });
});

// Round 6 (the blind set eval/mood9: 6 of 381 rows flagged after round 5), fixed by class with our own examples,
// each flagged and its reply blocked by HEAD 6d23cfca; the insults beside them still caught.
describe('a title in a sentence that names a work, or defined as one', () => {
  it('a capitalised run of listed words only, a title by "is a … film" or «— роман»', () => {
    harmlessByClass([
      'We have Dumb and Dumber on DVD and Blu-ray.',
      'Dumb and Dumber To is the 2014 sequel.',
      'Bastard Out of Carolina was made into a film in 1996.',
      'Bastards is a 2013 film by Claire Denis.',
      'Ублюдок — роман Ирвина Уэлша.',
    ]);
    // The reply check (the lexicon) passes a Russian title in lower case; the model (not retrained) still reads
    // this one as rude with no word named (README "Harmless text", round 6).
    expect(checkReplyAbuse('Бесславные ублюдки — фильм Квентина Тарантино.')).toEqual({
      blocked: false,
      terms: [],
    });
  });

  it('still: an address, "you" in the sentence, "a comedy of errors", a lower-case insult, «— это ты»', () => {
    stillAbuse([
      "Dumb and Dumber, that's you two",
      "Dumb and dumber, that's you two",
      'Dumb and Dumber is the film you two remind me of',
      'Stupid Bastard, the film never arrived',
      'Stupid Bastard Customer Service is a comedy of errors',
      'that bastard is a film critic',
      'you dumb bastard',
      'Ублюдок — это ты.',
      'Ублюдки — фильм, который ты заслужил.',
    ]);
  });
});

describe('"bastard" before a fish, tree, plant or animal noun, "bastardy" the legal term', () => {
  it('a species name, the law of illegitimacy', () => {
    harmlessByClass([
      'Bastard trumpeter is a cool-water fish of southern Australia.',
      "The bastard turtle is an old name for Kemp's ridley.",
      'Frozen bastard halibut fillets, 1 kg',
      'The tsessebe was once called the bastard hartebeest.',
      'Under the bastardy acts a mother could sue the father for support.',
      'Bastardy bonds were filed with the county court.',
    ]);
  });

  it('still: the insult, an address before the fish', () => {
    stillAbuse(['Bastard, my halibut order is late', 'you bastard', 'the bastards ignored my refund']);
  });
});

describe("«хохол», a bird's crest or a tuft of hair, beside bird, feather or hair words", () => {
  it('neither the lexicon nor the model reads it as the slur', () => {
    harmlessByClass([
      'У хохлатой цесарки на голове пышный хохол.',
      'Хохол у удода раскрывается веером.',
      'Сын просит подстричь хохол на макушке.',
      'Волосы торчат хохлом после сна — поможет воск.',
    ]);
  });

  it('still: next to a person, an address, the slur alone', () => {
    stillAbuse([
      'ты хохол',
      'хохлы, у вас даже волосы не те',
      'Хохол у тебя как у попугая, хохол ты',
      'хохлы',
    ]);
  });
});

// Round 7 (the blind set eval/mood10: 2 of 311 rows flagged after round 6), fixed by class with our own examples,
// each flagged (or its reply blocked) by HEAD 686ebbef; the insults beside them still caught.
describe('«чурбан», a block of wood, beside wood or firewood words', () => {
  it('the model reads no slur in it', () => {
    harmlessByClass(['Дубовый чурбан для колки дров, 40 см', 'Берёзовый чурбан под колун, высота 50 см']);
  });

  it('still: next to a person, said of someone, even in a sentence about firewood', () => {
    stillAbuse(['ты чурбан', 'чурбан ты неотёсанный', 'ты чурбан, дрова сам колоть будешь', 'вы чурки']);
  });
});

describe('a foreign place name that merely holds an obscene root', () => {
  it('after a landform word, or inside a sentence before «в <region>» when spelled as no Russian word is', () => {
    harmlessByClass([
      'Поднимемся на гору Хуйтэн летом.',
      'Ледник у пика Хуйтэн тает быстрее других.',
      'Тур на остров Хуйс, 5 дней',
      'Восхождение на Хуйтэн в Монгольском Алтае — 12 дней.',
    ]);
  });

  it('still: the obscenity in lower case, opening a message, inside one, or said to someone', () => {
    stillAbuse([
      'иди на хуй',
      'хуйня какая-то',
      'Хуйня какая-то',
      'Хуйня в Москве творится',
      'Вот это Хуйня в Москве творится',
      'ты Хуйтэн в Москве',
    ]);
  });
});

// Round 8 (the blind set eval/mood12: 2 of 261 rows flagged after round 7), fixed by class with our own examples,
// each flagged (or its reply blocked) by HEAD e281d7bf; the insults beside them still caught.
describe('a place named after "<place noun> of"', () => {
  it('"the village of X", "the town of X", "the river of X"', () => {
    harmlessByClass([
      'The village of Fucking lies near Salzburg.',
      'We deliver to the hamlet of Twatt twice a week.',
      'The little town of Dildo has a lobster festival.',
    ]);
  });

  it('still: an insult after "of", said to someone or opening a message', () => {
    stillAbuse(['the village of Fucking idiots', 'you son of a bitch', 'Piece of shit service']);
  });
});

describe('«сучья», branches, beside pruning and orchard words', () => {
  it('neither the lexicon nor the model reads it as abuse', () => {
    harmlessByClass([
      'Сухие сучья спилите секатором осенью.',
      'Обрезайте сучья у яблони до сокодвижения.',
      'Нижние сучья с кроны убирают садовым ножом.',
    ]);
  });

  it('still: the insult next to a person, or alone', () => {
    stillAbuse(['ты сучья душа', 'сучья работа у вас', 'сучья морда']);
  });
});

// Round 9 (the blind sets eval/mood13 and eval/mood14: 5 of 264 and 5 of 272 rows flagged after round 8), fixed by
// class with our own examples, each flagged (or its reply blocked) by HEAD 990049d3; the insults beside them still
// caught.
describe('a possessive animal noun is the animal, not a name called', () => {
  it('"your dog\'s", "your cow\'s", "your pigs\'" before the noun they own', () => {
    harmlessByClass([
      "The groomer can clip your dog's nails and check its ears.",
      "Check your cow's udder for heat and swelling before milking.",
      "Clean your pigs' water troughs every day.",
      "Does your rat's cage need a hammock?",
    ]);
  });

  it('still: the name-call, and "is"/"has" written so ("your dog\'s a better rep than you")', () => {
    stillAbuse([
      'you dog',
      'you dirty dog',
      'you pigs',
      'what a cow you are',
      "your dog's a better rep than you",
    ]);
  });
});

describe('a name beside a landform or water word, or one the next clause calls a place', () => {
  it('"the Río X", "the Lago X", "the X, a mountain above …", «городок X», «деревушку X»', () => {
    harmlessByClass([
      'Kayak tours on the Río Negro leave from the jetty at nine.',
      'Boat hire on the Lago Negro is by the hour.',
      'We drove up to the Wank, a mountain above the town, for the sunset.',
      'Our coach stops at Fucking, a village near Salzburg.',
      'Экскурсия в городок Хуиттинен занимает полдня.',
      'Заезжаем в деревушку Хуиттинен на обед.',
    ]);
  });

  it('still: an address before a place word, "the mountain of …", the obscenity opening a message or in lower case', () => {
    stillAbuse([
      'Idiots, the town hall never answers',
      'Moron, the river is flooding your basement',
      'Wanker, the mountain of paperwork is yours',
      'Fucking hell, the mountain road is closed',
      'Хуйня, а не курорт',
      'иди на хуй со своим городком',
    ]);
  });
});

describe('"prick" the verb and the medical test', () => {
  it('prick out seedlings, a skin or heel prick test', () => {
    harmlessByClass([
      'Prick out the seedlings when they have two leaves.',
      'Skin prick tests take twenty minutes.',
      'A heel prick test is offered to every newborn.',
      'The prick test showed a grass allergy.',
    ]);
  });

  it('still: the insult, said of someone, an address, "you prick out there"', () => {
    stillAbuse([
      'you prick',
      'what a prick',
      'Prick, answer me',
      'your manager is a prick',
      'stop being a prick about the test',
      'you prick out there',
    ]);
  });
});

describe('poultry "cock"', () => {
  it('a cock beside hen or pullet words', () => {
    harmlessByClass([
      'Each trio is two hens and a cock if you want to breed.',
      'Sold as a breeding pair: a hen with a young cock if you like.',
    ]);
  });

  it('still: said to someone or without those words', () => {
    stillAbuse(['you cock', 'you absolute cock']);
  });
});

describe('breeding "bitch"', () => {
  it('a bitch beside season, heat, spaying or whelping words', () => {
    harmlessByClass([
      'Should your bitch be spayed before her first season?',
      'Is it safe to walk a bitch on heat if you keep her on a lead?',
      'Our bitch whelped six pups last week, you can visit them.',
    ]);
  });

  it('still: said to someone or without those words', () => {
    stillAbuse([
      'you stupid bitch',
      'shut up bitch',
      'bitch, where is my order',
      'your bitch of a manager',
      'stop bitching about the heat',
    ]);
  });
});

describe('a stove\'s "wetback"', () => {
  it('a wetback beside stove, fire or hot water words', () => {
    harmlessByClass([
      'Can you fit a wetback to this log burner for the hot water?',
      'A wetback stove heats your water while the fire burns.',
    ]);
  });

  it('still: said to someone or without those words', () => {
    stillAbuse(['you wetback', 'go home wetback', 'wetbacks like you']);
  });
});

// Round 10 (the blind set eval/mood15: 7 of 267 rows flagged after round 9), fixed by class with our own examples,
// each flagged (or its reply blocked) by HEAD aa694516; the insults beside them still caught.
describe("an insult word as an intensifier of praise, or of the speaker's own folly", () => {
  it('"stupidly comfortable", "stupid cheap", "idiotically simple", «дебильно простой», "I stupidly ordered"', () => {
    harmlessByClass([
      'Stupid comfortable slippers for the whole family.',
      'These headphones are stupidly cheap this week.',
      'Stupid fast charging: 80% in twenty minutes.',
      'Idiotically simple to set up, even for grandparents.',
      'A stupidly easy bread recipe for beginners.',
      'I stupidly ordered the wrong size, can I swap it?',
      'A stupidly large 10 kg bag of rice.',
      'Дебильно простая сборка: полка собирается за пять минут.',
      'Идиотски удобная застёжка, ребёнок справляется сам.',
    ]);
  });

  it('still: the insult, and the adverb before a complaint or said to someone', () => {
    stillAbuse([
      'stupid idiots',
      'you stupid',
      'you stupid cheap idiot',
      'you stupidly big idiot',
      'Stupid, answer me',
      'you are stupidly rude',
      'stupid lazy staff',
      'вы дебилы',
      'дебильно отвечаете',
    ]);
  });
});

describe('a name the next clause calls a place, with modifiers between the article and the place noun', () => {
  it('"the 1,780 m mountain above …", "a small Austrian village", «высочайшую вершину Монголии», «высотой 4374 м»', () => {
    harmlessByClass([
      'Our guided hike goes up the Wank, the 1,780 m mountain above the town.',
      'We climbed the Wank, a 1,780-metre peak above Garmisch.',
      'The bus stops at Fucking, a small Austrian village near Salzburg.',
      'We hiked up the Wank, the highest mountain of the Ester range.',
      'We hiked up the Wank, a mountain 1,780 m high.',
      'Our coach stops at Fucking, a pretty village of 100 people.',
      'Поднимаемся на Хуйтэн, высочайшую вершину Монголии.',
      'Восхождение на Хуйтэн, вершину высотой 4374 м, занимает три дня.',
    ]);
  });

  it('still: an address opening the sentence, "the … mountain of paperwork", "you" before the word', () => {
    stillAbuse([
      'Idiots, the Town Hall never answers',
      'Wanker, the big mountain of paperwork is yours',
      'I said you Wanker, the 3 m hill is yours',
      'hey Moron, the 5 km river walk was awful',
      'you wank',
    ]);
  });
});

describe('a place reached after a verb of travel or a preposition, and the same name again', () => {
  it('"climb the X", "hike up to the X", «на X», «подняться на X», a compound «X-Даба», "the X-Haus" after "the X"', () => {
    harmlessByClass([
      'We climbed the Wank on Sunday.',
      'Hike up to the Wank from Partenkirchen in three hours.',
      'Up the Wank, the mountain above Garmisch. The Wank is steep but safe.',
      'Lunch at the Wank-Haus after the climb up the Wank.',
      'На Хуйтэн нужен кислород или можно без него?',
      'До Хуйтэн добираемся на джипах.',
      'Подняться на Хуйтэн можно только летом.',
      'Перевал Хуйтэн-Даба открыт с июня.',
      'Walk to the Wank summit and back, 4 hours.',
      'The Wank (1,780 m) overlooks Garmisch.',
      'Тур к подножию Хуйтэна, 10 дней.',
      'We drove up to Fucking to see the sign.',
      'Do you deliver to Twatt on Orkney?',
    ]);
  });

  it('still: the obscenity after «на» or a motion verb, a look-alike spelling, "you" beside the name', () => {
    stillAbuse([
      'иди на Хуй',
      'пошли на Хуй со своим туром',
      'ну Блэт, опять',
      'ты Хуйтэн',
      'you wank',
      'Wank off, you idiot',
      'climb the Wank, you wanker',
      'Fucking mountain road again',
      'ну Пиздэц какой',
      'go fly to Fucking hell',
      'I will visit Fucking idiots like you',
    ]);
  });
});

describe("a sport's or a trade's dummy", () => {
  it('sell, throw or buy a dummy, "how to dummy", the dummy half, a dummy pass or camera, bridge\'s dummy', () => {
    harmlessByClass([
      'Rugby camp: learn to sell a dummy and pass off both hands.',
      'He threw a dummy and went through the gap.',
      'The winger sold the defender a dummy.',
      "Don't buy the dummy: watch the ball carrier's hips.",
      'Netball footwork: how to dummy a pass.',
      'Dummy half in rugby league plays the ball from the ruck.',
      'Dummy pass drills for under-12s.',
      'Dummy security camera with a blinking LED.',
      'Declarer plays a small card from dummy.',
      'Crash dummy kit for school physics.',
    ]);
  });

  it('still: the name-call, said of someone, an address, "talking to a dummy"', () => {
    stillAbuse([
      'you dummy',
      'what a dummy',
      'Dummy, where is my order',
      'you sold me a dummy, you dummy',
      'I was talking to a dummy',
      'your manager is a dummy',
      'stop being a dummy',
    ]);
  });
});

describe('a surname spelled as no usual form of an insult, after a given name or an initial', () => {
  it('"co-founded by Marcel Bich", "Federico Faggin designed…", "M. Bich", "Jürgen Niggemann"', () => {
    harmlessByClass([
      'The pens are made by the firm that Marcel Bich co-founded.',
      'Our founder, Marcel Bich, started with one pen.',
      'Federico Faggin designed the Intel 4004 in 1971.',
      'Interview with Federico Faggin about the first microprocessor.',
      'A biography of M. Bich, the pen maker.',
      'We stock the memoir of Jürgen Niggemann.',
      "Faggin's 4004 was the first microprocessor.",
      'Books by F. Faggin are in the computing section.',
    ]);
  });

  it('still: the usual spellings after a capitalised word, "you", a vocative', () => {
    stillAbuse([
      'Marcel, you bitch',
      'Marcel Bich, answer me',
      'Federico Faggin, you idiot',
      'Thanks Bitch for nothing at all',
      'that Dirty Bitch took my order',
      'lol Basic Bitch season is here',
    ]);
  });
});

describe('a brand beside a product noun', () => {
  it('"Bimbo sandwich bread", "Loser Lager", "Moron brand pens", "Idiot Sauce hot sauce", «чипсы Лох» for the lexicon', () => {
    harmlessByClass([
      'Mexican pantry: Bimbo sandwich bread and dried chiles.',
      'Do you stock Bimbo bread?',
      'Loaf of Bimbo white bread.',
      'Idiot Sauce hot sauce, 150 ml.',
      'Moron brand pens, box of 10.',
      'Loser Lager, six-pack.',
      'Pathetic Pens set for left-handers.',
    ]);
    expect(checkReplyAbuse('Чипсы Лох, 150 г.').blocked).toBe(false);
  });

  it('still: "you" beside it, an address, said of someone', () => {
    stillAbuse([
      'you Bimbo',
      'Bimbo, where is my bread',
      'you Idiot bread seller',
      'your staff are Idiots, the bread was stale',
      'stupid idiots',
    ]);
  });
});

// Abuse in a text by the whole-word lexicon (abuse-lexicon.ts) over normalised words (normalise.ts).
import {
  abuseLexicon,
  abusePhrases,
  ownerWords,
  personWords,
  thingNames,
  type AbuseEntry,
} from './abuse-lexicon';
import {
  collapseDisguise,
  normWord,
  spacedWords,
  tokenise,
  translitRu,
  unmask,
  type Token,
} from './normalise';

export type AbuseSeverity = 'none' | 'mild' | 'severe';
export type AbuseHit = { term: string; form: string; severity: 'mild' | 'severe'; insult?: boolean };

const rank = { none: 0, mild: 1, severe: 2 } as const;
export const maxSeverity = (a: AbuseSeverity, b: AbuseSeverity): AbuseSeverity =>
  rank[a] >= rank[b] ? a : b;

function forms(t: Token, text: string): string[] {
  const set = new Set<string>();
  // Doubled letters only where they are a disguise ("мраазь"; not "Twatt", "hatter": collapseDisguise).
  const base = [t.norm, collapseDisguise(t.norm, t.script)];
  // A Latin n inside a Cyrillic word is п or н ("n@хуй" is "нахуй").
  if (t.script === 'cyr' && /n/i.test(t.raw)) {
    const alt = normWord(t.raw.replace(/n/g, 'н').replace(/N/g, 'Н'));
    if (alt) base.push(alt.norm, collapseDisguise(alt.norm, alt.script));
  }
  // Russian in Latin letters ("debily", "blyat") when the text is written so.
  if (t.script === 'lat') {
    const ru = translitRu(t.norm, text);
    if (ru) base.push(ru, collapseDisguise(ru, 'cyr'));
  }
  // An ellipsis, an HTML entity or a closing star glued to a Latin word ("asshole..oh", "cunt.&#8221",
  // "cunts*"): the word before it too (whole-word patterns do not read past it).
  if (t.script === 'lat') {
    const lead = t.raw.split(/\.{2,}|&#|\*+$/)[0]!;
    const w = lead !== t.raw ? normWord(lead) : undefined;
    if (w) base.push(w.norm, collapseDisguise(w.norm, w.script));
  }
  for (const f of base) for (const u of unmask(f, t.script)) set.add(u);
  return [...set];
}

/** A capitalised word as written ("Fokker", «Хренова»): not all capitals ("FOKKER" is shouting). */
const capitalised = (t: Token) => /^\p{Lu}\p{Ll}+$/u.test(t.raw.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''));
/**
 * Round 10: product nouns a brand stands beside ("Bimbo sandwich bread", "Loser Lager", «чипсы Лох»): food and drink,
 * stationery, clothes, toiletries, packs and the word "brand"; not "service", "staff", "support" (said of people).
 */
const productNoun =
  /^(?:bread|breads|loaf|loaves|buns|rolls|bagels|tortillas|tortilla|cake|cakes|biscuits|cookies|crackers|chips|crisps|cereal|sauce|sauces|ketchup|mustard|jam|chocolate|chocolates|sweets|candy|gum|snacks|bars|coffee|tea|beer|beers|lager|lagers|ale|ales|cider|wine|wines|vodka|gin|rum|whisky|whiskey|bourbon|soda|juice|pens|pencils|markers|crayons|box|boxes|pack|packs|kit|kits|set|sets|shoes|trainers|sneakers|boots|jeans|shirts|tshirts|hoodies|toys|doll|dolls|perfume|fragrance|shampoo|soap|lotion|cleaner|glue|tyres|tires|mug|mugs|bottle|bottles|cans|jar|jars|brand|brands|bakery|bakeries|хлеб\p{L}*|батон\p{L}*|булк\p{L}*|соус\p{L}*|пиво|пива|пивом|водк\p{L}*|вино|вина|чипс\p{L}*|конфет\p{L}*|шоколад\p{L}*|печень\p{L}*|сок|сока|чай|чая|кофе|набор\p{L}*|коробк\p{L}*|ручк\p{L}*|кроссовк\p{L}*|бренд\p{L}*)$/u;
/** "you Fokker", «ты Хренов»: a name used to call names. */
const addressWords = new Set('you u ya yall ur ты тебя тебе вы вас вам эй hey'.split(' '));
/** Words after a place name: "Moron de la Frontera", "Fukuoka Airport", "Dildo Island", «Сукино болото». */
const placeAfter =
  /^(?:de|del|della|di|da|do|dos|das|du|des|la|le|les|el|sur|sous|am|an|im|upon|van|von|city|town|village|river|lake|bay|island|islands|county|airport|valley|harbour|harbor|prefecture|province|region|castle|abbey|station|болото|болота|болоте|озеро|озера|озере|урочище|урочища|пруд|пруда|ручей|ручья|овраг|оврага|остров|острова|бор|бора|затон|затона|плес|плеса)$/u;
/**
 * Titles and name particles before a name: "Mr. Dick", "St. Dick", "Sir …", "Van Dyke", "van der …", «господин …»,
 * «фон …» (README "Harmless text", round 3).
 */
const nameBefore =
  /^(?:mr|mrs|ms|miss|mister|dr|doctor|st|saint|sir|dame|lord|lady|prof|professor|rev|reverend|capt|captain|col|colonel|gen|general|lt|sgt|uncle|aunt|herr|frau|monsieur|madame|mme|senor|señor|don|van|von|der|den|ten|ter|vander|mac|mc|господин|госпожа|мистер|миссис|мисс|сэр|доктор|профессор|святой|святого|св|граф|графа|графиня|князь|князя|княгиня|барон|барона|фон|ван|дер|де|дон)$/u;
/** An abbreviated title before a name ("Mr. Dick", "Dr. Dick", «г-н Хренов»): no sentence end. */
const sentenceEnd =
  /((?:(?<!(?:^|[^\p{L}])(?:Mr|Mrs|Ms|Dr|St|Sr|Jr|Prof|Rev|Capt|Col|Gen|Lt|Sgt|Mt|Mme|гн|г-н|св|проф|акад))\.|[!?\n])[.!?\n]*(?:\s+|$))/u;
/**
 * Words before a place name: «село …», «в городе …», «на реке …»; round 7: landforms («пик …», «на гору …», «остров
 * …», «перевал …», «ледник …»).
 */
const placeBefore =
  /^(?:город|города|городе|городом|село|села|селе|селом|деревня|деревни|деревне|деревню|поселок|поселка|поселке|река|реки|реке|реку|озеро|озера|озере|улица|улицы|улице|улицу|станция|станции|аэропорт|аэропорта|аэропорту|пик|пика|пике|пиком|гора|горы|горе|гору|горой|вершина|вершины|вершине|вершину|хребет|хребта|хребте|хребтом|перевал|перевала|перевале|перевалом|остров|острова|острове|островом|полуостров|полуострова|полуострове|мыс|мыса|мысе|мысом|залив|залива|заливе|бухта|бухты|бухте|бухту|долина|долины|долине|долину|ущелье|ущелья|ледник|ледника|леднике|вулкан|вулкана|вулкане|вулканом|плато|массив|массива|массиве|пустыня|пустыни|пустыне|пустыню|городок|городка|городке|городком|деревушка|деревушки|деревушке|деревушку|поселение|поселения|поселении|селение|селения|селении|станица|станицы|станице|станицу|хутор|хутора|хуторе|аул|аула|ауле|кишлак|кишлака|кишлаке|коммуна|коммуны|коммуне|провинция|провинции|провинцию|курорт|курорта|курорте|речка|речки|речке|речку|ручей|ручья|пролив|пролива|проливе|фьорд|фьорда|фьорде|водопад|водопада|водопаде|каньон|каньона|каньоне|province|town|village|city|mount|mt|lake|loch|river|isle|rio|río|lago|laguna|monte|cerro|sierra|pico|isla|ilha|punta|playa|mont|lac)$/u;
/**
 * Round 7: a foreign name that merely holds an obscene root: a capitalised word inside a sentence (not its first word)
 * before «в/во» and a capitalised region («… Хуйтэн в Монгольском Алтае»), spelled as no Russian word is: «э» past
 * its first letter (Mongolian, Buryat, Chinese, Vietnamese names in Russian: Хэнтэй, Тэрэлж, Хуэ).
 */
const foreignSpelling = (t: Token) =>
  /^(?!(?:вы|по)?блэ|\p{L}{0,6}пизд)\p{L}+э/u.test(t.raw.trim().toLowerCase());
/** Round 10: a name's shape beside `capitalised`: a compound of capitalised parts («Хуйтэн-Даба», "Wank-Haus"), a possessive ("Faggin's"). */
const nameShape = /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*(?:['’]s)?$/u;
/** Round 10: landform nouns after a name inside a sentence ("the Wank summit"; not "Fucking mountain road again"). */
const landformAfter =
  /^(?:mountain|mountains|peak|summit|hill|hills|ridge|massif|glacier|range|gorge|canyon|waterfall|falls|hut|trail|saddle|fell|moor)$/u;
/** Round 10: verbs and nouns of travel or ascent before a place, and the particles between ("hike up to the …"). */
const travelVerb =
  /^(?:climb|climbed|climbing|climbs|hike|hiked|hiking|hikes|summit|summited|summiting|ascend|ascended|ascending|ascent|trek|trekked|trekking|scramble|scrambled|ski|skied|skiing|cycle|cycled|cycling|paddle|paddled|kayak|kayaked|sail|sailed|drive|drove|driven|driving|travel|travelled|traveled|travelling|traveling|trip|trips|journey|flight|flights|fly|flew|ferry|bus|coach|train|deliver|delivers|delivered|delivery|ship|ships|shipped|shipping|visit|visits|visited|visiting|tour|tours|подняться|подниматься|поднимаемся|поднимемся|поднялись|поднялся|подъем|подъема|подъеме|восхождение|восхождения|восхождении|взойти|взошли|поход|похода|походе|треккинг|трек|маршрут|маршрута|экскурсия|экскурсию|тур|поездка|поездку|доехать|добраться|долететь)$/u;
const travelParticle =
  /^(?:up|down|to|over|across|around|onto|into|the|top|of|from|на|в|во|до|к|ко|через|по)$/u;

/**
 * Round 5: a place name defined as one at a sentence's start ("Moron is a city in …", "X is a small town near …",
 * «… — город в …»): the place noun after "is a/an" (one adjective between at most) or a dash.
 */
const placeNoun =
  /^(?:city|town|village|suburb|hamlet|municipality|commune|parish|borough|county|district|region|province|locality|neighbourhood|neighborhood|port|river|lake|island|mountain|mount|peak|summit|hill|ridge|massif|glacier|valley|gorge|canyon|pass|fjord|bay|cape|headland|creek|stream|waterfall|falls|lagoon|город|городок|село|деревня|деревушка|поселок|посёлок|река|речка|озеро|остров|район|станица|хутор|гора|пик|вершина|перевал|долина|залив|мыс)$/u;
/** Round 10: a height or size after a place noun in apposition ("the Wank, a mountain 1,780 m high", «вершина высотой 4374 м»). */
const heightWord =
  /^(?:high|tall|long|wide|deep|metres|meters|feet|ft|m|km|высотой|высота|высоты|длиной|глубиной|площадью)$/u;
const placeNounAfter =
  /^(?:in|on|near|of|north|south|east|west|and|with|located|situated|above|below|beyond|overlooking|outside|along|over|between|в|на|под|у|около|близ|над|возле|недалеко)$/u;
/**
 * Round 5: a word mentioned, not used: in quotes, or right after "the word"/«слово», in a sentence about the word's
 * meaning, name or origin («означало», «название», «происходит», "means", "meant", "originally", "etymology"; not
 * "the word" alone: "Can we not use the word …" is still read).
 */
const mentionMarker =
  /(?:^| )(?:означал\p{L}*|означает|означают|значени\p{L}*|назван\p{L}*|называл\p{L}*|называют|называется|этимологи\p{L}*|происходит|происхождени\p{L}*|means|meant|meaning|etymology|derived|derives|originally)(?: |$)/u;
const mentionBefore = /^(?:word|term|слово|термин|словом|слова)$/u;
/**
 * Round 5: a term defined by the sentence: two or three words opening it, then "is when", "refers to", "is a term"…
 * ("Pathetic fallacy is when …"; not a lone "Pathetic is when …"), or «… — (народное) название/термин».
 */
const definedTerm =
  /^\s*[«"“]?(\p{L}[\p{L}'’-]*(?:\s+\p{L}[\p{L}'’-]*){1,2})[»"”]?\s+(?:is when|is what happens when|refers to|is (?:a|the) (?:\p{L}+ )?(?:term|name) for|(?:[—–-]\s+(?:это\s+)?(?:\p{L}+\s+)?(?:название|термин|так называют)))(?![\p{L}])/u;

/**
 * Round 6: words that name a work (a film, a novel, an album, a format) in a sentence: a capitalised run there is a
 * title, wherever it stands and whatever the sentence says of it ("Dumb and Dumber is in the comedy section on
 * Blu-ray", "Bastard Out of Carolina is Dorothy Allison's first novel", "We have Dumb and Dumber on DVD"). Words
 * in their normalised form ("Blu-ray" is "bluray"); not "book", "game", "story", "series", "play" (said of a
 * service too), nor "comedy of" ("a comedy of errors").
 */
const workNoun =
  /(?:^| )(?:film|films|movie|movies|comedy(?! of )|comedies|sitcom|documentary|thriller|thrillers|western|novel|novels|novella|novelist|memoir|memoirs|paperback|paperbacks|hardback|hardcover|audiobook|ebook|bestseller|album|albums|soundtrack|vinyl|lp|dvd|dvds|bluray|sequel|prequel|trilogy|screenplay|musical|фильм\p{L}*|кинофильм\p{L}*|мультфильм\p{L}*|комеди\p{L}*|роман|романа|романе|романом|повест\p{L}*|сериал\p{L}*|альбом\p{L}*|пьес\p{L}*|мюзикл\p{L}*|триллер\p{L}*)(?: |$)/u;
/**
 * Round 6: a title defined at a sentence's start by what it is: up to five words, a dash (a Russian title
 * capitalises its first word only: «Бесславные ублюдки — фильм Тарантино», «Ублюдок — роман Ирвина Уэлша») or,
 * for a capitalised word, "is"/"was" ("Bastards is a 2013 film"), then up to three words and a work noun.
 */
const definedWork =
  /^\s*[«"“]?(\p{L}[\p{L}'’-]*(?:\s+\p{L}[\p{L}'’-]*){0,4})[»"”]?\s+(?:([—–-])|is|was)\s+(?:[\p{L}\d'’-]+\s+){0,3}(?:film|movie|comedy(?!\s+of(?![\p{L}]))|sitcom|documentary|thriller|novel|novella|memoir|album|soundtrack|musical|фильм|кинофильм|мультфильм|комедия|роман|повесть|рассказ|сериал|альбом|пьеса|мюзикл|триллер|песня|сингл|книга|сборник|спектакль|поэма|опера)(?![\p{L}])/u;

/** A word as a literal inside a pattern. */
const escapeRe = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A letter swapped for a digit or a symbol inside the word ("d!ck", "к0зел"): written to insult. */
const disguised = (t: Token) => /\p{L}[!@$*0-9|]+\p{L}/u.test(t.raw);

function entriesFor(form: string): AbuseEntry[] {
  return abuseLexicon.filter((e) => e.re.test(form));
}

/**
 * Every abusive word of the text (as written) with its severity; `skip`: normalised words never counted;
 * `anyContext`: words with a harmless sense count without a person beside them (the model's features only;
 * a harmless context, `unless`, still rules them out).
 */
export function findAbuse(text: string, skip?: (form: string) => boolean, anyContext = false): AbuseHit[] {
  // Clause by clause: a person word in the next clause ("тупой угол, вы правы") says nothing of this one.
  const tokens: Token[] = [];
  const clause: number[] = [];
  const sentence: number[] = [];
  let k = 0;
  // Round 5: each sentence's words in quotes and the words of a term it defines (README "Harmless text").
  const quoted = new Map<number, Set<string>>();
  const defined = new Map<number, Set<string>>();
  // Round 6: the words of a title the sentence defines as a work, and whether a dash defined it (any case).
  const titled = new Map<number, { words: Set<string>; dash: boolean }>();
  const parts: string[] = [];
  text.split(sentenceEnd).forEach((part, n) => {
    if (n % 2) return;
    parts[n] = part;
    const q = new Set<string>();
    for (const m of part.matchAll(/[«"“„]([^«»"“”„\n]{1,80})[»"”“]/gu))
      for (const t of tokenise(m[1]!)) q.add(t.norm);
    quoted.set(n, q);
    const d = definedTerm.exec(part);
    defined.set(n, new Set(d ? tokenise(d[1]!).map((t) => t.norm) : []));
    const w = definedWork.exec(part);
    if (w) titled.set(n, { words: new Set(tokenise(w[1]!).map((t) => t.norm)), dash: !!w[2] });
    // Round 10: a comma between digits is a number's ("the 1,780 m mountain", «1,2 кг»), not a clause's end.
    for (const c of part.split(/(?:;|(?<!\d),|,(?!\d))+/u)) {
      for (const t of tokenise(c)) {
        tokens.push(t);
        clause.push(k);
        sentence.push(n);
      }
      k++;
    }
  });
  const joined = ` ${tokens.map((t) => t.norm).join(' ')} `;
  // A harmless context ("суки и кобели корги", "beef jerky") excuses a word in its own sentence only.
  const sentenceText = (i: number) =>
    ` ${tokens
      .filter((_, j) => sentence[j] === sentence[i])
      .map((t) => t.norm)
      .join(' ')} `;
  const hits: AbuseHit[] = [];
  const near = (i: number) =>
    [i - 2, i - 1, i + 1, i + 2].some(
      (j) => j >= 0 && j < tokens.length && clause[j] === clause[i] && personWords.has(tokens[j]!.norm),
    );
  // "my dog lost her tag", «наша собака»: the speaker's own animal or thing, not a name called.
  const owned = (i: number) => i > 0 && clause[i - 1] === clause[i] && ownerWords.has(tokens[i - 1]!.norm);
  // Round 9: "your dog's anal glands", "my cat's claws", "the pigs' feed": a possessive before a noun of its clause
  // is the animal or thing that owns it, not a name called; not "is"/"has" ("that cow's a liar", "the pig's gone").
  const possessive = (i: number) =>
    /\p{L}(?:['’]s|s['’])$/u.test(tokens[i]!.raw.trim()) &&
    i + 1 < tokens.length &&
    clause[i + 1] === clause[i] &&
    !/^(?:a|an|the|so|such|too|very|not|just|really|always|never|been|got|gone|gonna|going|being|no)$/.test(
      tokens[i + 1]!.norm,
    );
  // "so dumb", "are dumb", "such a jerk" (through an article): said of someone, not the thing sense
  // ("dumb cane").
  const saidOf = (e: AbuseEntry, i: number) => {
    if (!e.after || i < 1 || clause[i - 1] !== clause[i]) return false;
    const j = /^(?:a|an)$/.test(tokens[i - 1]!.norm) ? i - 2 : i - 1;
    return j >= 0 && clause[j] === clause[i] && e.after.test(tokens[j]!.norm);
  };
  // A direct address: the message opens with one or two words closed by a comma or "!" ("Jerks, where is my
  // refund", «Тупорылые!»); for name-calling words only ("Nerd candy, grape" is a product).
  const opening = /^([^,!—–:.?\n]+)[,!]/u.exec(text.trim());
  const openingWords = opening ? tokenise(opening[1]!).length : 0;
  const addressed = (i: number) => openingWords > 0 && openingWords <= 2 && i >= 0 && i < openingWords;
  // A name, not abuse (README "Harmless text", round 2): a capitalised word ("Fokker", not "FOKKER" or
  // "F*cker") with no "you"/«ты» beside it that either matches only by an open stem or a variant spelling
  // (not `exact`) inside a sentence or before another capitalised word ("Fokker Dr.I", «Хренов Иван»), or
  // names a place ("Moron de la Frontera", "Fukuoka Airport", «село …»).
  const names = new Set<string>();
  const isName = (e: AbuseEntry, t: Token, i: number) => {
    // Round 10: a compound of capitalised parts or a possessive is name-shaped too («перевал Хуйтэн-Даба», "Faggin's").
    if (i < 0 || disguised(t) || !(capitalised(t) || nameShape.test(t.raw.trim()))) return false;
    const at = (j: number) =>
      j >= 0 && j < tokens.length && sentence[j] === sentence[i] ? tokens[j] : undefined;
    if ([at(i - 1), at(i + 1)].some((u) => u && addressWords.has(u.norm))) return false;
    // Round 10: the same name again, alone or as a compound's first part ("up the Wank, the mountain above … The
    // Wank is steep", "lunch at the Wank-Haus"): a word this text uses as a name elsewhere.
    if (names.has(t.norm) || names.has(normWord(t.raw.split('-')[0]!)?.norm ?? '')) return true;
    const next = at(i + 1);
    const prev = at(i - 1);
    if ((next && placeAfter.test(next.norm)) || (prev && placeBefore.test(prev.norm))) return true;
    if (prev && next && landformAfter.test(next.norm)) return true;
    // Round 10: a place reached: after a verb of travel or ascent and up to three particles, the name ending its
    // phrase ("climb the Wank on Sunday", "drove up to Fucking to see the sign"; not "fly to Fucking hell"; "hike up to the X", «подняться на X», «восхождение на X»), or a foreign spelling inside a sentence («На Хуйтэн нужен
    // проводник», «к подножию Хуйтэна»; not «ну Блэт»).
    let v = i - 1;
    while (v > i - 4 && at(v) && travelParticle.test(at(v)!.norm)) v--;
    const placeEnds =
      !next ||
      clause[i + 1] !== clause[i] ||
      capitalised(next) ||
      /^\d/.test(next.raw.trim()) ||
      placeNounAfter.test(next.norm) ||
      /^(?:to|for|at|by|from|via|or|is|was|again|today|tomorrow|this|next|every)$/.test(next.norm);
    if (v < i - 1 && at(v) && travelVerb.test(at(v)!.norm) && placeEnds) return true;
    if (prev && foreignSpelling(t)) return true;
    // A name before a bracketed height or number ("The Wank (1,780 m) overlooks Garmisch").
    if (next && new RegExp(`${escapeRe(t.raw.trim())}\\s*\\(\\d`, 'u').test(parts[sentence[i]!] ?? ''))
      return true;
    // Round 8: "the village of Fucking", "the hamlet of Twatt": a place noun, "of", the name.
    const prev2 = at(i - 2);
    if (prev?.norm === 'of' && prev2 && placeNoun.test(prev2.norm)) return true;
    // Round 7: a foreign name before «в <region>», inside a sentence (not «Хуйня в Москве творится»).
    const after = at(i + 2);
    if (prev && next && after && /^(?:в|во)$/u.test(next.norm) && capitalised(after) && foreignSpelling(t))
      return true;
    // Round 3: after a title or a name particle ("Mr. Dick", "Van Dyke", «господин Козлов»).
    if (prev && nameBefore.test(prev.norm)) return true;
    // Round 5: after a capitalised possessive, a word with a thing sense or a mild one ("Offa's Dyke", "Devil's Dyke").
    if (
      prev &&
      (e.sense || e.severity === 'mild' || e.namePart) &&
      /^\p{Lu}\p{Ll}+['’]s$/u.test(prev.raw.trim())
    )
      return true;
    // Round 5: a place defined at a sentence's start ("Moron is a city in …", «… — город в …»).
    if (!prev && next) {
      const words = [1, 2, 3, 4, 5].map((d) => at(i + d)?.norm);
      const p =
        words[0] === 'is' && /^(?:a|an)$/.test(words[1] ?? '')
          ? placeNoun.test(words[2] ?? '')
            ? 3
            : placeNoun.test(words[3] ?? '')
              ? 4
              : 0
          : placeNoun.test(words[0] ?? '') &&
              new RegExp(`^\\s*${escapeRe(t.raw.trim())}\\s+[—–-]\\s`, 'u').test(parts[sentence[i]!] ?? '')
            ? 1
            : 0;
      if (p && (!words[p] || placeNounAfter.test(words[p]!))) return true;
    }
    // Round 9: a name inside a sentence that the next clause calls a place ("up the Wank, the mountain above
    // Garmisch", "flew to Moron, a city in Argentina", «в Хуиттинен, городок в Финляндии»): a comma, an article and
    // up to one word, a place noun, then the clause's end or "in/above/near…" but not "of" ("the mountain of
    // paperwork"); not an address opening the sentence ("Idiots, the town hall never answers").
    // Round 10: up to three modifiers before the noun, a height, a size or adjectives ("the 1,780 m mountain", "a
    // small Austrian village", «высочайшую вершину»; any case form of a landform or settlement noun: `placeBefore`),
    // and after it a name, a number or a height too ("the highest peak of the Alps", «вершина Алтая», «высотой 4374 м»).
    if (prev && next && clause[i + 1] !== clause[i]) {
      const j = /^(?:a|an|the)$/.test(next.norm) ? i + 2 : i + 1;
      const inApposition = (n: number) => clause[n] === clause[i + 1] && !!at(n);
      const modifier = (u: Token) =>
        /^\d/.test(u.raw.trim()) || (/^\p{L}/u.test(u.raw.trim()) && !addressWords.has(u.norm) && !listed(u));
      let noun: number | undefined;
      for (let n = j; n <= j + 3 && inApposition(n) && noun === undefined; n++)
        if (placeNoun.test(at(n)!.norm) || placeBefore.test(at(n)!.norm)) noun = n;
        else if (!modifier(at(n)!)) break;
      const after = noun === undefined ? undefined : at(noun + 1);
      const named = (u: Token | undefined) => !!u && (capitalised(u) || /^\d/.test(u.raw.trim()));
      if (
        noun !== undefined &&
        (!after ||
          clause[noun + 1] !== clause[noun] ||
          named(after) ||
          heightWord.test(after.norm) ||
          (after.norm === 'of'
            ? named(at(at(noun + 2)?.norm === 'the' ? noun + 3 : noun + 2))
            : placeNounAfter.test(after.norm)))
      )
        return true;
    }
    // Round 10: a brand beside a product noun, up to two words after it or just before it ("Bimbo sandwich bread",
    // "Loser Lager", "Moron brand pens", «чипсы Лох»): a capitalised mild word ("you" beside it is not; not a severe
    // name part: "Hoe Candy" on the davidson tuning part is the insult).
    if (e.severity === 'mild') {
      const product = (n: number) => clause[n] === clause[i] && productNoun.test(at(n)?.norm ?? '');
      if (product(i + 1) || product(i + 2) || product(i - 1)) return true;
    }
    // Round 4: severe words that may be a name's part too (Pussy Riot, Plymouth Hoe: `namePart`).
    if ((e.severity === 'mild' || e.namePart) && inNameRun(i)) return true;
    // Round 10: not in the message's opening address ("Marcel Bich, answer me").
    if (!e.exact || addressed(i) || forms(t, text).some((f) => e.exact!.test(f))) return false;
    // A variant spelling is a name inside a sentence ("co-founded by Marcel Bich", "Silicon by Federico Faggin"; round
    // 10: after an initial, which the sentence split reads as an end: "M. Bich"), or at its start before another word
    // of its clause ("Fokker triplane kit"; round 3; not "Fokker, where is my order") unless it reads as a verb's form
    // ("Fokking hell"; round 10: a possessive is none, "Faggin's 4004").
    const initial = i > 0 && /^\p{Lu}\.?$/u.test(tokens[i - 1]!.raw.trim());
    return (
      !!prev ||
      initial ||
      (!!next &&
        clause[i + 1] === clause[i] &&
        (/['’]s$/.test(t.raw.trim()) || !/(?:ing|in|ed)$/.test(t.norm)))
    );
  };
  // A sentence written in lower case: two lower-case words at least, and half as many as capitalised ones.
  const lowerCase = (i: number) => {
    const words = tokens.filter((_, j) => sentence[j] === sentence[i]);
    const lower = words.filter((u) => /^\p{Ll}/u.test(u.raw)).length;
    return lower >= 2 && 2 * lower >= words.filter(capitalised).length;
  };
  const listed = (u: Token) => forms(u, text).some((f) => entriesFor(f).length > 0);
  // Round 3: a mild word capitalised inside a run of capitalised words past the sentence's first word ("The
  // Suffering Bastard", "Fat Bastard Shiraz"; not an @name or a #tag), in a sentence written in lower case (not
  // a title-cased "You Lying Bastard"), with no "you" or person word in the run or just beside it, and one word
  // of the run not a listed one. Severe words (obscenity, slurs) are never excused so.
  const inNameRun = (i: number) => {
    const first = sentence.indexOf(sentence[i]!);
    // Round 5: a run may open the sentence (a title: "Reservoir Dogs and Dumb and Dumber are…", "Bastard Out of
    // Carolina by Dorothy Allison…") when its first word is no listed one or a work's author follows ("by" and a
    // capitalised word), and it holds three capitalised words or the author; checked below.
    const cap = (j: number) =>
      j >= first &&
      j < tokens.length &&
      sentence[j] === sentence[i] &&
      capitalised(tokens[j]!) &&
      !disguised(tokens[j]!) &&
      !/^[@#]/.test(tokens[j]!.raw);
    // Round 4: a title's run goes on across "of", "the", "and" ("The Prick of Conscience", "Bastard of the Year").
    const joiner = (j: number) =>
      j > first &&
      j < tokens.length &&
      sentence[j] === sentence[i] &&
      /^(?:of|the|and)$/.test(tokens[j]!.raw);
    const step = (j: number, d: 1 | -1) => {
      if (cap(j + d)) return j + d;
      let k = j + d;
      for (let n = 0; n < 2 && joiner(k); n++) k += d;
      return k !== j + d && cap(k) ? k : j;
    };
    let a = i;
    let b = i;
    for (let s = step(a, -1); s !== a; s = step(a, -1)) a = s;
    for (let s = step(b, 1); s !== b; s = step(b, 1)) b = s;
    if (b === a || !lowerCase(i)) return false;
    const run = tokens.slice(a, b + 1);
    // Round 6: a sentence that names a work (a film, a novel, a format) holds a title, even one of listed words
    // only ("Dumb and Dumber is in the comedy section"), when no "you"/«ты» is in the sentence and the run is no
    // address (a word of its clause follows it: not "Dumb and Dumber, answer me").
    const work =
      workNoun.test(sentenceText(i)) &&
      !tokens.some((u, j) => sentence[j] === sentence[i] && addressWords.has(u.norm)) &&
      b + 1 < tokens.length &&
      clause[b + 1] === clause[b];
    if (a === first && !work) {
      const by =
        b + 2 < tokens.length &&
        sentence[b + 2] === sentence[i] &&
        tokens[b + 1]!.norm === 'by' &&
        capitalised(tokens[b + 2]!);
      if (!(by || (!listed(tokens[first]!) && run.filter(capitalised).length >= 3))) return false;
    }
    const beside = [a - 1, b + 1].filter((j) => j >= 0 && j < tokens.length && sentence[j] === sentence[i]);
    const person = (u: Token) => addressWords.has(u.norm) || (personWords.has(u.norm) && !listed(u));
    if ([...run, ...beside.map((j) => tokens[j]!)].some(person)) return false;
    return work || run.some((u) => capitalised(u) && !listed(u));
  };
  // Round 5: a word mentioned, not used (README "Harmless text"): in quotes or after "the word"/«слово» in a
  // sentence about words («в текстах «блядословие» означало…», ««Сучье вымя» — народное название…»), or part of a
  // term the sentence defines ("Pathetic fallacy is when…"); never with "you"/«ты» in the sentence.
  const mentioned = (t: Token, i: number) => {
    if (i < 0) return false;
    const n = sentence[i]!;
    if (tokens.some((u, j) => sentence[j] === n && addressWords.has(u.norm))) return false;
    if (defined.get(n)?.has(t.norm)) return true;
    // Round 6: a title defined as a work, by a dash, or by "is/was" when written with a capital ("Bastards is a
    // 2013 film"; not "that bastard is a film critic").
    // The model's features (`anyContext`) still see the word, as before this rule.
    const w = titled.get(n);
    if (!anyContext && w?.words.has(t.norm) && (w.dash || capitalised(t))) return true;
    if (!mentionMarker.test(sentenceText(i))) return false;
    const prev = i > 0 && sentence[i - 1] === n ? tokens[i - 1] : undefined;
    return !!quoted.get(n)?.has(t.norm) || (!!prev && mentionBefore.test(prev.norm));
  };
  const consider = (t: Token, i: number) => {
    for (const f of forms(t, text))
      for (const e of entriesFor(f)) {
        if (skip?.(f) || skip?.(t.norm)) return;
        if (e.unless?.test(i < 0 ? joined : sentenceText(i))) continue;
        if (mentioned(t, i)) continue;
        // A harmless sense shown by the sentence (a basalt dyke): a `person` word there.
        const person = e.person || (i >= 0 && !!e.sense?.test(sentenceText(i)));
        if (
          !anyContext &&
          person &&
          !disguised(t) &&
          (i < 0 || !(near(i) || saidOf(e, i) || (e.insult && addressed(i))) || owned(i) || possessive(i))
        )
          continue;
        if (isName(e, t, i)) continue;
        // Part of a thing's name with the next word (bastard toadflax, «козлиная борода», «ущербная луна») or the
        // word before (the laughing jackass; not "you laughing jackass").
        const sameClause = (j: number) => j >= 0 && j < tokens.length && clause[j] === clause[i];
        // The word before (or, round 10, before an article: "sold a dummy"), itself not after "you".
        const thingBefore = (prev: RegExp, j: number, article?: boolean): boolean =>
          sameClause(j) &&
          (prev.test(tokens[j]!.norm)
            ? !(sameClause(j - 1) && addressWords.has(tokens[j - 1]!.norm))
            : !!article && /^(?:a|an|the)$/.test(tokens[j]!.norm) && thingBefore(prev, j - 1));
        if (
          i >= 0 &&
          thingNames.some(
            (n) =>
              n.word.test(t.norm) &&
              (n.next
                ? sameClause(i + 1) &&
                  n.next.test(tokens[i + 1]!.norm) &&
                  !(sameClause(i - 1) && addressWords.has(tokens[i - 1]!.norm))
                : !!n.prev && thingBefore(n.prev, i - 1, n.article)),
          )
        )
          continue;
        if (
          e.alone &&
          i >= 0 &&
          i + 1 < tokens.length &&
          clause[i + 1] === clause[i] &&
          !e.alone.test(tokens[i + 1]!.norm)
        )
          continue;
        hits.push({
          term: t.raw.trim(),
          form: f,
          severity: e.severity,
          ...(e.insult ? { insult: true } : {}),
        });
        return;
      }
  };
  // Round 10: the words this text uses as names (`isName`), so that the same name again is one too.
  tokens.forEach((t, i) => {
    if (forms(t, text).some((f) => entriesFor(f).some((e) => isName(e, t, i)))) names.add(t.norm);
  });
  tokens.forEach((t, i) => consider(t, i));
  for (const t of spacedWords(tokens)) consider(t, -1);
  for (const p of abusePhrases) {
    const m = p.re.exec(joined);
    if (m) hits.push({ term: m[0].trim(), form: m[0].trim(), severity: p.severity });
  }
  return hits;
}

export function abuseSeverity(hits: AbuseHit[]): AbuseSeverity {
  return hits.reduce<AbuseSeverity>((s, h) => maxSeverity(s, h.severity), 'none');
}

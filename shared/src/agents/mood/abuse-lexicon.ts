// Abusive words, Russian and English, as whole-word patterns over normalised words (normalise.ts): a
// pattern matches the whole word, so the stem inside a harmless word ("хлеба", "ребята", "dumbbells",
// "flame-retardant", "psychologist") never matches. `person`: the word has a harmless sense too ("тупой
// угол", "вата", "козёл"), so it counts only next to a person ("ты тупой", "you are trash"). `unless`:
// words of the message that show the harmless sense ("суки и кобели корги", "garden hoe").

export type AbuseEntry = {
  re: RegExp;
  severity: 'mild' | 'severe';
  person?: boolean;
  unless?: RegExp;
  /** Name-calling (an insult word, not obscenity): a message that opens with it is abuse (read-mood.ts). */
  insult?: boolean;
  /** For a `person` word: the word just before it that makes it an insult without a person ("so dumb"). */
  after?: RegExp;
  /**
   * The word's usual spellings. A capitalised word inside a sentence that `re` matches only by an open stem or
   * a variant spelling, not by one of these, is a name ("Fokker", "Fukuoka", «Ольга Хренова»): abuse.ts.
   */
  exact?: RegExp;
  /**
   * Words of a sentence that show the word's harmless sense (a basalt dyke, a sea dyke): there it counts only
   * next to a person or said of someone, as a `person` word does; elsewhere as usual.
   */
  sense?: RegExp;
  /** The word counts only at the end of its clause or before one of these words (an order, not a plain verb). */
  alone?: RegExp;
  /**
   * A severe word that may be part of a name written with capitals (Pussy Riot, Plymouth Hoe): excused inside a
   * capitalised run as mild words are (abuse.ts `inNameRun`).
   */
  namePart?: boolean;
};

// Russian verb prefixes before an obscene root (на-хуй, за-ебал, от-пиздить, вы-бля-док...).
const P =
  '(?:на|за|от|ото|отъ|вы|до|по|при|раз|разъ|рас|у|о|об|объ|съ|под|подъ|в|въ|вз|взъ|из|изъ|пере|про|недо|а|ни|не)?';
// The same without в-, ни-, не- before е (вебинар, небо).
const PE = '(?:на|за|от|ото|отъ|вы|до|по|при|раз|разъ|рас|у|о|объ|съ|подъ|въ|взъ|изъ|пере|про|недо)?';
/**
 * Wood: "сучья и ветки", "сучки на доске" (сук, сучок: a branch, a knot; «сучка» is also the genitive of сучок);
 * round 8: pruning («сухие сучья обрезайте секатором», «спилите», «до сокодвижения», «крона», «яблоня»),
 * the idiom «без сучка и задоринки» (flawless), joinery words (столяр, плотник, фанера, строганая доска).
 */
const wood =
  /(?:^| )(?:доск\p{L}*|ветк\p{L}*|ветв\p{L}*|дерев\p{L}*|древесин\p{L}*|бревн\p{L}*|пил\p{L}*|дров\p{L}*|брус\p{L}*|вагонк\p{L}*|сосн\p{L}*|ел[ьи]|сад\p{L}*|участк\p{L}*|сучкорез\p{L}*|обрезк\p{L}*|обреза\p{L}*|секатор\p{L}*|спил\p{L}*|сокодвижени\p{L}*|крон[аеуы]|кроной|яблон\p{L}*|кор[аы]|задоринк\p{L}*|сучков\p{L}*|столяр\p{L}*|плотни\p{L}*|фанер\p{L}*|древесн\p{L}*|строган\p{L}*|лиственниц\p{L}*)(?: |$)/u;
/** "упал с сука", "сидит на суку": the genitive and locative of сук (a branch). */
const branch = /(?:^| )(?:с|на|от|со) сук[ау](?: |$)/u;
const dogs =
  /(?:^| )(?:кобел|щен|пород|питомник|вязк|собак|пес |псов|сук[аи]? корги|корги|помет|дог|терьер|овчарк|лаек|лайк|течк|выставк|кинолог|вольер|случк|ркф|заводчик|производител)/;
/**
 * Round 9: dog breeding too (a bitch in season or on heat, spayed, mated, whelped, her pups, breeds by name); not "dam",
 * "pup" or "vet(s)", which davidson's tweets use beside the insult ("dam bitch", "disabled vet bitch").
 */
const dogsEn =
  /\b(?:dog|dogs|puppy|puppies|pups|litter|litters|breed|breeds|breeding|breeder|breeders|kennel|kennels|sire|whelp|whelps|whelped|whelping|stud|mated|mating|spay|spayed|spaying|neuter|neutered|neutering|in season|first season|her season|on heat|in heat|veterinary|corgi|retriever|terrier|spaniel|collie|labrador|poodle|beagle|dachshund|greyhound|whippet|hound|hounds|pedigree)\b/;

/**
 * English inflections and the usual abusive compounds after a whole English word: "twats", "wankers",
 * "cuntface", never a longer word that merely begins with it ("Wankel", "Twatt", "Psychology", "niggling").
 */
const EN =
  '(?:s|es|ed|d|er|ers|ing|in|y|ie|ies|ish|face|faces|head|heads|bag|bags|wad|wads|stain|stains|hole|holes)?';

/** Things named by an English insult word (jerk chicken, a sucker rod, an idiot light, a dumb phone), titles,
 * the literal verb (a pump sucks air) and a physics term. */
const thingsEn =
  /\b(?:beef|jerky|chicken|pork|seasoning|spice|marinade|vacuum|pump|pumps|straw|straws|lollipop|lollipops|suction|cup|cups|hook|hooks|crash test|mannequin|tailor|rod|rods|feeder|light|proof|phone|phones|waiter|bell|bells|shake|shakes|film|movie|novel|album|song|single|vinyl|edition|dvd|soundtrack|lyrics|acceleration|physics|court costs)\b|\bsucks? (?:air|water|up|in|out|dust|dirt|liquid)\b/;

/** Words that show a thing sense of the severe English words (a garden hoe, a stopcock, blue tits, pussy willow). */
const severeThings =
  /\b(?:garden|gardening|soil|weed|weeds|weeding|rake|tool|tools|blade|handle|draw|dutch|stirrup|scuffle|hand|steel|rooster|hen|hens|chicken|chickens|poultry|valve|stopcock|tap|willow|moby|philip|bird|birds|blue|great|coal|laude)\b/;

/** Round 5: words of a sentence about birds (long-tailed tits at the suet feeder; not "flock", "chicks", "nest"). */
const birdsEn =
  /\b(?:longtailed|crested|bearded|penduline|marsh|feeder|feeders|suet|birdseed|nestbox|nestboxes|fledgling|fledglings|songbird|songbirds|birdsong|birdwatching|birdwatcher|birdwatchers|birder|birders|birding|rspb|plumage|sparrow|sparrows|finch|finches|wren|wrens|chickadee|chickadees|titmouse|nuthatch|nuthatches|warbler|warblers|species)\b/;

/**
 * Round 6: words of a sentence about a bird's crest or a tuft of hair (the harmless senses of «хохол»): birds, their
 * feathers, wings and beaks, and hair (волосы, макушка, чуб, чёлка, вихор, причёска, расчёска).
 */
export const crestSense =
  /(?:^| )(?:птиц\p{L}*|птич\p{L}*|птен\p{L}*|пер[оья]|перь\p{L}*|перьев|оперени\p{L}*|крыл\p{L}*|клюв\p{L}*|гнезд\p{L}*|попуга\p{L}*|какаду|удод\p{L}*|жаворон\p{L}*|сойк\p{L}*|свиристел\p{L}*|чибис\p{L}*|цапл\p{L}*|павлин\p{L}*|хохлат\p{L}*|хохолок|хохолк\p{L}*|волос\p{L}*|прическ\p{L}*|макушк\p{L}*|темечк\p{L}*|затылк\p{L}*|чуб|чуба|чубом|челк\p{L}*|вихор|вихр\p{L}*|пряд[ьи]\p{L}*|расческ\p{L}*|парикмахер\p{L}*)(?: |$)/u;

export const abuseLexicon: AbuseEntry[] = [
  // --- Russian obscenity (мат) ---
  { re: new RegExp(`^${P}х[уy][йяеюиё]`), severity: 'severe' },
  { re: /^\p{L}{0,6}п[иеë]зд/u, severity: 'severe' },
  {
    re: new RegExp(
      `^${PE}[её]б(?:а|у|ё|е[тш]|л|и|ну|ы|ись|ок|уч|ош|ыр|ищ|ун)|^(?:вы|за|на|от|отъ|до|по|при|разъ|у|съ|объ|подъ|въ|изъ|взъ|про|пере|недо)[её]б`,
    ),
    severity: 'severe',
  },
  { re: /долб[оа][её]б|^[её]б[аи]ть|^[её]бан|^[её]бну|^[её]бл[оаи]|^[её]бн/, severity: 'severe' },
  // A word glued to the obscene root by a linking vowel ("нищеёбы", "мудоёб", masked "дол..еб").
  { re: /^\p{L}{2,}[оеа][её]б(?:|а|у|е|ом|ы|ов|ам|ами|ах|ищ\p{L}*)$/u, severity: 'severe' },
  { re: /^(?:вы|по|)бл[яэ](?:$|д|ть|т$|тский)|^бляд|^блят/, severity: 'severe' },
  {
    re: /^(?:с+ука|суки|суку|сукой|сучар\p{L}*|сучка|сучки|сучку|сучкой|сучек|сукин\p{L}*|сучий|сучья|сучье|сученыш\p{L}*|сучонок|сучат\p{L}*)$/u,
    severity: 'severe',
    unless: new RegExp(`${dogs.source}|${wood.source}|${branch.source}`, 'u'),
  },
  { re: /^(?:мудак\p{L}*|мудач\p{L}*|мудил\p{L}*|мудозвон\p{L}*|мудень|мудоеб\p{L}*)$/u, severity: 'severe' },
  { re: /^г[ао]нд[оа]н\p{L}*/u, severity: 'severe' },
  {
    re: /^(?:залуп\p{L}*|манд[аеуы]|мандой|мандавош\p{L}*|шлюх\p{L}*|шалав\p{L}*|прошмандов\p{L}*)$/u,
    severity: 'severe',
    // Манду: Korean dumplings.
    unless:
      /(?:^| )(?:корейск\p{L}*|пельмен\p{L}*|вареник\p{L}*|пар[уе]|пароварк\p{L}*|начинк\p{L}*|фарш\p{L}*|капуст\p{L}*|свинин\p{L}*|говядин\p{L}*|курин\p{L}*|кимчи|соус\p{L}*|шт|штук\p{L}*|заморож\p{L}*|блюд\p{L}*|меню|порци\p{L}*|жарен\p{L}*|вкусн\p{L}*)(?: |$)/u,
  },
  {
    re: /^(?:пид[оа]р\p{L}*|пидр\p{L}*|педик(?:|а|у|ом|е|и|ов|ам|ами|ах)|педераст\p{L}*|пидарас\p{L}*|пидорас\p{L}*|гомик\p{L}*)$/u,
    severity: 'severe',
  },
  {
    // Дрочёна (a dish) in every case form (дрочёну, дрочёной, дрочён...) is the dish, whatever the sentence.
    re: /^(?:дроч(?!ен(?:а|ы|е|у|ой|ою|ам|ами|ах)?$)\p{L}*|задрот\p{L}*|вздроч\p{L}*)$/u,
    severity: 'severe',
    // Дрочёна, an old Russian dish of eggs, milk and flour.
    unless:
      /(?:^| )(?:блюд\p{L}*|запек\p{L}*|печи|печь|духовк\p{L}*|яиц|яйц\p{L}*|молок\p{L}*|мук\p{L}*|рецепт\p{L}*|кухн\p{L}*|омлет\p{L}*|выпечк\p{L}*|запеканк\p{L}*|творог\p{L}*|каш\p{L}*|старинн\p{L}*)(?: |$)/u,
  },
  {
    re: /^(?:на|по|за|от|)хер(?:$|а|ом|ов|ня|ни|ню|ней|ово|ов[оаы]я?|ач\p{L}*|ну\p{L}*|ь)$/u,
    severity: 'mild',
  },
  {
    re: /^(?:хренов\p{L}*|хреново|хрень|хрен[ия]|нахрен|похрен|хренот\p{L}*)$/u,
    severity: 'mild',
    // Хреновуха (a horseradish vodka) and хреновина (a horseradish relish) in a sentence about food or drink.
    unless:
      /(?:^| )(?:хреновух\p{L}*|настойк\p{L}*|помидор\p{L}*|томат\p{L}*|чеснок\p{L}*|острая|острый|остр\p{L}*|соус\p{L}*|закуск\p{L}*|банк[аиу]|меду|мед|домашн\p{L}*|рецепт\p{L}*|навынос)(?: |$)/u,
    exact:
      /^(?:хреново|хрень|хрен[ия]|нахрен|похрен|хренот\p{L}*|хренов(?:ый|ая|ое|ые|ого|ой|ому|ым|ую|ых|ыми|ину|ина|ины|иной))$/u,
  },
  {
    re: /^(?:говн\p{L}*|гавн\p{L}*|дерьм\p{L}*|засран\p{L}*|обосра\p{L}*|обосрал\p{L}*|сраный|сраная|сраное|сраные|сраных|сраным|сраной|высрал\p{L}*|высрать|насрать|насрал\p{L}*|срать|срет|срут|срал\p{L}*|усрал\p{L}*|жоп[аеуыо]\p{L}*|жопой|говноед\p{L}*|херовый|херово|хуево)$/u,
    severity: 'mild',
  },
  { re: /^\p{L}*говн[оа]\p{L}*$|^говно\p{L}+/u, severity: 'mild' },
  { re: /^(?:гребан\p{L}*|гребан|грёбан\p{L}*|ебуч\p{L}*|ебуч)$/u, severity: 'mild' },
  { re: /^(?:охуе\p{L}*|охуи\p{L}*|ахуе\p{L}*|ахуи\p{L}*)$/u, severity: 'severe' },
  { re: /^(?:пох|похер|пофиг)$/u, severity: 'mild', person: true },
  // Not стерлядь (the sterlet, a fish), the one common noun that ends so.
  { re: /^(?!стерлядь$)\p{L}{2,}лядь$|^кремлядь\p{L}*/u, severity: 'severe' },
  {
    re: /^(?:хрюкал\p{L}*|ссыклив\p{L}*|ссыкло|ссыкун\p{L}*|зоофил\p{L}*|мракобес(?!и[еяюй])\p{L}*|проститутк\p{L}*|заднеприводн\p{L}*|кремлесвин\p{L}*|рукожоп\p{L}*|жополиз\p{L}*)$/u,
    severity: 'mild',
  },
  {
    re: /^(?:стадо|стада|наркоман|наркоманка|наркоманы|алкаш|алкаши|алкашня)$/u,
    severity: 'mild',
    person: true,
  },
  // --- Russian insults ---
  {
    re: /^(?:дебил(?!ьност)\p{L}*|идиот(?!и[яиюей]$)\p{L}*|мраз[иьью]\p{L}*|мразот\p{L}*|чмо|чмошни\p{L}*|чмы|чмошн\p{L}*|урод|урода|уроду|уродом|уроды|уродов|уродам|уродами|уродин\p{L}*|уродец|уродищ\p{L}*|дура|дуры|дурой|дуре|дуру|дурачок|дурачье|дурень|кретин(?!изм)\p{L}*|придур\p{L}*|сволоч\p{L}*|ублюд\p{L}*|выродк\p{L}*|выродок|ублюдк\p{L}*|падл[аеуы]|падлой|паскуд\p{L}*|ничтожеств\p{L}*|дегенерат(?!ивн)\p{L}*|имбецил(?!ьност)\p{L}*|олигофрен(?!и[яиюей]$)\p{L}*|лошар\p{L}*|быдл\p{L}*|отморозк\p{L}*|отморозок|мерзавц\p{L}*|мерзавец|негодя\p{L}*|подонок|подонк\p{L}*|ушлепок|ушлепк\p{L}*|ублюдина|уебок|уебк\p{L}*|говнюк\p{L}*|засранец|засранц\p{L}*|козлин\p{L}*|конченн?(?:ый|ая|ое|ые|ого|ым|ых|ому|ой|ую)|шизоид\p{L}*|шизик\p{L}*|шиза|шизы|дибил\p{L}*|дэбил\p{L}*|тупиц\p{L}*|тупоголов\p{L}*|тупорог\p{L}*|недоумок|недоумк\p{L}*|недоносок|недоноск\p{L}*|убожеств\p{L}*|ущербн\p{L}*|отсталый|отсталые|тупица|бестолоч\p{L}*|шавк\p{L}*|гаденыш\p{L}*|сволота|сброд|выпердыш\p{L}*|высер\p{L}*|чушпан\p{L}*|петушар\p{L}*)$/u,
    severity: 'mild',
    insult: true,
  },
  // Гниды are nits, the eggs of lice («средство от вшей и гнид»).
  {
    re: /^(?:гнид[аеуыо]\p{L}*|гнидой)$/u,
    severity: 'mild',
    insult: true,
    unless:
      /(?:^| )(?:вш\p{L}*|вошь|вошей|педикулез\p{L}*|расческ\p{L}*|гребен\p{L}*|шампун\p{L}*|лосьон\p{L}*|спре[йя]\p{L}*|волос\p{L}*|яйц\p{L}*|личин\p{L}*|паразит\p{L}*|аптек\p{L}*|средств\p{L}*|обработк\p{L}*)(?: |$)/u,
  },
  // «Тварь» is also any creature: «всякой твари по паре» (Noah's ark), «божья тварь», «морские твари».
  {
    re: /^(?:тварь|твари|тварей|тварью|тварина)$/u,
    severity: 'mild',
    insult: true,
    unless:
      /(?:^| )(?:всяк\p{L}*|по паре|ковчег\p{L}*|божь\p{L}*|божи\p{L}*|земн\p{L}*|морск\p{L}*|лесн\p{L}*|живы\p{L}*|бессловесн\p{L}*)(?: |$)/u,
  },
  {
    re: /^(?:дурак|дурака|дураку|дураком|дураки|дураков|дуракам|козлы|козлов|козлам|совок|совки|совков\p{L}*|ватник|ватника|ватнику|ватником|ватнике|ватников|тупой|тупая|тупое|тупые|тупых|тупым|тупого|тупую|тупица|туп|тупо|глупый|глупая|глупые|дурной|дурная|больной|больная|больные|ненормальн\p{L}*|псих|психи|психов|козел|козла|козлу|козлом|свинья|свиньи|свиней|свинота|баран|бараны|баранов|овца|овцы|осел|осла|ишак|олень|олени|крыса|крысы|крыс|собака|собаки|пес|тормоз|тормоза|даун|дауны|даунов|вата|ватой|ватник\p{L}*|укроп|укропы|чурбан\p{L}*|мусор|мусора|вор|воры|ворье|жулик\p{L}*|мошенник\p{L}*|нищеброд\p{L}*|клоун|клоуны|обезьяна|обезьяны|петух|дятел|дятлы|совок|совки|хамло|хам|хамы|бомж\p{L}*|тряпк\p{L}*|сопляк\p{L}*|молокосос\p{L}*|сосунок|овощ|овощи)$/u,
    severity: 'mild',
    person: true,
  },
  // Slurs (nationality, ethnicity, orientation) and political name-calling seen in public comments.
  {
    re: /^(?:хохляцк\p{L}*|хохлушк\p{L}*|хохлят(?!ся)\p{L}*|жид|жида|жиды|жидов\p{L}*|жидяр\p{L}*|хач|хачи|хача|хачей|хачик\p{L}*|пиндос\p{L}*|пендос\p{L}*|черножоп\p{L}*|нерусь|чучмек\p{L}*|узкоглаз\p{L}*|москал\p{L}*|кацап\p{L}*|рашист\p{L}*|рашк\p{L}*|либераст\p{L}*|либерах\p{L}*|кремлебот\p{L}*|ватан\p{L}*|ватнут\p{L}*|путиноид\p{L}*|путлер\p{L}*|хохлобандер\p{L}*|бандерлог\p{L}*|бандеровц\p{L}*|свидомит\p{L}*|укрофашист\p{L}*|пидорашк\p{L}*|лахтотруженик\p{L}*|ольгинец\p{L}*|ботш\p{L}*|ботяр\p{L}*|ботовод\p{L}*|хохлин\p{L}*|жидобандер\p{L}*|хохловермахт\p{L}*|пидорах\p{L}*|педераст\p{L}*)$/u,
    severity: 'severe',
  },
  // Round 6: «хохол» is also a bird's crest and a tuft of hair («удода узнают по хохлу», «хохол у какаду», «хохол
  // на макушке»): in a sentence with bird, feather or hair words it is the slur only next to a person («ты хохол») or opening
  // the message as an address («Хохлы, у вас даже волосы…»).
  {
    re: /^(?:хохол|хохла|хохлу|хохлом|хохле|хохлы|хохлов|хохлам|хохлами|хохлах)$/u,
    severity: 'severe',
    // Name-calling: a message that opens by it («Хохлы, …») is aimed at the reader.
    insult: true,
    sense: crestSense,
  },
  // «Чурка» is a block of wood too («берёзовые чурки для камина»): the slur only next to a person
  // ("вы чурки"), never in a sentence about wood.
  {
    re: /^(?:чурк[аиуеой]|чурок|чуркам|чурками|чурках|чуркой)$/u,
    severity: 'severe',
    person: true,
    unless: new RegExp(
      `${wood.source}|(?:^| )(?:берез\\p{L}*|дуб\\p{L}*|осин\\p{L}*|ольх\\p{L}*|колот\\p{L}*|колк\\p{L}*|топор\\p{L}*|камин\\p{L}*|печ[иьк]\\p{L}*|бан[иья]\\p{L}*|растопк\\p{L}*|сетк\\p{L}*|влажност\\p{L}*|мангал\\p{L}*|коптильн\\p{L}*|щеп\\p{L}*)(?: |$)`,
      'u',
    ),
  },
  // Name-calling of online comments: propaganda, perversion and serfdom words, distorted country names.
  {
    re: /^(?:пропагандон\p{L}*|пропогандон\p{L}*|глиномес\p{L}*|извращен(?:ец|ца|цу|цем|цы|цев|цам|ка|ки)|быдлан\p{L}*|хохел|укроин\p{L}*|усраин\p{L}*|украишк\p{L}*|укропит\p{L}*|эрэфи\p{L}*|путриот\p{L}*|путириот\p{L}*|пу[тй]инойд\p{L}*|рашк[аеиуо]|скотобаз\p{L}*)$/u,
    severity: 'mild',
  },
  {
    re: /^(?:скотина|скотиной|скотину|скоты|лох|лоха|лохи|лохов|лохам|гад|гады|гадина|гадины|холоп|холопы|холопов|клоун|клоуны|клоуна|клоунов|чучело|чучела|помойка|помойки|соска|соски|дурка|дурке|дурку|дурки|нищеброд\p{L}*|шавк\p{L}*|отупел\p{L}*|тормознут\p{L}*)$/u,
    severity: 'mild',
    person: true,
  },
  // Threats and orders to shut up.
  {
    re: /^(?:убью|убьем|прибью|закопаю|урою|сдохни|сдохните|сдохнешь|сдохли|подохни|подыхай|заткнись|заткнитесь|завали|завались|проваливай|выпились|вскройся|сдохнуть)$/u,
    severity: 'severe',
  },
  // Orders to go away that are also plain verbs (roll, dump, come off): «катись на коньках», «свали листья в
  // кучу», «ручка отвалилась»: an order only at the end of its clause or before «отсюда», «вон», «к чёрту»...
  {
    re: /^(?:отвали|отвалите|свали|свалите|катись|катитесь)$/u,
    severity: 'severe',
    alone:
      /^(?:отсюда|вон|нахуй|нахер|нахрен|подальше|давай|быстро|уже|ты|вы|к|ко|от|колбаской|по-хорошему|поздорову|со|с|лесом|в)$/u,
  },
  {
    re: /^(?:соси|сосите|отсоси\p{L}*|пососи\p{L}*|соснул\p{L}*|соснешь|соснете)$/u,
    severity: 'severe',
    // Lozenges and tablets are sucked ("сосите таблетку до растворения").
    unless:
      /(?:^| )(?:таблетк\p{L}*|леденц\p{L}*|пастилк\p{L}*|язык\p{L}*|растворен\p{L}*|конфет\p{L}*|соск\p{L}*|молок\p{L}*|сок|сока|трубочк\p{L}*)(?: |$)/u,
  },
  // --- English obscenity ---
  {
    re: /^(?:mother|motha|mutha)?f+(?:u|v|a|o|\*)?c?k+(?:ing|in|ed|er|ers|s|face|head|wit|tard|off|boy|up)?$|^f+u+c*k+\w*$|^(?:fck|fcking|fckin|fk|fking|fkn|fuk|fuking|fukin|fuq|phuck|phuk|fucc|fukk|effing|stfu|gtfo|wtf|mf|mfs|mofo|fukn)$/,
    severity: 'severe',
    // "Fokker" (an aircraft maker), "Fukuoka", "Fukui": a vowel variant or an open stem only.
    exact:
      /^(?:mother|motha|mutha)?f+u+c+k+\w*$|^(?:mother|motha|mutha)?f+u+k+(?:s|er|ers|ing|in|ed|n|face|head|wit|wits|tard|off|up)?$|^(?:fck|fcking|fckin|fk|fking|fkn|fuq|phuck\w*|phuk\w*|fucc\w*|effing|stfu|gtfo|wtf|mf|mfs|mofo)$/,
  },
  {
    re: /^(?:bull|horse|dip|chicken|ape|bat|holy|dog)?sh(?:i|!|1)t+(?:s|ty|tier|ter|head|heads|hole|show|face|faced|bag|load|ting|tin|z)?$|^(?:sh\*t|shyt|shiit)$/,
    severity: 'mild',
  },
  {
    re: new RegExp(
      `^(?:cunt${EN}|cocksuck(?:a|as|er|ers|ing|in)|dickhead${EN}|dickface|twat${EN}|wank${EN}|blowjob${EN}|titties|titty|boobs|slut${EN}|slutty|sluttier|sluttiest|whore${EN}|skank${EN}|hoez|hoeing|thot|thots|biatch|biotch|bytch|bitchass|sonofabitch)$`,
    ),
    severity: 'severe',
    unless: severeThings,
  },
  // Round 5: tits are birds too (long-tailed, blue, coal, marsh tits): not in a sentence with bird words.
  {
    re: /^tits$/,
    severity: 'severe',
    unless: new RegExp(`${severeThings.source}|${birdsEn.source}`),
  },
  // Words that may be part of a name written with capitals (README "Harmless text", round 4): Pussy Riot,
  // Pussy Galore, Plymouth Hoe, Cumming (a town in Georgia; Alan Cumming): inside a capitalised run these are
  // excused as mild words are (abuse.ts `inNameRun`); "you pussy", "Pussy!" still count.
  {
    re: /^(?:pussy|pussies|pussys|cumming|hoe|hoes)$/,
    severity: 'severe',
    namePart: true,
    unless: severeThings,
  },
  // Jizz is also the birders' word for a species' overall impression (size, shape, movement: "giss").
  {
    re: /^jizz$/,
    severity: 'severe',
    unless:
      /\b(?:birdwatch\w*|birder|birders|birding|bird|birds|ornitholog\w*|species|plumage|silhouette|giss|field marks?|identification|identify|identifying|twitch\w*|raptors?|warblers?|waders?|binoculars|flight|wingbeats?|gestalt)\b/,
  },
  {
    re: new RegExp(`^dildo${EN}$`),
    severity: 'severe',
    // Dildo, a town in Newfoundland and Labrador.
    unless:
      /\b(?:newfoundland|labrador|canada|town|village|harbou?r|bay|island|province|deliver to|ship to)\b/,
  },
  {
    re: /^(?:bitch|bitches|bitching|bitchy|bitchin|bich)$/,
    severity: 'severe',
    unless: dogsEn,
    // Round 10: "Bich" (Marcel Bich, BIC's founder) is a variant spelling: a surname after a given name (abuse.ts).
    exact: /^(?:bitch|bitches|bitching|bitchy|bitchin)$/,
  },
  {
    re: new RegExp(
      `^(?:arse|asshole${EN}|arsehole${EN}|asswipe${EN}|dumbass${EN}|smartass${EN}|badass|fatass|asshat${EN}|assclown|kissass)$`,
    ),
    severity: 'mild',
  },
  // Round 6: not "bastardy" (the legal term for illegitimacy: bastardy laws, a bastardy bond), no insult form.
  {
    re: new RegExp(
      `^(?:damn|damnit|goddamn${EN}|goddamnit|dammit|crap|crappy|piss|pissed|pissing|bastard(?!y$|ies$)${EN}|bollocks|douchebag${EN}|douchey|douchy|scumbag${EN}|dipshit${EN}|prick|pricks|turd${EN})$`,
    ),
    severity: 'mild',
    unless:
      /\b(?:needle|finger|pin|thorn|sewing|file|files|sword|swords|sausage|sausages|potato|potatoes|holes)\b/,
  },
  // An ass is also an animal (the wild ass of the steppe, the Somali wild ass), and the jackass penguin, the
  // jackass rabbit and the laughing jackass (a kookaburra) are animals: in a sentence about animals these count
  // only next to a person or said of someone (README "Harmless text", round 4).
  {
    re: new RegExp(`^(?:ass|asses|jackass${EN}|jackasses)$`),
    severity: 'mild',
    after:
      /^(?:is|isnt|are|arent|am|im|was|wasnt|were|be|being|such|what|total|complete|real|absolute|utter|big|stupid|dumb|lazy|fat|fucking|fuckin|damn|bloody)$/,
    sense:
      /\b(?:wild|feral|domestic|donkey|donkeys|onager|onagers|kiang|kiangs|burro|burros|mule|mules|foal|foals|zebra|zebras|equid|equids|equine|equines|steppe|steppes|herd|herds|hooves|bray|brays|braying|somali|nubian|asiatic|penguin|penguins|rabbit|rabbits|hare|hares|kookaburra|kookaburras|aquarium|zoo|zoos|wildlife|species|animal|animals|colony|colonies|breed|breeds)\b/,
  },
  // English slurs.
  {
    re: /^(?:faggot|faggots)$/,
    severity: 'severe',
    // Faggots: British meatballs, and bundles of sticks.
    unless:
      /\b(?:gravy|meatballs?|onion|onions|pork|liver|recipe|pack|butcher|oven|bake|baked|frozen|british|traditional|dish|sticks|firewood|kindling|bundles?|brushwood)\b/,
  },
  {
    // "nigg…" has its slur spellings, not "niggle(s, d)", "niggling", "niggly" or "niggard"; "niga…" not "Niigata".
    re: new RegExp(
      `^(?:nigg(?!l(?:e|ed|es|ing|y)$|ard)\\w*|nig|nigs|niga(?:s|z|h|hs|hz)?|niqqa\\w*|fagg(?!ots?$)\\w*|fag|fags|kike|kikes|beaner${EN}|gook${EN}|raghead${EN}|towelhead${EN}|jigaboo${EN}|porch ?monkey|sandnigg\\w*|cracka|crackas|redneck${EN}|hillbilly|hillbillies|tard|tards|mongoloid|wigger${EN}|pikey|paki|pakis|yid|honky|honkies|twink)$`,
    ),
    severity: 'severe',
    // Round 10: the usual spellings, not the open stems ("Faggin", "Niggemann": surnames after a given name).
    exact: new RegExp(
      `^(?:nigg(?:a|as|az|ah|ahs|uh|uhs|er|ers|ress)|nig|nigs|niga(?:s|z|h|hs|hz)?|niqqa(?:s|z|h)?|fag|fags|faggy|kike|kikes|beaner${EN}|gook${EN}|raghead${EN}|towelhead${EN}|jigaboo${EN}|porch ?monkey|sandnigg(?:a|as|er|ers)|cracka|crackas|redneck${EN}|hillbilly|hillbillies|tard|tards|mongoloid|wigger${EN}|pikey|paki|pakis|yid|honky|honkies|twink)$`,
    ),
  },
  // English insults.
  {
    // Whole words and their inflections: not "Psychology", "Cretinism", "Moroni", "Turducken" (EN).
    re: new RegExp(
      `^(?:braindead|brainless|dimwit${EN}|numbskull${EN}|bonehead${EN}|knucklehead${EN}|idiot${EN}|idiotic|idiotically|moron${EN}|moronic|imbecile${EN}|imbecilic|stupid|stupider|stupidest|stupidly|stupidity|loser|losers|jerkoff|scum|vermin|degenerate|degenerates|lowlife|pathetic|worthless|cretin${EN}|cretinous|halfwit${EN}|nitwit${EN}|numbnut${EN}|bimbo${EN}|hag|hags|trashy|fatso|hater|haters|weirdo|psycho|psychos|psychopath${EN}|psychotic|lunatic${EN}|maniac${EN}|suck|sucks|creep|creeps|freak|freaks|kys|killyourself)$`,
    ),
    severity: 'mild',
    // Things named by the word (jerk chicken, a sucker rod, an idiot light, a dumb phone), a title (a film,
    // a song), the literal verb (a pump sucks air) and a physics term.
    unless: thingsEn,
  },

  // A dummy is also a baby's soother, a mannequin and a crash-test figure.
  {
    re: /^dummy$/,
    severity: 'mild',
    unless:
      /\b(?:baby|babies|newborn|infant|teat|teats|soother|soothers|pacifier|pacifiers|orthodontic|clip|crash test|mannequin|tailor|tailors|ventriloquist|run|load|variable|cell|cells|rugby|netball|scrum|ruck|rucks|winger|wingers|defender|defenders|flyhalf|tackle|tackles|tackling|declarer|ruff|ruffs|trumps)\b/,
  },
  {
    // Words with a thing or tool sense too: a douche.
    re: /^(?:puss|trash|garbage|ghetto|bird|birds|monkey|monkeys|ape|apes|animal|animals|rat|rats|snake|dog|dogs|cow|cows|pig|pigs|ugly|clown|clowns|fatty|simp|simps|sissy|nerd|geek|fool|fools|fat|savage|savages|thug|thugs|illegal|illegals)$/,
    severity: 'mild',
    person: true,
  },
];

// Round 9: a cock is also a male bird (a young cock with the pullets, cock pheasants): not in a sentence with poultry
// words (not "chicks", "flock", "duck", "turkey", said of people or things too); elsewhere only of a person.
abuseLexicon.push({
  re: /^(?:cock|cocks)$/,
  severity: 'mild',
  person: true,
  unless:
    /\b(?:hen|hens|pullet|pullets|chicken|chickens|rooster|roosters|cockerel|cockerels|capon|capons|poultry|bantam|bantams|coop|coops|henhouse|incubator|incubators|hatching|broody|pointoflay|pheasant|pheasants|partridge|partridges|grouse|quail|gamebirds?|fowl|drake|drakes|goose|geese|gander)\b/,
});

// A douche, "Dick" (a name: Mr. Dick, Philip K. Dick): only of a person, or said of someone ("you are a dick",
// "he is such a dick", "what a dick").
abuseLexicon.push({
  re: /^(?:douche|douches|dick|dicks)$/,
  severity: 'mild',
  person: true,
  after:
    /^(?:is|isnt|are|arent|am|im|was|wasnt|were|be|being|such|what|total|complete|real|absolute|utter|big|little|fucking|fuckin|damn|bloody)$/,
});

// A dumb cane (a plant), a dumb waiter, a dumb phone, a ratchet (a tool): the thing sense goes before its
// noun; next to a person ("you dumb", "dumb people") or said of someone ("so dumb", "are dumb") an insult.
abuseLexicon.push({
  re: /^(?:dumb|dumber|dumbest|ratchet)$/,
  severity: 'mild',
  person: true,
  after:
    /^(?:is|isnt|are|arent|am|im|was|wasnt|were|be|being|so|too|soo|very|really|extremely|such|how|plain|just|real|fucking|fuckin|damn)$/,
});

// A sport, a plant and an animal sense (the clean and jerk, tomato suckers, тупорылая акула, тупорылые
// ботинки): these count only next to a person, in a direct address or said of someone ("such a jerk",
// «какой тупорылый»); "jerkoff" and the slang "sucks" stay words of their own.
abuseLexicon.push(
  {
    re: /^(?:jerk|jerks|sucker|suckers)$/,
    severity: 'mild',
    insult: true,
    person: true,
    unless: thingsEn,
    after:
      /^(?:is|isnt|are|arent|am|im|was|wasnt|were|be|being|so|such|what|total|complete|real|absolute|utter|big|little|fucking|fuckin|damn|bloody|stupid|dumb|ignorant|rude|greedy|lying|pathetic)$/,
  },
  {
    re: /^тупорыл\p{L}*$/u,
    severity: 'mild',
    insult: true,
    person: true,
    // An animal's snout or a thing's blunt nose: тупорылая акула, тупорылые ботинки, тупорылая пуля.
    unless:
      /(?:^| )(?:акул\p{L}*|рыб\p{L}*|сом|сома|сомы|кит|кита|киты|дельфин\p{L}*|крокодил\p{L}*|аллигатор\p{L}*|вид|вида|виды|морд\p{L}*|нос|носом|носок|носы|ботин\p{L}*|туфл\p{L}*|сапог\p{L}*|обув\p{L}*|пул[ьия]\p{L}*|нож\p{L}*|лодк\p{L}*|самолет\p{L}*|грузовик\p{L}*|капот\p{L}*)(?: |$)/u,
    after:
      /^(?:такой|такая|такое|такие|каким|какой|какая|какие|совсем|очень|реально|просто|слишком|самый|самая|самые|ну|ты|вы|же)$/u,
  },
  // A dyke is also a wall of rock across other rock (geology) and a sea or river bank (a dike).
  {
    re: /^(?:dyke|dykes)$/,
    severity: 'severe',
    sense:
      /\b(?:basalt|basaltic|dolerite|granite|igneous|magma|magmatic|lava|volcanic|intrusion|intrusions|sill|sills|rock|rocks|geology|geological|geologist|quartz|vein|veins|outcrop|cliff|cliffs|beach|coast|coastal|shore|tide|tides|sea|flood|floods|embankment|levee|levees|canal|canals|drainage|ditch|ditches|dam|dams|polder|polders|river|marsh|fen|fens|reclaimed|dutch|netherlands|holland)\b/,
  },
);

// Slurs that are also the name of a thing ("Maine Coon" kittens, a chink of light, "Spic and Span", Rio Negro,
// ignition retard, a wood stove's wetback, a tranny of a car): in a sentence that shows the thing they count only
// as a `person` word.
const thingSense = (words: string) => new RegExp(`\\b(?:${words})\\b`);
abuseLexicon.push(
  {
    re: /^(?:coon|coons)$/,
    severity: 'severe',
    sense: thingSense(
      'maine|cat|cats|kitten|kittens|cattery|breed|breeder|raccoon|raccoons|hound|hounds|hunting|skin|cap|tail',
    ),
  },
  {
    re: /^(?:chink|chinks)$/,
    severity: 'severe',
    sense: thingSense(
      'light|armour|armor|glass|glasses|coin|coins|wall|walls|curtain|curtains|door|crack|gap|shutter|shutters|sunlight|ice',
    ),
  },
  {
    re: /^(?:spic|spics|spick)$/,
    severity: 'severe',
    sense: thingSense('span|clean|cleaner|cleaners|cleaning|spray|wipes'),
  },
  {
    re: /^(?:negro|negros|negroes)$/,
    severity: 'severe',
    sense: thingSense(
      'rio|cerro|monte|pinot|amaro|vino|wine|wines|grape|grapes|province|river|oso|modelo|beer',
    ),
  },
  {
    re: /^(?:retard|retards|retarded)$/,
    severity: 'severe',
    sense: thingSense(
      'ignition|timing|spark|engine|engines|flame|fire|growth|degrees|valve|advance|cure|curing|setting|set|concrete|plaster|drying|corrosion|rust|combustion',
    ),
  },
  // Round 9: a wetback is also a wood stove's water heater (New Zealand): beside stove, fire and hot water words.
  {
    re: /^(?:wetback|wetbacks)$/,
    severity: 'severe',
    sense: thingSense(
      'stove|stoves|woodburner|woodburners|burner|burners|fire|fires|fireplace|firebox|log|logs|wood|boiler|boilers|cylinder|cylinders|water|heating|heater|heaters|flue|plumber|plumbing|radiator|radiators|cooker|range',
    ),
  },
  {
    re: /^(?:tranny|trannies)$/,
    severity: 'severe',
    sense: thingSense(
      'fluid|transmission|gearbox|radio|radios|transistor|oil|clutch|filter|pan|cooler|rebuild|rebuilt|car|truck|van|gear|gears',
    ),
  },
);

/**
 * Round 10: words of praise a shop intensifies ("stupidly comfortable", "insanely crunchy", «дебильно простой»): the
 * quality adjectives of product text (English and Russian stems), not the negative ones ("stupidly rude").
 */
export const praiseWords =
  /^(?:comfortable|comfy|cheap|affordable|easy|simple|fast|quick|soft|light|lightweight|strong|tough|durable|sturdy|warm|cosy|cozy|quiet|bright|sharp|crisp|crispy|crunchy|juicy|tasty|delicious|moreish|addictive|addictively|smooth|silky|fluffy|good|great|well|cute|pretty|handsome|beautiful|gorgeous|tender|rich|sweet|fresh|fun|funny|powerful|efficient|accurate|reliable|compact|portable|versatile|useful|handy|practical|popular|generous|low|small|thin|slim|comfortably|cheaply|easily|simply|quickly|satisfying|effective|grippy|waterproof|breathable|wearable|stretchy|spacious|roomy|large|big|huge|massive|long|thick|wide|удобн\p{L}*|прост\p{L}*|вкусн\p{L}*|дешев\p{L}*|быстр\p{L}*|легк\p{L}*|мягк\p{L}*|тепл\p{L}*|красив\p{L}*|мил\p{L}*|крепк\p{L}*|прочн\p{L}*|надежн\p{L}*|хорош\p{L}*|классн\p{L}*|крут\p{L}*|приятн\p{L}*|уютн\p{L}*|тих\p{L}*|ярк\p{L}*|сочн\p{L}*|хрустящ\p{L}*|остр\p{L}*|дешево|просто|удобно|вкусно|легко|быстро)$/u;

/**
 * A listed word that is part of a thing's name with the word after it (README "Harmless text", round 3): plants,
 * tools, breeds and crafts named "bastard" (bastard toadflax; round 6: a species, "bastard" before a fish, tree, plant or
 * animal noun: bastard halibut, bastard trumpeter, bastard turtle, bastard oak; a bastard file, a bastard sword, the bastard wing of
 * a bird), «козлиная борода» (goat's-beard, a plant and a beard), goat's milk and cheese, «ущербная луна» (a
 * waning moon). `word` is read on the normalised word, `next` on the next word of the same clause, `prev` on
 * the word before it (neither after "you": "you laughing jackass", "you prick out there").
 */
export const thingNames: { word: RegExp; next?: RegExp; prev?: RegExp; article?: boolean }[] = [
  // Round 4: the jackass penguin, the jackass rabbit, the laughing jackass (a kookaburra).
  { word: /^(?:jackass|jackasses)$/, next: /^(?:penguin|penguins|rabbit|rabbits|hare|hares)$/ },
  { word: /^(?:jackass|jackasses)$/, prev: /^laughing$/ },
  {
    word: /^(?:bastard|bastards)$/,
    next: /^(?:toadflax|balm|cabbage|saffron|indigo|cedar|mahogany|teak|senna|pimpernel|agrimony|hemp|jute|gentian|alkanet|speedwell|sandalwood|ironwood|acacia|mustard|vervain|quince|wing|wings|sword|swords|file|files|trench|trenching|amber|granite|feudalism|title|titles|pointing|stucco|measles|chisel|halibut|halibuts|flounder|flounders|trumpeter|trumpeters|mackerel|scad|dory|perch|snapper|bream|turbot|turtle|turtles|hartebeest|hartebeests|eland|oak|oaks|elm|elms|gum|gums|plum|plums|myrtle|ebony|rocket|cress|yellowwood|jarrah|wattle|locust|lupin|poppy|orchid|orchids|fern|ferns|ash)$/,
  },
  // Round 9: "prick" the verb and the medical test: prick out seedlings, a (skin, heel) prick test, a skin prick (not
  // "you prick out there": no name after an address).
  { word: /^(?:prick|pricks)$/, next: /^(?:out|test|tests|testing|tested)$/ },
  { word: /^(?:prick|pricks)$/, prev: /^(?:skin|heel|fingertip|lancet)$/ },
  {
    word: /^козлин(?:ая|ое|ый|ые|ого|ой|ому|ым|ых|ую|ыми)$/u,
    next: /^(?:бород\p{L}*|молок\p{L}*|сыр\p{L}*|шерст\p{L}*|пух\p{L}*|рог\p{L}*|копыт\p{L}*|шкур\p{L}*|кож\p{L}*|мех\p{L}*|ферм\p{L}*|стад\p{L}*|загон\p{L}*|мыл\p{L}*)$/u,
  },
  {
    word: /^ущербн\p{L}*$/u,
    next: /^(?:лун\p{L}*|месяц\p{L}*|полумесяц\p{L}*|фаз\p{L}*|серп\p{L}*)$/u,
  },
  // Round 10: a sport's or a trade's dummy: a feint (sell, throw or buy a dummy; "how to dummy"), the dummy half of
  // rugby league, and things named so (a dummy pass, run, round, camera, plug, text, variable…); `article`: the word
  // before may stand before an article ("sold a dummy", "don't buy the dummy").
  {
    word: /^dummy$/,
    next: /^(?:pass|passes|half|halves|run|runs|move|moves|kick|kicks|switch|scissors|round|rounds|bid|hand|text|camera|cameras|lens|battery|batteries|plug|plugs|head|account|accounts|tile|cord|shaft|spit|spits|load|loads|variable|variables|block|page|pages|copy|shell|shells|grenade|target|decoy|decoys|lure|lures|device|devices|item|items|data|file|files|node|weight|weights|drill|drills|bullet|bullets|cartridge|cartridges|sensor|sensors|board|boards|cover|covers|wafer|wafers|security|cctv|dome|display|training|practice|ammo|ammunition)$/,
  },
  {
    word: /^dummy$/,
    prev: /^(?:sell|sells|selling|sold|throw|throws|threw|thrown|throwing|buy|buys|bought|buying|take|takes|took|taking)$/,
    article: true,
  },
  {
    word: /^dummy$/,
    prev: /^(?:to|crash|test|ventriloquist|ventriloquists|tailors|display|practice|training|rescue|cpr)$/,
  },
  // Round 10: an insult word as an intensifier of praise ("stupidly comfortable", "stupid cheap", "idiotically
  // simple", «дебильно простой», «идиотски удобная»), and the speaker's own folly ("I stupidly ordered the wrong size").
  { word: /^(?:stupid|stupidly|idiotically|moronically)$/, next: praiseWords },
  { word: /^(?:stupidly|idiotically)$/, prev: /^(?:i|we|id|ive|weve)$/ },
  { word: /^(?:дебильно|идиотски|поидиотски|тупо|кретински)$/u, next: praiseWords },
];

/** Threat and abuse phrases (normalised text with single spaces). */
export const abusePhrases: { re: RegExp; severity: 'mild' | 'severe' }[] = [
  {
    re: /\b(?:i will|i'll|ill|gonna|going to) (?:kill|hurt|find|beat|shoot|stab) (?:you|u|ya)\b/,
    severity: 'severe',
  },
  {
    re: /\b(?:kill|hang|shoot) (?:yourself|urself|yourselves)\b|\bgo die\b|\bdrop dead\b(?! gorgeous| beautiful| simple| easy| funny)/,
    severity: 'severe',
  },
  {
    re: /\bshut (?:up|the f|your mouth)\b|\bdouche ?bags?\b|\bpieces? of (?:shit|crap|garbage|trash|filth)\b|\bbrain dead\b|\bson of a (?:b\w*|whore|gun)\b/,
    severity: 'mild',
  },
  // Threats of violence to a person or the premises, with or without "you".
  {
    re: /\b(?:i will|i'll|ill|gonna|going to|i am going to|im going to|i'm going to)\b[^.!?]{0,30}\b(?:break (?:his|her|your|their|ur|the)(?: \w+)? (?:legs?|neck|face|arms?|jaw|teeth|nose|bones)|smash (?:the place|your|this place|up)|burn (?:the place|your|this place|it) down|beat (?:him|her|them|you|u|the \w+|that \w+) up|kill (?:him|her|them|the \w+|that \w+|everyone)|shoot (?:him|her|them|up))|\bi know where (?:you|your \w+|he|she|they) (?:live|lives|work|works|is|are)\b/,
    severity: 'severe',
  },
  {
    re: /(?:^| )(?:е|ё)б (?:твою|вашу|его|их) (?:мать|мамку|бабушку|налево)(?: |$)/,
    severity: 'severe',
  },
  {
    re: /(?:^| )(?:убью|убить|прибить|прибью|урыть|закопать) (?:тебя|вас|его|ее|их)(?: |$)|(?:^| )(?:чтоб|чтобы) (?:ты|вы) (?:сдох|сдохли|сдохла|подохли|подох|сгорели|сгорел)/,
    severity: 'severe',
  },
  {
    re: /(?:^| )(?:пошел|пошла|пошли|иди|идите|идише) (?:вон|в жопу|в задницу|лесом|на хрен|нахрен|к черту)(?: |$)|(?:^| )закрой (?:рот|пасть|хлебало|варежку)(?: |$)|(?:^| )рот закрой/,
    severity: 'mild',
  },
];

/** Words next to which an ambiguous word is about a person. */
/** The speaker's own: a person-only word right after one of these names a thing or an animal ("my dog"). */
export const ownerWords = new Set(
  'my our mine мой моя моё мое мою моего моей моих мои наш наша наше нашу нашего нашей наших наши'.split(' '),
);

export const personWords = new Set(
  (
    'ты тебя тебе тобой твой твоя твои вы вас вам вами ваш ваша ваши сам сама сами сука он она они им их ' +
    'каков бот робот оператор операторы менеджер менеджеры консультант ' +
    'консультанты сотрудник сотрудники продавец продавцы поддержка админ админы люди человек мужик баба девушка парень ' +
    'директор руководство сотрудница конченый конченые жирный жирная ' +
    'you u ya your youre ur yo yall yourself he she they them his her their ' +
    'ass lil dumb fat stupid nigga niggas'
  ).split(' '),
);

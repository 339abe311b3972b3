// Opinion words, Russian and English: a curated subset written for this project in the spirit of public
// lexicons (see README.md: Hu & Liu opinion lexicon, AFINN, RuSentiLex, LinisCrowd), not a copy of them.
// A word ending in '*' matches any word beginning with it ("разочаров*"); other words match whole, English
// ones also with -s, -es, -ed, -ing, -ly. Matching starts at the word's start, so "доволен" never matches
// inside "недоволен" and "рад" never inside "украдено".

const list = (s: string) => s.trim().split(/\s+/);

export const negativeWords = list(`
плох* ужас* отврат* недовол* разочаров* обман* обманул* обманыва* жалоб* безобраз* сломал* сломан* сломался
кошмар* бракован* дефект* испорчен* испортил* поцарапан* вонюч* воня* мерзк* гадк* противн*
отвратн* хамств* хамск* нахам* груб* некомпетентн* бардак* беспредел* издевательств* издевают* позор* возмутит*
возмущ* неприемлем* недопустим* недоразумени* бесполезн* бестолков* никчемн* ненавиж* ненавист* бесит* бесят
достал* достали* задолбал* надоел* надоело* разочарован* огорч* расстроен* расстроил* обидн* обижен* жаль жалко
неудобн* некачествен* дорого завышен* переплат* потерял* потеряли* пропал* пропала* пропало* украл* украден* украли
задерж* опозда* опоздание просроч* мошенн* развод развели разводят разводилы кидал* кинули* лохотрон* неправильн* ошибочн* ошибк* ошиблись
хуже худш* отвратительн* ужасн* кошмарн* провал* неисправ* неработ* глюч* глюк* виснет зависа*
сбой* навяз* спам* грубиян* невежлив* неадекват* абсурд* бред* дурдом чушь нелеп* несправедлив* претензи*
роспотребнадзор прокуратур* суд судом засуж* угрож* штраф* списали заблокир* отказали отказыва* игнор*
отписк* хамло неуважени* пренебреж* раздраж* нервы нервн* злой зла злюсь злит зол разозл* бешенств* взбешен*
отстой* фигн* убог* жуть жутк* печаль* грустн* тоска тоскл* отстойн* халтур* лажа накосяч* косяк* криво кривой
кривая сырой недоделан*
bad worse worst terrible awful horrible horrid dreadful disgusting disgusted gross poor poorly unhappy unsatisfied
dissatisfied disappoint disappointed disappointing disappointment frustrated frustrating frustration annoyed
annoying angry furious mad upset useless pointless hopeless incompetent unprofessional rude ridiculous unacceptable
outrageous shameful shame pathetic joke nightmare mess broken defective faulty damaged scratched dirty lost
stolen wrong fail failed failure fails bug buggy crash
crashed crashes crashing slow scam scammed fraud fraudulent cheat cheated cheating liar lied lies misleading
overcharged overpriced expensive ripoff complaint complain complained complaining disgrace waste wasted sucks sucked
hate hated hates horrendous atrocious abysmal appalling inferior mediocre lousy shoddy junk crap garbage trash
sad regret regretted unfortunately unreliable unresponsive ignored ignoring ruined ruin
chargeback lawyer lawsuit sue bbb stuck confusing confused worried worry concerned
`);

export const positiveWords = list(`
спасибо благодар* благодарю отличн* отлично супер класс классн* клас хорош* прекрасн* замечательн* чудесн*
великолепн* восхитит* шикарн* потрясающ* идеальн* превосходн* рад рада рады радует порадовал* доволен довольна
довольны нравится нравятся понравил* люблю обожаю вежлив* приятн* быстро быстр* оперативн* профессионал*
рекомендую советую удобн* качествен* молодц* умниц* круто крут* лучш* помогли помог помогла выручил* выручили
спасиб спс пасиб благодарочка ура красота безупречн* внимательн* отзывчив* компетентн* четко чётко
thanks thank thx ty great excellent awesome good love loved lovely happy perfect nice wonderful amazing fantastic
brilliant superb outstanding pleased glad appreciate appreciated helpful friendly fast quick quickly smooth easy
recommend recommended best better satisfied impressive impressed delighted fabulous terrific cool kind polite
professional reliable beautiful enjoy enjoyed fine solved resolved works worked
`);

/** Weak signs of a bad experience: half a negative word each. */
export const weakNegativeWords = list(`
проблем* долго долгая долгий медлен* задерж* опозда* дорого поврежд* грязн* ошибк* ошибочн* неудобн* жаль жалко
отказали отказыва* списали заблокир* потерял* пропал* пропала* пропало*
problem problems issue issues late delay delayed missing error errors slow expensive dirty damaged confusing confused
worried worry concerned stuck cancel cancelled canceled unfortunately
`);

/** Strong words: one and a half negative words each. */
export const strongNegativeWords = list(`
ужас* отврат* кошмар* безобраз* беспредел* издевательств* позор* возмутит* возмущ* неприемлем* ненавиж* ненавист*
бесит* бесят мошенн* лохотрон* отстой* дурдом бешенств* взбешен* хуже худш*
terrible awful horrible horrid dreadful disgusting worst furious unacceptable outrageous disgrace horrendous
atrocious abysmal appalling hate hated scam scammed fraud pathetic ridiculous useless nightmare
`);

/** Words that turn the next opinion word around. */
export const negators = new Set(
  list(`не нет ни нисколько ничуть никак никакой никакого никакая никакие ничего без вовсе отнюдь
  not no never nothing none nor neither without dont doesnt didnt isnt arent wasnt werent cant cannot couldnt
  wont wouldnt shouldnt hardly barely aint havent hasnt`),
);

/** Words that make the next opinion word stronger. */
export const intensifiers = new Set(
  list(`очень крайне совсем абсолютно вообще совершенно полностью ужасно жутко дико безумно максимально
  слишком такой такая такие настолько просто реально капец very so really extremely totally absolutely completely
  utterly super incredibly truly such too most highly seriously`),
);

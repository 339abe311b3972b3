// Head counts in customers' texts (RU/EN), shared by the quantity reader and the events pack: a group
// named right before its count ("our team of 60", "a party of 80", "a group of 25", "команда из 60",
// "группа из 25", "компания из 12", "нас 60", «нас будет 60», "we are 60", "we'll be 60"; after it:
// "20 of us"). Such a number counts people: never a
// product's quantity (quantities.ts), and an event's guests (packs/events-agency/extract.ts).

/** Words for a group of people that take "of"/"из"/"в" and then their head count. */
const groupWords = String.raw`team|staff|crew|group|party|company|department|office|команд\p{L}*|групп\p{L}*|коллектив\p{L}*|штат\p{L}*|отдел\p{L}*`;

/** A group named just before a number (the text before the number matches it). */
export const groupBefore = new RegExp(
  String.raw`(?:(?:^|[^\p{L}])(?:${groupWords})[\s\u00a0]+(?:of|из|в)|(?:^|[^\p{L}])компани\p{L}*[\s\u00a0]+из|(?:^|[^\p{L}])(?:нас(?:[\s\u00a0]+будет)?|we\s+are|we're|we\s+will\s+be|we(?:'|’)ll\s+be|there\s+are))[\s\u00a0]*$`,
  'iu',
);

/** "20 of us", "all 30 of us": a head count said before "of us" (the text after the number matches it). */
export const groupAfter = /^[\s\u00a0]+of[\s\u00a0]+us(?!\p{L})/iu;

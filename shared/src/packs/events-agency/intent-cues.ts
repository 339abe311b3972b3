// The events intents' keyword cues, written from the domain (what customers of an events agency say),
// in Russian and English: a cue adds to the pack classifier's probability of its intent, so a word
// the small training set never showed still counts (eventIntent below). The sales supervisor mixes
// its rules and its classifier the same way.
import type { IntentClassifier } from '../../llm/offline/intent-classifier';

const cues: Record<string, RegExp> = {
  event_cancel:
    /отмен|не состоится|не будет|не проводим|расторг|аннулир|отказат|отказа?ться|отбой|отложим|откладывается|перенос\S* на неопредел|cancel|call (?:it )?off|is off\b|will not take place|won'?t take place|terminate|void|no longer need|put (?:everything )?off|postpone|not to hold|drop the/iu,
  event_change:
    /поменя|измен|перенес|перенос|замен|добав|убер|сократ|продл|вместо|теперь|стало|вырос|уменьш|сдвин|не \d+, а \d+|change|switch|move|replace|add\b|remove|drop\b|extend|cut\b|swap|instead|now\b|went up|push the|dropped/iu,
  event_status:
    /готов|подготовк|этап|уже\b|подтвержд|подтверди|подписан|согласован|когда (?:будет|пришл|ждать|репетиц|монтаж|финальн)|новост|обновлени|по плану|по графику|остал|отвечает за|менеджер проекта|отчит|получили ли|проверили|разослали|status|ready|confirmed|signed|agreed|on schedule|to plan|updates?\b|news|when (?:will|is|can)|\byet\b|already|left to do|in charge|did you get|has the|have the|report on|where are we/iu,
  event_budget:
    /сколько|стоимост|стоит|стоить|цен[аыу]|смет|бюджет|дешевл|дорог|оплат|аванс|предоплат|скидк|сч[её]т\b|ндс|комисси|обойд|уложиться|how much|cost|price|estimate|budget|cheaper|expensive|\bpay|deposit|invoice|discount|\bvat\b|fee\b|charge|instalment|advance|total/iu,
  event_vendor:
    /площадк|ресторан|кейтеринг|ведущ|диджей|фотограф|видеограф|флорист|кавер|артист|аниматор|звук|свет\S*|лофт|зал\b|отел|комплекс|переводчик|автопарк|подрядчик|venue|restaurant|caterer|catering|host\b|hosts|\bdj\b|photographer|videographer|florist|band|artist|entertainer|sound|light|loft|hall|hotel|resort|interpreter|fleet|supplier|terrace|parking|парковк|террас/iu,
  event_request:
    /нуж(?:ен|на|но)|организ|планируем|хотим|ищем|заказать|проводите|сделаете|устроить|отметить|собираем|требуется|заявка|беретесь|need an?\b|we need|organi[sz]e|planning|looking for|would like|can you (?:run|organi[sz]e|throw)|do you do|book you|could you organi|want (?:a|to celebrate)|request:/iu,
};

/** The intents whose hand-written cues the text has, in the cues' order. */
export const handCues = (text: string): string[] =>
  Object.entries(cues)
    .filter(([, re]) => re.test(text))
    .map(([label]) => label);

/** How much one cue adds to its intent's probability. */
const CUE_WEIGHT = 0.35;

export type EventIntent = { label: string; confidence: number; cues: string[] };

/**
 * The classifier's probabilities, each intent with a cue in the text raised by CUE_WEIGHT (the method
 * before intent-model.ts, kept as the evaluation's baseline).
 */
export function eventIntent(classifier: IntentClassifier, text: string): EventIntent {
  const hits = handCues(text);
  const ranked = classifier
    .predict(text)
    .ranked.map((r) => ({ label: r.label, score: r.p + (hits.includes(r.label) ? CUE_WEIGHT : 0) }))
    .sort((a, b) => b.score - a.score);
  const total = ranked.reduce((s, r) => s + r.score, 0) || 1;
  return { label: ranked[0]!.label, confidence: ranked[0]!.score / total, cues: hits };
}

// A labelled set of social mentions of events, in Russian and English, written for this project to
// evaluate the offline sentiment (sentiment.ts). Even positions are the tuning half, odd positions the
// held-out half. The Russian lexicon was written in the same sitting as this set, by the same author,
// so the held-out figure is an optimistic one; a set labelled by someone else would be the fair test.
import type { SentimentLabel } from '@app/shared/schemas';

export const labelledMentions: Array<[SentimentLabel, string]> = [
  ['positive', 'Отличный корпоратив, спасибо организаторам!'],
  ['positive', 'Вчера была на вечере — всё прошло просто великолепно'],
  ['negative', 'Кейтеринг ужасный, еда холодная и невкусная'],
  ['negative', 'Ведущий опоздал на час, гости скучали'],
  ['neutral', 'Корпоратив пройдёт 14 марта в лофте на Арбате'],
  ['neutral', 'Регистрация участников начнётся в 18:00'],
  ['negative', 'Нам не понравилось, звук был плохой'],
  ['positive', 'Очень душевная атмосфера, рекомендую это агентство'],
  ['positive', 'Площадка красивая и уютная, всем понравилось'],
  ['negative', 'Организация хромала: очереди в гардероб и хаос на входе'],
  ['neutral', 'Фотографии с мероприятия выложим в понедельник'],
  ['negative', 'Полный провал, деньги на ветер'],
  ['positive', 'Без проблем добрались, всё было организовано идеально'],
  ['neutral', 'Кто-нибудь знает, будет ли трансляция конференции?'],
  ['negative', 'Было душно и тесно, ушли пораньше'],
  ['positive', 'Незабываемый вечер, браво команде!'],
  ['negative', 'Грубый персонал на входе испортил всё впечатление'],
  ['positive', 'Вкусно, весело и красиво — лучший праздник года'],
  ['neutral', 'Программа вечера опубликована на сайте'],
  ['negative', 'Разочарование года, не рекомендую'],
  ['positive', 'Great party, thanks to the organisers!'],
  ['positive', 'Loved the venue and the food was amazing'],
  ['negative', 'Terrible catering, the food was cold'],
  ['negative', 'The host was late and the guests were bored'],
  ['neutral', 'The conference starts at 9 am on 14 March'],
  ['neutral', 'Registration opens at 6 pm'],
  ['negative', "We didn't like it, the sound was awful"],
  ['positive', 'Wonderful atmosphere, I recommend this agency'],
  ['positive', 'Beautiful venue, everyone enjoyed it'],
  ['negative', 'Chaos at the entrance and long queues, very disappointing'],
  ['neutral', 'Photos from the event will be posted on Monday'],
  ['negative', 'A complete waste of money'],
  ['positive', 'Everything was perfectly organised, great job'],
  ['neutral', 'Does anyone know if the talks will be streamed?'],
  ['negative', 'It was stuffy and crowded, we left early'],
  ['positive', 'An unforgettable evening, well done team!'],
  ['negative', 'Rude staff at the door ruined the evening'],
  ['positive', 'Tasty, fun and beautiful, the best party of the year'],
  ['neutral', 'The programme is published on the website'],
  ['negative', 'Disappointment of the year, not recommended'],
];

/** The tuning half (even positions) and the held-out half (odd positions). */
export const splitOf = (i: number) => (i % 2 === 0 ? 'tuning' : 'held-out');

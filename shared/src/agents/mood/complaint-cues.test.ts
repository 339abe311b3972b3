// Issue 62, second pass: negative mood by complaint CLASS (complaint-cues.ts), the sarcasm and politeness
// rules of read-mood.ts, and the abuse and harmless classes fixed with them. Our own sentences, not rows of
// any evaluation set; each class failed before the change.
import { describe, expect, it } from 'vitest';
import { readCustomerMood } from './index';

const mood = (t: string) => readCustomerMood(t).mood.label;
const abuse = (t: string) => readCustomerMood(t).abuse.severity;

const negative: Record<string, string[]> = {
  'a wait or lateness with a measure': [
    'the plumber came 3 hours late',
    'five hours and counting, where is everyone',
    'waited 45 minutes at the counter',
    'we got our table at 8:50, the booking was for 7:30',
    'ждём уже 40 минут',
    'пятый день жду посылку',
    'курьер опоздал на сорок минут',
    'посылка должна была прийти в понедельник, а сейчас четверг',
  ],
  'a broken promise': [
    'nobody warned us about the deposit',
    'you said it was included, then billed me for it',
    'никто не предупредил, что парковка платная',
    'а писали, что завтрак включён',
  ],
  'wrong, missing or damaged': [
    'ordered a blue sofa, got a grey one',
    'half the groceries were missing',
    'the cake arrived crushed',
    'заказывала пепперони, привезли маргариту',
    'суши привезли тёплые и помятые',
    'продали нам бракованный чайник',
  ],
  'money taken unfairly': [
    'you enrolled me in a plan I never asked for',
    'the quote was $200, the invoice said $340',
    'списали за подписку без моего согласия',
    'в договоре было 50 000, а в итоге выставили 68 000',
  ],
  'leaving, never again, let down': [
    'never booking with you again',
    "I'm taking my business to a competitor",
    'больше к вам не приеду',
    'ухожу к конкурентам',
    'раньше было намного лучше',
  ],
  'no answer, no apology, refused': [
    'three emails and the office stays silent',
    'the cashier did not even apologize',
    'оператор бросил трубку',
    'никто даже не извинился',
    'магазин отказывается менять телефон',
  ],
  '"still" and broke soon': [
    'the screen still shows an error',
    'ремонт так и не сделали',
    'the zipper broke after two days',
    'кофемашина сломалась через неделю',
  ],
  'out of order, down since, same fault again': [
    'the lift has been out of order since Monday',
    'света нет с утра',
    'the same leak is back again',
    'после ремонта та же проблема',
  ],
  'fed up, double-booked, thrown, told many times': [
    "I'm fed up with your app",
    'the hotel double-booked us',
    'the driver tossed the box onto the porch',
    'курьер швырнул коробку в подъезде',
    'I have called three times about this',
    'четыре раза объяснял одно и то же',
  ],
  'a time window passed, refused, stopped working, please look into it': [
    'they said by noon. It is 3 now.',
    'обещали привезти до 14:00, сейчас 17:30',
    'the clerk refused to print my receipt',
    'кассир отказался принять купон',
    'the router stopped working after the update',
    'чайник перестал включаться',
    'Please look into it, I was charged for a room I never booked.',
    'Прошу разобраться, кто списал деньги.',
  ],
  'money taken anyway, rude staff, disbelief, repeated, still billing': [
    'the app crashed at checkout and charged me anyway',
    'платёж не прошёл, но деньги всё равно списали',
    'the receptionist yelled at me in front of everyone',
    'администратор наорал на меня',
    'why is it so hard to cancel an order',
    'почему так сложно вернуть товар',
    'the fourth bill this month with a mistake',
    'второй заказ за неделю без соуса',
    'I closed my account and you still charge me',
    'я отказался от услуги, а вы до сих пор списываете',
  ],
  'nobody even, the wrong one, refuses, excuses, harm, short adjectives': [
    'nobody even looked at my form',
    'никто даже не перезвонил',
    'привезли не тот диван',
    'the landlord refuses to fix the heating',
    'банк отказывается объяснить',
    'nothing but excuses from the manager',
    'одни отговорки',
    'the barber cut my ear',
    'ваш сервис бесполезен',
  ],
  'Russian side: in repair for N weeks, no news, last time, regret, ordered N got M': [
    'ноутбук на ремонте уже месяц',
    'никаких новостей по заявке',
    'в последний раз заказываю у вас',
    'жалею, что связался с вами',
    'заказала 6, привезли 4',
    'кофемашина течёт, а она совсем новая',
    'I regret signing up for this',
    'ordered 12, received 9',
  ],
  'sarcasm: praise beside a complaint fact': [
    'wonderful, third day without internet',
    'супер сервис, жду мастера уже 3 часа',
    'спасибо за ничего',
    'cool cool cool, another 2 hours waiting',
  ],
};

describe('negative mood by complaint class', () => {
  for (const [cls, texts] of Object.entries(negative))
    it(cls, () => {
      for (const t of texts) expect(mood(t), t).toBe('negative');
    });

  it('names the class in the reasons', () => {
    expect(readCustomerMood('waited 45 minutes at the counter').mood.reasons.join(' ')).toMatch(/wait:/);
  });
});

// Guards: these passed before too; they pin what the new cues must not take (a wait that was worth it, a
// promise kept, equal times and amounts, the customer's own lateness, a polite request after a fact).
describe('calm messages stay non-negative', () => {
  it.each([
    'I waited 5 minutes but it was worth it',
    'as promised, the courier came at noon, thanks',
    'booked for 10am and seen at 10am, perfect',
    'the estimate said $300 and the bill was $300, thank you',
    "I'm 20 minutes late, please keep my table",
    'do you have cold drinks?',
    'my card expired, do I need a new one?',
    'no worries, it happens',
    'я опаздываю на 10 минут, подержите столик',
    'заказала пиццу, привезли именно то, что хотела, спасибо',
    'уже третий раз заказываю у вас, всё супер',
    'сын до сих пор вспоминает праздник, спасибо',
    'чек на почту не пришёл, можете отправить ещё раз?',
    'ничего страшного, подожду',
    'I lost my card, please block it',
    'Good morning, please call me back by 5, it is 2 now and I am free till then',
    'перезвоните до 17, сейчас 14',
    'how do I file a claim for a cracked screen?',
    'уже второй раз за неделю заказываю, очень вкусно',
    'I paid twice by accident, can you refund one?',
    'Picture book for ages 3 and up',
    "I'd like to return this jacket, it's brand new, never worn",
    'заказала 6, привезли 6, спасибо',
    'я потеряла карту, заблокируйте',
  ])('%s', (t) => {
    expect(mood(t)).not.toBe('negative');
  });
});

describe('abuse classes', () => {
  it.each([
    ['Latin n in a Cyrillic word', 'идите все n@хуй'],
    ['two masked letters', 'этот е**ный сервис'],
    ['Russian in Latin letters', 'vy vse tam debily'],
    ['a disguised word with a harmless sense', 'the driver is a d!ck'],
    ['fvck', 'fvck this app'],
    ['a threat of violence', "I'm going to come down there and break your manager's neck"],
    ['a threat to the premises', "I'll come and smash the place up"],
    ['brain-dead', 'is your support brain-dead?'],
    ['pieces of garbage', 'you pieces of trash'],
    ['an obscene order', 'сосите, ничего не получите'],
    ['a name-call opening a message', 'идиоты, я же писал без сахара'],
    ['"your mother"', 'еб твою мать, где курьер'],
  ])('%s: %s', (_, t) => {
    expect(abuse(t)).not.toBe('none');
  });
});

// The first four failed before; the last two guard the new rules (an order to suck a lozenge, a word
// defined after a dash is no name-call).
describe('harmless senses', () => {
  it.each([
    'Dildo is a town in Newfoundland; we ship there in 5 days.',
    'Faggots and peas with onion gravy, a British pub classic.',
    'Сука в течке до выставки не допускается.',
    'Дрочёна: запеканка из яиц и молока, рецепт старинный.',
    'Леденцы от кашля: сосите по одному каждые 2 часа.',
    'Шавка — так называли маленьких собак.',
    // A soother and a creature (blind mood3's harmless rows flagged two like these).
    'Silicone baby dummy, 6-18 months, pack of 2.',
    'Crash test dummy keychain.',
    'Пазл «Все твари земные»: 120 деталей.',
    'В зоопарке живут всякие морские твари.',
  ])('%s', (t) => {
    expect(abuse(t)).toBe('none');
  });

  it('still reads the words as insults said to someone', () => {
    expect(abuse('you dummy, read my message')).not.toBe('none');
    expect(abuse('вы твари, верните деньги')).not.toBe('none');
  });
});

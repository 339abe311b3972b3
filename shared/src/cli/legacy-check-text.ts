// The old lexicon check of shared/src/agents/safety.ts as it was before issue 62, frozen here as the baseline
// `npm run eval:mood -- --baseline` reports beside the new check. Not used by the product.
import { words } from '../llm/offline/text-features';

const toxicStems = [
  'идиот',
  'дура',
  'дурак',
  'тупой',
  'тупая',
  'тупиц',
  'кретин',
  'придур',
  'сволоч',
  'ублюд',
  'мудак',
  'мраз',
  'урод',
  'заткнис',
  'хуй',
  'хуе',
  'пизд',
  'бляд',
  'ебан',
  'ебат',
  'сука',
  'говн',
  'дерьм',
  'idiot',
  'stupid',
  'moron',
  'dumb',
  'fuck',
  'shit',
  'bitch',
  'asshole',
  'bastard',
  'retard',
  'crap',
  'shut up',
  'loser',
  'jerk',
];
const negative = [
  'плох',
  'ужас',
  'отврат',
  'недовол',
  'разочар',
  'обман',
  'жалоб',
  'верните',
  'возврат',
  'безобраз',
  'сломал',
  'не работает',
  'кошмар',
  'долго',
  'бракован',
  'bad',
  'terrible',
  'awful',
  'horrible',
  'unhappy',
  'disappoint',
  'scam',
  'complain',
  'refund',
  'broken',
  'worst',
  'not working',
  'angry',
  'slow',
  'defective',
];
const positive = [
  'спасибо',
  'отлично',
  'супер',
  'класс',
  'хорош',
  'нравится',
  'доволен',
  'довольна',
  'рад',
  'прекрасн',
  'замечательн',
  'thanks',
  'thank',
  'great',
  'excellent',
  'awesome',
  'good',
  'love',
  'happy',
  'perfect',
  'nice',
  'wonderful',
];
const norm = (t: string) => ` ${words(t).join(' ')} `;
const hits = (text: string, list: string[]) =>
  list.filter((w) => text.includes(w.includes(' ') ? w : w)).length;

type TextCheck = {
  toxic: boolean;
  toxicTerms: string[];
  sentiment: 'positive' | 'neutral' | 'negative';
  sentimentScore: number;
};

export function legacyCheckText(text: string): TextCheck {
  const t = norm(text);
  const tokens = t.trim().split(' ');
  const toxicTerms = toxicStems.filter((s) =>
    s.includes(' ') ? t.includes(` ${s} `) : tokens.some((w) => w.startsWith(s)),
  );
  const pos = hits(t, positive);
  const neg = hits(t, negative) + toxicTerms.length;
  const score = pos - neg;
  return {
    toxic: toxicTerms.length > 0,
    toxicTerms,
    sentiment: score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral',
    sentimentScore: score,
  };
}

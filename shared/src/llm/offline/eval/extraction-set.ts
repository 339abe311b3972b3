// A multi-locale evaluation set for contact extraction, built from public formats: every country's
// example mobile number of libphonenumber-js (`getExampleNumber` over its `examples` metadata, written
// in international, E.164 and national form), the national formats of 25 countries (national-formats.ts),
// and the numbers the issue found missed, each inside a customer's sentence in one of 16 languages;
// e-mails of many shapes; and negatives for precision (order numbers, prices, dates, INNs, times, ...).
// Each sample carries what the pipeline would know of the customer (language code, the team's region).
// Deterministic: the same set, and the same split (by a hash of the sample id), in every run.
import { getExampleNumber, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { fnv1a } from '../../../search/hash';
import type { PhoneRegionHints } from '../phone-regions';
import { e164Of, nationalFormats } from './national-formats';

export type ExtractionSample = {
  id: string;
  text: string;
  context: PhoneRegionHints;
  /** Expected phones in E.164 (an extension as `;ext=`), and e-mails in lower case. */
  phones: string[];
  emails: string[];
  kind: 'international' | 'national' | 'issue' | 'email' | 'negative' | 'mixed';
};

export type Split = 'tuning' | 'heldout';
export const splitOfSample = (id: string): Split =>
  fnv1a(`extraction-split:${id}`) % 2 === 0 ? 'tuning' : 'heldout';

/** Customer sentences with a phone (`{p}`), per language. */
const phoneTemplates: Record<string, string[]> = {
  en: [
    'Hi, please call me back on {p}, thanks',
    'My number is {p}. Best time is after 2pm',
    'You can reach me at {p} or here in the chat',
    'Interested in the Team plan, phone {p}',
    'WhatsApp: {p}',
    'Can someone ring me? {p}',
  ],
  ru: [
    'Здравствуйте, мой телефон {p}, перезвоните пожалуйста',
    'Звоните {p} после обеда',
    'Меня зовут Ольга, номер для связи: {p}',
    'Оставлю номер {p}, жду звонка',
    'Запишите мой мобильный {p}',
  ],
  uk: ['Мій номер {p}, передзвоніть будь ласка', 'Телефон для зв’язку: {p}'],
  de: [
    'Bitte rufen Sie mich unter {p} zurück',
    'Meine Telefonnummer ist {p}',
    'Erreichbar unter {p}, danke!',
  ],
  fr: [
    'Vous pouvez m’appeler au {p}',
    'Mon numéro : {p}, merci de me rappeler',
    'Joignable au {p} en journée',
  ],
  es: ['Mi número es {p}, llámame por favor', 'Pueden contactarme al {p}'],
  it: ['Il mio numero è {p}, richiamatemi', 'Potete chiamarmi al {p}'],
  pt: ['Meu telefone é {p}, pode me ligar', 'Me liga no {p} por favor'],
  nl: ['Bel me terug op {p} alstublieft', 'Mijn telefoonnummer is {p}'],
  sv: ['Ring mig på {p}', 'Mitt nummer är {p}, hör av er'],
  nb: ['Ring meg på {p}', 'Telefonnummeret mitt er {p}'],
  fi: ['Soittakaa minulle numeroon {p}', 'Puhelinnumeroni on {p}'],
  pl: ['Proszę o kontakt pod numerem {p}', 'Mój numer to {p}'],
  tr: ['Beni {p} numarasından arayabilirsiniz', 'Telefonum {p}'],
  ja: ['電話番号は {p} です。よろしくお願いします', '{p} までご連絡ください'],
  zh: ['我的电话是 {p}，请回电', '请拨打 {p} 联系我'],
  hi: ['Please call me on {p}', 'My mobile: {p}'],
};

/** Sentences with two phones (`{p}`, `{q}`). */
const twoPhoneTemplates: Record<string, string[]> = {
  en: ['Office {p}, mobile {q}', 'Try {p} first, otherwise {q}'],
  ru: ['Рабочий {p}, мобильный {q}', 'Звоните на {p} или {q}'],
  de: ['Büro {p}, mobil {q}'],
  fr: ['Bureau {p}, portable {q}'],
};

const emailTemplates: Record<string, string[]> = {
  en: ['My email is {e}', 'Send the offer to {e}, thanks!', 'Contact: {e} (work)', 'Please write to <{e}>.'],
  ru: ['Моя почта {e}', 'Пришлите КП на {e}, пожалуйста', 'Пишите на {e}.'],
  de: ['Meine E-Mail: {e}'],
  fr: ['Mon e-mail : {e}'],
  es: ['Mi correo es {e}'],
  sv: ['Min e-post är {e}'],
};

const names = [
  'anna.petrova',
  'j.smith',
  'olga_k',
  'mike+sales',
  'p.muller',
  'svetlana.ivanova',
  'lars',
  'info',
];
const domains = [
  'romashka.ru',
  'acme-corp.co.uk',
  'gmail.com',
  'mail.ru',
  'yandex.ru',
  'firma.de',
  'example.fr',
  'sub.company.io',
  'outlook.com',
  'bolag.se',
];

/** Sentences with no phone and no e-mail, but digits a careless reader takes for one. */
const negatives: string[] = [
  'Order #4589123675 has not arrived yet',
  'Where is my order 100234567890?',
  'Номер заказа 4589123675, когда доставка?',
  'Заказ № 77001234567 оплачен',
  'ИНН 7707083893, КПП 770701001, выставьте счёт',
  'Наш ИНН 500100732259',
  'Счёт № 2026031245 от 12.03.2026 на сумму 125 000 руб.',
  'The price is $12,499.00 per year?',
  'Бюджет 1 250 000 рублей',
  'Total 3 450 000 ₽ for 20 seats',
  'We paid 1.250.000 EUR last year',
  'Meeting on 12.03.2026 at 15:30',
  'Созвонимся 2026-03-12 в 10:00',
  'Deadline 03/12/2026, please confirm',
  'С 9:00 до 18:00 по Москве, 12.03',
  'Works 09:00-18:00, Mon-Fri',
  'Tracking number 1Z999AA10123456784',
  'Трек-номер 80085012345678',
  'Артикул 1234567890, 5 штук',
  'SKU 8806094123456 out of stock?',
  'IBAN DE89370400440532013000',
  'Карта 4276 1234 5678 9012 не проходит',
  'Account 40702810123450101230 at Sberbank',
  'Postcode 119021, Moscow, Lva Tolstogo 16',
  'We are 120 people, 45 managers, since 2004',
  'Invoice 2026-000123 is overdue',
  'Договор № 15-2026/347 от 01.02.2026',
  'Ticket 20260312001 still open',
  'ОГРН 1027700132195',
  'Версия 10.4.2, сборка 20260301',
  'Passport 4510 123456 for the contract',
  'Мой ID клиента 998877665544',
  'Our order no. 5551234567 was wrong',
  'Цена 89 990 руб за лицензию',
  'Snils 112-233-445 95',
  'Bestellnummer 4589123675, bitte prüfen',
  'Commande n° 0142685300 pas reçue',
];

const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const templateFor = (r: () => number, language: string) =>
  pick(r, phoneTemplates[language] ?? phoneTemplates.en!);

/** What the pipeline knows of a customer writing a national number of `region` in `language`. */
function nationalContext(r: () => number, region: string, language: string): PhoneRegionHints {
  const x = r();
  if (x < 0.4) return { languageCode: language, defaultRegion: region }; // a local team
  if (x < 0.7) return { languageCode: `${language}-${region}` }; // a locale with its region (browser, web chat)
  return { languageCode: language }; // the language only: the region is a guess, or unknown
}

const teamRegions = ['RU', 'US', 'DE', 'GB', 'SE', 'FR'];

export function buildExtractionSet(): ExtractionSample[] {
  const r = rng(15);
  const out: ExtractionSample[] = [];
  const add = (s: Omit<ExtractionSample, 'id'> & { id?: string }) =>
    out.push({ ...s, id: s.id ?? `${s.kind}-${out.length}` });

  // libphonenumber-js example numbers of every country: international, E.164 and (some) national form.
  const languages = Object.keys(phoneTemplates);
  for (const region of Object.keys(examples) as CountryCode[]) {
    const n = getExampleNumber(region, examples);
    if (!n) continue;
    const language = pick(r, languages);
    const intl = r() < 0.8 ? n.formatInternational() : n.number;
    add({
      id: `example-intl-${region}`,
      kind: 'international',
      text: templateFor(r, language).replace('{p}', intl),
      context: { languageCode: language, defaultRegion: pick(r, teamRegions) },
      phones: [n.number],
      emails: [],
    });
    if (r() < 0.35) {
      add({
        id: `example-national-${region}`,
        kind: 'national',
        text: templateFor(r, 'en').replace('{p}', n.formatNational()),
        context: r() < 0.5 ? { defaultRegion: region } : { languageCode: `en-${region}` },
        phones: [n.number],
        emails: [],
      });
    }
  }

  // National formats of 25 countries, each number twice in different sentences and contexts.
  for (const f of nationalFormats) {
    for (const [i, written] of f.numbers.entries()) {
      for (const round of [0, 1]) {
        const language = round === 0 ? f.language : pick(r, [f.language, 'en']);
        add({
          id: `national-${f.region}-${i}-${round}`,
          kind: 'national',
          text: templateFor(r, language).replace('{p}', written),
          context: nationalContext(r, f.region, f.language),
          phones: [e164Of(f, written)],
          emails: [],
        });
      }
    }
    // Two numbers of the country in one message.
    if (f.numbers.length > 1 && twoPhoneTemplates[f.language]) {
      const t = pick(r, twoPhoneTemplates[f.language]!);
      add({
        id: `national-two-${f.region}`,
        kind: 'national',
        text: t.replace('{p}', f.numbers[0]!).replace('{q}', f.numbers[1]!),
        context: { languageCode: f.language, defaultRegion: f.region },
        phones: [e164Of(f, f.numbers[0]!), e164Of(f, f.numbers[1]!)],
        emails: [],
      });
    }
  }

  // The numbers the issue reported missed (unseen synthetic messages), as such customers would write.
  const issue: [string, PhoneRegionHints, string][] = [
    ['Ring me on +46 (0)8 928 571 38 after lunch', { languageCode: 'en' }, '+46892857138'],
    ['Vous pouvez m’appeler au 03.93.92.16.85', { languageCode: 'fr' }, '+33393921685'],
    ['Call 345-899-3560x4587 anytime', { languageCode: 'en', defaultRegion: 'US' }, '+13458993560;ext=4587'],
    ['My cell is (579)888-3058', { languageCode: 'en-US' }, '+15798883058'],
    ['Reach me at 001-518-640-0854', { languageCode: 'en' }, '+15186400854'],
    ['Mobile: +447700 921 916', { languageCode: 'en' }, '+447700921916'],
  ];
  for (const [i, [text, context, phone]] of issue.entries())
    add({ id: `issue-${i}`, kind: 'issue', text, context, phones: [phone], emails: [] });

  // E-mails, one or two a message.
  for (let i = 0; i < 80; i++) {
    const language = pick(r, Object.keys(emailTemplates));
    const e = `${pick(r, names)}${i % 7 === 0 ? i : ''}@${pick(r, domains)}`;
    const second = i % 9 === 0 ? `${pick(r, names)}@${pick(r, domains)}` : undefined;
    const emails = second && second !== e ? [e, second] : [e];
    const shown = i % 5 === 0 ? e.replace(/^./, (c) => c.toUpperCase()) : e;
    let text = pick(r, emailTemplates[language]!).replace('{e}', shown);
    if (emails.length > 1) text += language === 'ru' ? ` или ${second}` : ` or ${second}`;
    add({ id: `email-${i}`, kind: 'email', text, context: { languageCode: language }, phones: [], emails });
  }

  // Negatives alone, and next to a real phone and e-mail (the phone counts, the digits around do not).
  for (const [i, text] of negatives.entries()) {
    const language = /\p{Script=Cyrillic}/u.test(text) ? 'ru' : 'en';
    add({
      id: `negative-${i}`,
      kind: 'negative',
      text,
      context: { languageCode: language },
      phones: [],
      emails: [],
    });
    const f = nationalFormats.find((x) => x.region === (language === 'ru' ? 'RU' : 'GB'))!;
    const written = f.numbers[i % f.numbers.length]!;
    const mail = `${pick(r, names)}@${pick(r, domains)}`;
    add({
      id: `mixed-${i}`,
      kind: 'mixed',
      text: `${text}. ${templateFor(r, language).replace('{p}', written)}. ${language === 'ru' ? 'Почта' : 'Email'}: ${mail}`,
      context: { languageCode: language, defaultRegion: f.region },
      phones: [e164Of(f, written)],
      emails: [mail],
    });
  }
  return out;
}

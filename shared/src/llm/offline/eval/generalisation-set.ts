// Issue 35: contact extraction on messages unlike the project's own set. Hand-written customer
// messages with the national phone formats of 20 countries as people type them (labelled `Phone:`,
// `Mob.`, `Тел.`, `call me on`, or bare), web-form dumps with `Date:`/`Submitted:` lines, past dates,
// requests to talk to someone, several contacts in one message, and digits that are no phone (dates,
// prices, order numbers, postcodes, times). Two fixed parts written before the rules were changed:
// `tuning` (the only part looked at while changing the rules, incl. the issue's own examples) and
// `heldout` (other formats, other labels, other phrasings: scored, never tuned on).
// Expected phones: the text as written (`raw`) and, when the message's context names the country and
// the number is a real one there, its E.164 form (written here by hand from the country's plan).
import type { PhoneRegionHints } from '../phone-regions';

export type ExpectedPhone = { raw: string; e164?: string };
export type GeneralisationSample = {
  id: string;
  text: string;
  context: PhoneRegionHints;
  phones: ExpectedPhone[];
  emails: string[];
  /** The message holds no meeting time: its only dates are past or a form's metadata. */
  noMeeting?: 'past' | 'form-date';
  /** The message names a role the customer wants to reach, not their own. */
  noPosition?: true;
  /** A control: the meeting the message does ask for (ISO date prefix). */
  meeting?: string;
};

const p = (raw: string, e164?: string): ExpectedPhone => (e164 ? { raw, e164 } : { raw });
const none = { phones: [], emails: [] };

/** Looked at while changing the rules. */
export const tuningSamples: GeneralisationSample[] = [
  // The examples.
  {
    id: 't-au-1',
    text: 'Hi, Phone: 0490 75 40 81. Thanks',
    context: { languageCode: 'en' },
    phones: [p('0490 75 40 81')],
    emails: [],
  },
  {
    id: 't-br-1',
    text: 'Mobile: (99) 645-791, prefer afternoons',
    context: { languageCode: 'en' },
    phones: [p('(99) 645-791')],
    emails: [],
  },
  {
    id: 't-us-1',
    text: 'Please call me on 450 0840 tomorrow',
    context: { languageCode: 'en' },
    phones: [p('450 0840')],
    emails: [],
  },
  {
    id: 't-fr-1',
    text: 'Bonjour, Phone: 01.84.17.61.18',
    context: { languageCode: 'en' },
    phones: [p('01.84.17.61.18')],
    emails: [],
  },
  {
    id: 't-form-1',
    text: 'Name: Lisa Hart\nEmail: lisa.hart@example.org\nDate: 1978-04-13 12:20:39\nMessage: interested in pricing',
    context: { languageCode: 'en' },
    phones: [],
    emails: ['lisa.hart@example.org'],
    noMeeting: 'form-date',
  },
  {
    id: 't-req-1',
    text: 'Please have the manager call me',
    context: { languageCode: 'en' },
    ...none,
    noPosition: true,
  },
  // Labelled national numbers.
  {
    id: 't-au-2',
    text: 'Mobile: 0412 345 678',
    context: { languageCode: 'en-AU' },
    phones: [p('0412 345 678', '+61412345678')],
    emails: [],
  },
  {
    id: 't-au-3',
    text: 'Tel. (02) 9876 5432 — office hours only',
    context: { languageCode: 'en' },
    phones: [p('(02) 9876 5432')],
    emails: [],
  },
  {
    id: 't-fr-2',
    text: 'Tél. : 06 12 34 56 78',
    context: { languageCode: 'fr' },
    phones: [p('06 12 34 56 78', '+33612345678')],
    emails: [],
  },
  {
    id: 't-de-1',
    text: 'Telefon: 030 12345678, bitte ab 10 Uhr',
    context: { languageCode: 'de' },
    phones: [p('030 12345678', '+493012345678')],
    emails: [],
  },
  {
    id: 't-uk-1',
    text: 'You can reach me at 020 7946 0958',
    context: { languageCode: 'en-GB' },
    phones: [p('020 7946 0958', '+442079460958')],
    emails: [],
  },
  {
    id: 't-ru-1',
    text: 'Тел.: 8 (495) 123-45-67',
    context: { languageCode: 'ru' },
    phones: [p('8 (495) 123-45-67', '+74951234567')],
    emails: [],
  },
  {
    id: 't-ru-2',
    text: 'Моб. 8 916 123 45 67, звоните после обеда',
    context: { languageCode: 'ru' },
    phones: [p('8 916 123 45 67', '+79161234567')],
    emails: [],
  },
  {
    id: 't-ru-3',
    text: 'мой номер 45-67-89, городской',
    context: { languageCode: 'ru' },
    phones: [p('45-67-89')],
    emails: [],
  },
  {
    id: 't-ua-1',
    text: 'Телефон: 044 123 4567',
    context: { languageCode: 'uk' },
    phones: [p('044 123 4567', '+380441234567')],
    emails: [],
  },
  {
    id: 't-kz-1',
    text: 'звоните на 8 701 123 45 67',
    context: { languageCode: 'ru-KZ' },
    phones: [p('8 701 123 45 67', '+77011234567')],
    emails: [],
  },
  {
    id: 't-in-1',
    text: 'Phone: 98765 43210',
    context: { languageCode: 'en-IN' },
    phones: [p('98765 43210', '+919876543210')],
    emails: [],
  },
  {
    id: 't-jp-1',
    text: 'Tel: 03-1234-5678',
    context: { languageCode: 'ja' },
    phones: [p('03-1234-5678', '+81312345678')],
    emails: [],
  },
  {
    id: 't-es-1',
    text: 'Teléfono: 912 34 56 78',
    context: { languageCode: 'es-ES' },
    phones: [p('912 34 56 78', '+34912345678')],
    emails: [],
  },
  {
    id: 't-us-2',
    text: 'Phone: (212) 555-0187 ext 12',
    context: { languageCode: 'en-US' },
    phones: [p('(212) 555-0187 ext 12', '+12125550187;ext=12')],
    emails: [],
  },
  {
    id: 't-us-3',
    text: 'call me on 555-0143',
    context: { languageCode: 'en' },
    phones: [p('555-0143')],
    emails: [],
  },
  // Unlabelled, valid in the customer's country.
  {
    id: 't-fr-3',
    text: 'Je suis joignable 07 81 23 45 67 en journée',
    context: { languageCode: 'fr' },
    phones: [p('07 81 23 45 67', '+33781234567')],
    emails: [],
  },
  {
    id: 't-de-2',
    text: 'Rückruf bitte, 0171 2345678',
    context: { languageCode: 'de' },
    phones: [p('0171 2345678', '+491712345678')],
    emails: [],
  },
  // Several contacts.
  {
    id: 't-many-1',
    text: 'Phone: 0412 345 678, Mobile: 0413 555 019. Email: kate@acme.com.au or kate.w@gmail.com',
    context: { languageCode: 'en-AU' },
    phones: [p('0412 345 678', '+61412345678'), p('0413 555 019', '+61413555019')],
    emails: ['kate@acme.com.au', 'kate.w@gmail.com'],
  },
  {
    id: 't-many-2',
    text: 'Тел. 8 (812) 555-12-34, моб. 8 921 555 12 34, почта ivan@romashka.ru',
    context: { languageCode: 'ru' },
    phones: [p('8 (812) 555-12-34', '+78125551234'), p('8 921 555 12 34', '+79215551234')],
    emails: ['ivan@romashka.ru'],
  },
  // Digits that are no phone.
  {
    id: 't-neg-1',
    text: 'Order 20260412-5531 arrived damaged, invoice 2026-00418',
    context: { languageCode: 'en' },
    ...none,
  },
  {
    id: 't-neg-2',
    text: 'Delivery to 75008 Paris, open 09:00-17:30, total 1 299,00 €',
    context: { languageCode: 'fr' },
    ...none,
  },
  {
    id: 't-neg-3',
    text: 'Доставка на 12.04.2026, индекс 119021, сумма 45 000 руб.',
    context: { languageCode: 'ru' },
    ...none,
  },
  {
    id: 't-neg-4',
    text: 'Order no.: 45891236, Phone: 0412 345 678',
    context: { languageCode: 'en-AU' },
    phones: [p('0412 345 678', '+61412345678')],
    emails: [],
  },
  // Dates.
  {
    id: 't-past-1',
    text: 'We spoke on 2025-11-03 about the Team plan, any news?',
    context: { languageCode: 'en' },
    ...none,
    noMeeting: 'past',
  },
  {
    id: 't-form-2',
    text: 'Submitted: 2026-03-01 18:04\nName: Olga\nPhone: +7 916 555 12 34',
    context: { languageCode: 'ru' },
    phones: [p('+7 916 555 12 34', '+79165551234')],
    emails: [],
    noMeeting: 'form-date',
  },
  {
    id: 't-form-3',
    text: 'Дата: 12.03.2019 10:15\nИмя: Пётр\nСообщение: нужен счёт',
    context: { languageCode: 'ru' },
    ...none,
    noMeeting: 'form-date',
  },
  {
    id: 't-meet-1',
    text: 'Can we meet on 2026-03-12 at 11?',
    context: { languageCode: 'en' },
    ...none,
    meeting: '2026-03-12',
  },
  // Requests to talk to someone.
  {
    id: 't-req-2',
    text: 'Can I speak to your director?',
    context: { languageCode: 'en' },
    ...none,
    noPosition: true,
  },
  {
    id: 't-req-3',
    text: 'Позовите менеджера, пожалуйста',
    context: { languageCode: 'ru' },
    ...none,
    noPosition: true,
  },
  {
    id: 't-req-4',
    text: 'Соедините с руководителем',
    context: { languageCode: 'ru' },
    ...none,
    noPosition: true,
  },
  {
    id: 't-req-5',
    text: 'I would like the manager to call me back',
    context: { languageCode: 'en' },
    ...none,
    noPosition: true,
  },
];

/** Scored only: formats, labels and phrasings the rules were not changed for. */
export const heldoutSamples: GeneralisationSample[] = [
  // AU
  {
    id: 'h-au-1',
    text: 'Mob: 0401-234-567, text first pls',
    context: { languageCode: 'en' },
    phones: [p('0401-234-567')],
    emails: [],
  },
  {
    id: 'h-au-2',
    text: 'ph 08 8123 4567 (Adelaide office)',
    context: { languageCode: 'en-AU' },
    phones: [p('08 8123 4567', '+61881234567')],
    emails: [],
  },
  {
    id: 'h-au-3',
    text: 'G’day, keen on a quote. My mobile is 0438 222 091',
    context: { languageCode: 'en-AU' },
    phones: [p('0438 222 091', '+61438222091')],
    emails: [],
  },
  // FR
  {
    id: 'h-fr-1',
    text: 'Portable : 0781234567, fixe : 04 72 10 30 30',
    context: { languageCode: 'fr' },
    phones: [p('0781234567', '+33781234567'), p('04 72 10 30 30', '+33472103030')],
    emails: [],
  },
  {
    id: 'h-fr-2',
    text: 'Rappelez-moi au 02.98.76.54.32 svp',
    context: { languageCode: 'en' },
    phones: [p('02.98.76.54.32')],
    emails: [],
  },
  // DE
  {
    id: 'h-de-1',
    text: 'Mobil 0151/23456789 – gerne ab 14 Uhr',
    context: { languageCode: 'de' },
    phones: [p('0151/23456789', '+4915123456789')],
    emails: [],
  },
  {
    id: 'h-de-2',
    text: 'Telefon: 0711 - 123 45 67',
    context: { languageCode: 'de-DE' },
    phones: [p('0711 - 123 45 67', '+497111234567')],
    emails: [],
  },
  {
    id: 'h-de-3',
    text: 'Tel.: 089 / 2 19 37-0',
    context: { languageCode: 'en' },
    phones: [p('089 / 2 19 37-0')],
    emails: [],
  },
  // UK
  {
    id: 'h-uk-1',
    text: 'Mobile: 07911 123456',
    context: { languageCode: 'en' },
    phones: [p('07911 123456')],
    emails: [],
  },
  {
    id: 'h-uk-2',
    text: 'call me on 0121 496 0123 after 5',
    context: { languageCode: 'en-GB' },
    phones: [p('0121 496 0123', '+441214960123')],
    emails: [],
  },
  // US
  {
    id: 'h-us-1',
    text: 'Cell: 415.555.2671',
    context: { languageCode: 'en-US' },
    phones: [p('415.555.2671', '+14155552671')],
    emails: [],
  },
  {
    id: 'h-us-2',
    text: 'reach me at 555-0199 any time',
    context: { languageCode: 'en' },
    phones: [p('555-0199')],
    emails: [],
  },
  {
    id: 'h-us-3',
    text: 'Phone (646) 555-3890 x12',
    context: { languageCode: 'en-US' },
    phones: [p('(646) 555-3890 x12', '+16465553890;ext=12')],
    emails: [],
  },
  // BR
  {
    id: 'h-br-1',
    text: 'Cel.: (11) 98765-4321',
    context: { languageCode: 'pt' },
    phones: [p('(11) 98765-4321', '+5511987654321')],
    emails: [],
  },
  {
    id: 'h-br-2',
    text: 'WhatsApp: 21 99876-5432, e-mail joao.silva@empresa.com.br',
    context: { languageCode: 'pt-BR' },
    phones: [p('21 99876-5432', '+5521998765432')],
    emails: ['joao.silva@empresa.com.br'],
  },
  // IN
  {
    id: 'h-in-1',
    text: 'Ph: 9845012345',
    context: { languageCode: 'en' },
    phones: [p('9845012345')],
    emails: [],
  },
  {
    id: 'h-in-2',
    text: 'Office no. 080-2345 6789, mobile +91-98450 12345',
    context: { languageCode: 'en-IN' },
    phones: [p('080-2345 6789', '+918023456789'), p('+91-98450 12345', '+919845012345')],
    emails: [],
  },
  // JP
  {
    id: 'h-jp-1',
    text: '電話: 06-6123-4567',
    context: { languageCode: 'ja' },
    phones: [p('06-6123-4567', '+81661234567')],
    emails: [],
  },
  {
    id: 'h-jp-2',
    text: '携帯 090 9876 5432 までお願いします',
    context: { languageCode: 'ja' },
    phones: [p('090 9876 5432', '+819098765432')],
    emails: [],
  },
  // ES
  {
    id: 'h-es-1',
    text: 'Móvil: 655 12 34 56',
    context: { languageCode: 'es' },
    phones: [p('655 12 34 56')],
    emails: [],
  },
  {
    id: 'h-es-2',
    text: 'Tfno. 91 555 12 34',
    context: { languageCode: 'es-ES' },
    phones: [p('91 555 12 34', '+34915551234')],
    emails: [],
  },
  // IT
  {
    id: 'h-it-1',
    text: 'Cell. 333 123 4567, ufficio 02 8765 4321',
    context: { languageCode: 'it' },
    phones: [p('333 123 4567', '+393331234567'), p('02 8765 4321', '+390287654321')],
    emails: [],
  },
  // NL
  {
    id: 'h-nl-1',
    text: 'Telefoon: 06 12 34 56 78',
    context: { languageCode: 'nl' },
    phones: [p('06 12 34 56 78', '+31612345678')],
    emails: [],
  },
  {
    id: 'h-nl-2',
    text: 'bel me op 020 - 555 1234',
    context: { languageCode: 'en' },
    phones: [p('020 - 555 1234')],
    emails: [],
  },
  // PL
  {
    id: 'h-pl-1',
    text: 'Tel.: 22 555 12 34, kom. 601 123 456',
    context: { languageCode: 'pl' },
    phones: [p('22 555 12 34', '+48225551234'), p('601 123 456', '+48601123456')],
    emails: [],
  },
  // TR
  {
    id: 'h-tr-1',
    text: 'Cep: 0532 555 12 34',
    context: { languageCode: 'tr' },
    phones: [p('0532 555 12 34', '+905325551234')],
    emails: [],
  },
  {
    id: 'h-tr-2',
    text: 'Tel: 0 (216) 555 12 34',
    context: { languageCode: 'en' },
    phones: [p('0 (216) 555 12 34')],
    emails: [],
  },
  // MX
  {
    id: 'h-mx-1',
    text: 'Tel. 55 5555 1234',
    context: { languageCode: 'es-MX' },
    phones: [p('55 5555 1234', '+525555551234')],
    emails: [],
  },
  {
    id: 'h-mx-2',
    text: 'Celular: 044 55 1234 5678',
    context: { languageCode: 'es' },
    phones: [p('044 55 1234 5678')],
    emails: [],
  },
  // RU
  {
    id: 'h-ru-1',
    text: 'Тел.: 8 (812) 555-12-34, доб. 105',
    context: { languageCode: 'ru' },
    phones: [p('8 (812) 555-12-34', '+78125551234')],
    emails: [],
  },
  {
    id: 'h-ru-2',
    text: 'Моб. +7 921 555 12 34',
    context: { languageCode: 'ru' },
    phones: [p('+7 921 555 12 34', '+79215551234')],
    emails: [],
  },
  {
    id: 'h-ru-3',
    text: 'звоните на 8-913-555-12-34 или пишите в телеграм',
    context: { languageCode: 'ru' },
    phones: [p('8-913-555-12-34', '+79135551234')],
    emails: [],
  },
  {
    id: 'h-ru-4',
    text: 'Рабочий телефон 22-33-44 (Томск)',
    context: { languageCode: 'ru' },
    phones: [p('22-33-44')],
    emails: [],
  },
  // UA
  {
    id: 'h-ua-1',
    text: 'Телефон: 067 555 12 34',
    context: { languageCode: 'uk' },
    phones: [p('067 555 12 34', '+380675551234')],
    emails: [],
  },
  {
    id: 'h-ua-2',
    text: 'моб. (050) 555-12-34',
    context: { languageCode: 'ru' },
    phones: [p('(050) 555-12-34')],
    emails: [],
  },
  // KZ
  {
    id: 'h-kz-1',
    text: 'Тел. 8 (7172) 55-12-34',
    context: { languageCode: 'kk' },
    phones: [p('8 (7172) 55-12-34', '+77172551234')],
    emails: [],
  },
  {
    id: 'h-kz-2',
    text: 'мой номер 8 777 555 12 34',
    context: { languageCode: 'ru', defaultRegion: 'KZ' },
    phones: [p('8 777 555 12 34', '+77775551234')],
    emails: [],
  },
  // CZ, AR, ZA
  {
    id: 'h-cz-1',
    text: 'Tel.: 602 123 456',
    context: { languageCode: 'cs' },
    phones: [p('602 123 456', '+420602123456')],
    emails: [],
  },
  {
    id: 'h-ar-1',
    text: 'Tel: (011) 4555-1234',
    context: { languageCode: 'es' },
    phones: [p('(011) 4555-1234')],
    emails: [],
  },
  {
    id: 'h-za-1',
    text: 'Cell: 082 555 1234',
    context: { languageCode: 'en-ZA' },
    phones: [p('082 555 1234', '+27825551234')],
    emails: [],
  },
  // Several contacts.
  {
    id: 'h-many-1',
    text: 'Contacts: Tel. +49 30 901820, Mobil 0170 1234567, E-Mail: m.weber@firma-online.de, Vertrieb: vertrieb@firma-online.de',
    context: { languageCode: 'de' },
    phones: [p('+49 30 901820', '+4930901820'), p('0170 1234567', '+491701234567')],
    emails: ['m.weber@firma-online.de', 'vertrieb@firma-online.de'],
  },
  {
    id: 'h-many-2',
    text: 'Office: 03 9123 4567 / Mobile: 0400 111 222 / tom@harbour.net.au',
    context: { languageCode: 'en-AU' },
    phones: [p('03 9123 4567', '+61391234567'), p('0400 111 222', '+61400111222')],
    emails: ['tom@harbour.net.au'],
  },
  {
    id: 'h-many-3',
    text: 'Пишите на Anna.Kowalska@Poczta.onet.pl или a.kowalska@firma.pl, тел. 512 345 678',
    context: { languageCode: 'pl' },
    phones: [p('512 345 678', '+48512345678')],
    emails: ['anna.kowalska@poczta.onet.pl', 'a.kowalska@firma.pl'],
  },
  {
    id: 'h-mail-1',
    text: 'E-mail: tanaka@example.co.jp — mailto:sales.jp@example.co.jp',
    context: { languageCode: 'ja' },
    phones: [],
    emails: ['tanaka@example.co.jp', 'sales.jp@example.co.jp'],
  },
  {
    id: 'h-mail-2',
    text: 'Write to jean-luc.picard@exemple.fr.',
    context: { languageCode: 'fr' },
    phones: [],
    emails: ['jean-luc.picard@exemple.fr'],
  },
  // Digits that are no phone.
  {
    id: 'h-neg-1',
    text: 'Ref 4455 6677 88, quantity 250 000 units, delivery 2026-05-14',
    context: { languageCode: 'en' },
    ...none,
  },
  {
    id: 'h-neg-2',
    text: 'Lieferung nach 10115 Berlin, Rechnung Nr. 2026-104455, Betrag 12.499,00 EUR',
    context: { languageCode: 'de' },
    ...none,
  },
  {
    id: 'h-neg-3',
    text: 'Our hours are 08:30 - 18:00 Mon to Fri, ZIP 90210-1234',
    context: { languageCode: 'en-US' },
    ...none,
  },
  {
    id: 'h-neg-4',
    text: 'Pedido 4589123675 sin entregar, importe 1.299.000 COP',
    context: { languageCode: 'es' },
    ...none,
  },
  {
    id: 'h-neg-5',
    text: 'Счёт 00451 от 14.01.2026, ИНН 7707083893, 3 450 000 руб.',
    context: { languageCode: 'ru' },
    ...none,
  },
  {
    id: 'h-neg-6',
    text: 'Tracking: 1Z 999 AA1 01 2345 6784, order placed 13/02/2026',
    context: { languageCode: 'en-GB' },
    ...none,
  },
  // Forms and past dates.
  {
    id: 'h-form-1',
    text: 'Sent: 2024-11-02 09:14:55\nFrom: Marco Rossi <m.rossi@azienda.it>\nSubject: preventivo',
    context: { languageCode: 'it' },
    phones: [],
    emails: ['m.rossi@azienda.it'],
    noMeeting: 'form-date',
  },
  {
    id: 'h-form-2',
    text: 'Formulario web\nNombre: Lucía\nTeléfono: 655 12 34 56\nFecha: 2023-07-19 16:40',
    context: { languageCode: 'es-ES' },
    phones: [p('655 12 34 56', '+34655123456')],
    emails: [],
    noMeeting: 'form-date',
  },
  {
    id: 'h-form-3',
    text: 'Submitted: 2026-03-02 08:12 UTC\nCompany: Nordwind\nEmail: info@nordwind.nl',
    context: { languageCode: 'nl' },
    phones: [],
    emails: ['info@nordwind.nl'],
    noMeeting: 'form-date',
  },
  {
    id: 'h-form-4',
    text: 'Дата: 05.06.2020 12:00\nФИО: Сергей Ким\nТелефон: 8 777 555 12 34',
    context: { languageCode: 'ru-KZ' },
    phones: [p('8 777 555 12 34', '+77775551234')],
    emails: [],
    noMeeting: 'form-date',
  },
  {
    id: 'h-past-1',
    text: 'I was born on 13.04.1978 and need the pension plan info',
    context: { languageCode: 'en' },
    ...none,
    noMeeting: 'past',
  },
  {
    id: 'h-past-2',
    text: 'Мы встречались 15.10.2025, вы обещали прислать договор',
    context: { languageCode: 'ru' },
    ...none,
    noMeeting: 'past',
  },
  {
    id: 'h-meet-1',
    text: 'Давайте созвонимся 10.03.2026 в 14:00',
    context: { languageCode: 'ru' },
    ...none,
    meeting: '2026-03-10',
  },
  // Requests to talk to someone.
  {
    id: 'h-req-1',
    text: 'Could your sales director give me a ring?',
    context: { languageCode: 'en' },
    ...none,
    noPosition: true,
  },
  {
    id: 'h-req-2',
    text: 'Is there a manager I can talk to?',
    context: { languageCode: 'en' },
    ...none,
    noPosition: true,
  },
  {
    id: 'h-req-3',
    text: 'Ask the head of sales to email me',
    context: { languageCode: 'en' },
    ...none,
    noPosition: true,
  },
  {
    id: 'h-req-4',
    text: 'Пусть менеджер перезвонит мне завтра',
    context: { languageCode: 'ru' },
    ...none,
    noPosition: true,
  },
  {
    id: 'h-req-5',
    text: 'Переключите на вашего руководителя, пожалуйста',
    context: { languageCode: 'ru' },
    ...none,
    noPosition: true,
  },
  {
    id: 'h-req-6',
    text: 'I need the owner to approve this, can they call me?',
    context: { languageCode: 'en' },
    ...none,
    noPosition: true,
  },
];

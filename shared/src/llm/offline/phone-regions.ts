// Which countries a phone number written without a country code most likely belongs to, in order:
// the region of the customer's locale (`en-GB` -> GB), the countries of phones the contact already
// has, the team's default region (agent profile `defaultRegion`: a Swiss team's German-speaking
// customer writes a Swiss number), the country of the customer's language (`ru` -> RU, `sv` -> SE),
// then the script of the text (Cyrillic -> RU). A number written with
// its country code (`+46 ...`, `0046 ...`) needs none of these: its own code wins.
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneRegionHints = {
  /** The channel's language code of the customer, e.g. Telegram's `language_code` (`ru`, `en-GB`). */
  languageCode?: string;
  /** The contact's language as the app stores it (`ru`, `en`). */
  language?: string;
  /** The team's default region from the agent profile. */
  defaultRegion?: string;
  /** Phones the contact already has (E.164): their countries are likely again. */
  knownPhones?: readonly string[];
  /** The message itself: its script hints at a country when nothing else does. */
  text?: string;
};

/** Languages spoken mainly in one country. English, Spanish, Arabic ... name no single one. */
const languageRegion: Record<string, string> = {
  ru: 'RU',
  uk: 'UA',
  be: 'BY',
  kk: 'KZ',
  uz: 'UZ',
  ky: 'KG',
  tg: 'TJ',
  hy: 'AM',
  ka: 'GE',
  az: 'AZ',
  sv: 'SE',
  fi: 'FI',
  nb: 'NO',
  nn: 'NO',
  no: 'NO',
  da: 'DK',
  is: 'IS',
  et: 'EE',
  lv: 'LV',
  lt: 'LT',
  pl: 'PL',
  cs: 'CZ',
  sk: 'SK',
  hu: 'HU',
  ro: 'RO',
  bg: 'BG',
  el: 'GR',
  tr: 'TR',
  he: 'IL',
  fa: 'IR',
  hi: 'IN',
  ja: 'JP',
  ko: 'KR',
  zh: 'CN',
  vi: 'VN',
  th: 'TH',
  id: 'ID',
  ms: 'MY',
  de: 'DE',
  fr: 'FR',
  it: 'IT',
  nl: 'NL',
  pt: 'BR',
  hr: 'HR',
  sr: 'RS',
  sl: 'SI',
};

const supported = (r: string | undefined): r is string => !!r && isSupportedCountry(r);

/** The region of a locale tag with one (`en-GB`, `pt_BR`), else of its language, else none. */
export function regionOfLocale(tag: string | undefined): { own?: string; language?: string } {
  if (!tag) return {};
  const [lang, ...rest] = tag.trim().replace(/_/g, '-').split('-');
  const own = rest.find((p) => /^[a-z]{2}$/i.test(p))?.toUpperCase();
  const language = languageRegion[(lang ?? '').toLowerCase()];
  return { ...(supported(own) ? { own } : {}), ...(supported(language) ? { language } : {}) };
}

/** Candidate default regions, most likely first, without repeats. */
export function phoneRegions(hints: PhoneRegionHints): string[] {
  const locale = regionOfLocale(hints.languageCode);
  const known = (hints.knownPhones ?? []).map((p) => parsePhoneNumberFromString(p)?.country);
  const out = [
    locale.own,
    ...known,
    hints.defaultRegion?.toUpperCase(),
    locale.language,
    regionOfLocale(hints.language).language,
    hints.text && /\p{Script=Cyrillic}/u.test(hints.text) ? 'RU' : undefined,
  ];
  return [...new Set(out.filter(supported))];
}

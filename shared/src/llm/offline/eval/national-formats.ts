// Phone numbers as people in 25 countries write them at home: the national formats of the ITU-T E.164
// national numbering plans the countries notify to the ITU (trunk prefix, area code in brackets or not,
// the groups and separators in common use). Each entry: the calling code, the trunk prefix dropped in
// international form, the customer's language, and numbers written nationally. The expected E.164 is
// derived here from the digits (never by the library under test).
export type NationalFormats = {
  region: string;
  callingCode: string;
  /** The national (trunk) prefix, dropped after the calling code: `0`, `8` (RU, KZ), `1` (NANP). */
  trunk: string;
  /** The customer's language (Telegram / browser language code, without a region). */
  language: string;
  numbers: string[];
};

export const nationalFormats: NationalFormats[] = [
  {
    region: 'US',
    callingCode: '1',
    trunk: '1',
    language: 'en',
    numbers: ['(212) 736-5000', '415-555-0134', '312.555.0199', '1-646-555-0147', '(201) 555-0123 ext. 204'],
  },
  { region: 'CA', callingCode: '1', trunk: '1', language: 'en', numbers: ['(416) 555-0175', '604-555-0142'] },
  {
    region: 'GB',
    callingCode: '44',
    trunk: '0',
    language: 'en',
    numbers: ['020 7946 0958', '0161 496 0735', '07700 900461', '(0113) 496 0000'],
  },
  {
    region: 'DE',
    callingCode: '49',
    trunk: '0',
    language: 'de',
    numbers: ['030 12345678', '(089) 1234567', '0171 2345678', '0221/9876543'],
  },
  {
    region: 'FR',
    callingCode: '33',
    trunk: '0',
    language: 'fr',
    numbers: ['01 42 68 53 00', '06 12 34 56 78', '04.72.10.30.30', '09-70-12-34-56'],
  },
  {
    region: 'IT',
    callingCode: '39',
    trunk: '',
    language: 'it',
    numbers: ['06 6982 1234', '02 1234 5678', '347 123 4567'],
  },
  {
    region: 'ES',
    callingCode: '34',
    trunk: '',
    language: 'es',
    numbers: ['912 34 56 78', '612 345 678', '93 123 45 67'],
  },
  {
    region: 'NL',
    callingCode: '31',
    trunk: '0',
    language: 'nl',
    numbers: ['020-123 4567', '06-12345678', '010 123 4567'],
  },
  {
    region: 'SE',
    callingCode: '46',
    trunk: '0',
    language: 'sv',
    numbers: ['08-928 571 38', '070-123 45 67', '031-12 34 56'],
  },
  {
    region: 'NO',
    callingCode: '47',
    trunk: '',
    language: 'nb',
    numbers: ['22 12 34 56', '412 34 567', '912 34 567'],
  },
  {
    region: 'FI',
    callingCode: '358',
    trunk: '0',
    language: 'fi',
    numbers: ['09 1234 567', '040 123 4567', '050 123 4567'],
  },
  {
    region: 'PL',
    callingCode: '48',
    trunk: '',
    language: 'pl',
    numbers: ['22 123 45 67', '512 345 678', '601 234 567'],
  },
  {
    region: 'RU',
    callingCode: '7',
    trunk: '8',
    language: 'ru',
    numbers: ['8 (495) 123-45-67', '8 916 123 45 67', '(812) 123-45-67', '8-800-555-35-35', '89031234567'],
  },
  {
    region: 'UA',
    callingCode: '380',
    trunk: '0',
    language: 'uk',
    numbers: ['044 123 4567', '050 123 4567', '(067) 123-45-67'],
  },
  {
    region: 'KZ',
    callingCode: '7',
    trunk: '8',
    language: 'ru',
    numbers: ['8 (727) 123 45 67', '8 701 123 45 67'],
  },
  {
    region: 'TR',
    callingCode: '90',
    trunk: '0',
    language: 'tr',
    numbers: ['0212 345 67 89', '0532 123 45 67'],
  },
  {
    region: 'BR',
    callingCode: '55',
    trunk: '',
    language: 'pt',
    numbers: ['(11) 91234-5678', '(21) 3456-7890'],
  },
  { region: 'MX', callingCode: '52', trunk: '', language: 'es', numbers: ['55 1234 5678', '33 1234 5678'] },
  { region: 'IN', callingCode: '91', trunk: '0', language: 'hi', numbers: ['98765 43210', '011 2345 6789'] },
  {
    region: 'JP',
    callingCode: '81',
    trunk: '0',
    language: 'ja',
    numbers: ['03-1234-5678', '090-1234-5678', '06-6123-4567'],
  },
  {
    region: 'AU',
    callingCode: '61',
    trunk: '0',
    language: 'en',
    numbers: ['(02) 9876 5432', '0412 345 678', '03 9123 4567'],
  },
  {
    region: 'CH',
    callingCode: '41',
    trunk: '0',
    language: 'de',
    numbers: ['044 668 18 00', '079 123 45 67'],
  },
  { region: 'AT', callingCode: '43', trunk: '0', language: 'de', numbers: ['01 234 56 78', '0664 123 4567'] },
  { region: 'BE', callingCode: '32', trunk: '0', language: 'fr', numbers: ['02 123 45 67', '0470 12 34 56'] },
  {
    region: 'CN',
    callingCode: '86',
    trunk: '0',
    language: 'zh',
    numbers: ['010 1234 5678', '138 0013 8000'],
  },
];

/** The E.164 form of a nationally written number: calling code + digits without the trunk prefix. */
export function e164Of(f: NationalFormats, written: string): string {
  const [main, ext] = written.split(/\s*ext\.\s*/);
  let digits = (main ?? '').replace(/\D/g, '');
  if (f.trunk && digits.startsWith(f.trunk) && digits.length > nsnLength(f))
    digits = digits.slice(f.trunk.length);
  return `+${f.callingCode}${digits}${ext ? `;ext=${ext}` : ''}`;
}

/** The usual national significant number length, to tell a trunk prefix from a first digit. */
const nsnLength = (f: NationalFormats) => ({ '1': 10, '7': 10, '33': 9, '44': 10 })[f.callingCode] ?? 7;

// A contact a person types (the Contacts screen's "New contact"): the name required, an e-mail that
// reads as one, and a phone that libphonenumber-js (the library the extraction uses) validates,
// written in E.164; a national number is read in the region of the person's locale (`ru-RU`: RU).
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type ContactInput = { name: string; email: string; phone: string };
export type ContactInputProblem = 'name-required' | 'email-invalid' | 'phone-invalid';

/** The region of a BCP 47 tag (`en-GB` → GB), undefined without one. */
export function regionOfTag(tag: string | undefined): CountryCode | undefined {
  const region = tag?.match(/-([A-Za-z]{2})\b/)?.[1]?.toUpperCase();
  return region as CountryCode | undefined;
}

/** The phone in E.164 when it is a valid number (international form, or national in `region`). */
export function phoneE164(value: string, region?: CountryCode): string | undefined {
  const n = parsePhoneNumberFromString(value.trim(), region ? { defaultCountry: region } : {});
  return n?.isValid() ? n.number : undefined;
}

/** Where a national number is read when the team's profile names no region (`defaultRegion`). */
export const DEFAULT_PHONE_REGION: CountryCode = 'RU';

/**
 * A phone as every writing path stores it (issue 60: one number typed two ways was two contacts): E.164
 * when it is a valid number, a national one read in `region` (the team's, else RU: `8 (915) 123-45-67`
 * and `+7 915 123 45 67` are both `+79151234567`); what does not parse stays as typed, trimmed.
 */
export function normalPhone(value: string, region?: string): string {
  const typed = value.trim();
  const country = region && isSupportedCountry(region) ? region : DEFAULT_PHONE_REGION;
  return phoneE164(typed, country) ?? typed;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is wrong with a typed contact (none: an empty list) and its phone as it is stored. */
export function checkContactInput(
  input: ContactInput,
  region?: CountryCode,
): { problems: ContactInputProblem[]; phone?: string } {
  const problems: ContactInputProblem[] = [];
  if (!input.name.trim()) problems.push('name-required');
  const email = input.email.trim();
  if (email && (!emailPattern.test(email) || email.length > 254)) problems.push('email-invalid');
  const typed = input.phone.trim();
  const phone = typed ? phoneE164(typed, region) : undefined;
  if (typed && !phone) problems.push('phone-invalid');
  return { problems, ...(phone ? { phone } : {}) };
}

/**
 * A stored phone as people read it: in the viewer's own country (`viewerRegion`) in its national form
 * (`8 (912) 345-67-89`, `(415) 555-0143`), any other in the international one (`+1 415 555 0143`);
 * as it was when it does not parse.
 */
export function phoneShown(value: string, viewerRegion?: string): string {
  const n = parsePhoneNumberFromString(value);
  if (!n?.isValid()) return value;
  return viewerRegion && n.country === viewerRegion.toUpperCase()
    ? n.formatNational()
    : n.formatInternational();
}

/** The region a viewer reads phones from: the browser's when it speaks the UI's language, else its usual one. */
export function viewerRegion(uiLanguage: 'ru' | 'en', browserLanguage?: string): string {
  const m = /^([a-z]{2,3})[-_]([A-Za-z]{2})\b/.exec(browserLanguage ?? '');
  if (m && m[1]!.toLowerCase() === uiLanguage) return m[2]!.toUpperCase();
  return uiLanguage === 'ru' ? 'RU' : 'US';
}

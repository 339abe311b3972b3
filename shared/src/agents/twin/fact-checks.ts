// Semantic checks on what a model says about a customer, before it reaches the contact: a schema only
// says "a string", so a weak model's `name: "23-020020.03-00020000Z"` or `company: "{\"facts\""` would
// be saved and overwrite the real name. Used on the twin builder's extracted facts and on the
// save_client_info tool's arguments. The rules (extract-contact.ts) never need them: they only take
// what has the shape.
import { contactPointKey } from '../../schemas/index';

const markup = /<\/?[a-z_|]+[^>]*>|\{\s*"|"\s*:\s*[[{"]|```/i;

/** Why a value is not plausible for the key; undefined when it is. */
export function implausibleFact(key: string, value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'empty';
  if (markup.test(v)) return 'holds markup or JSON';
  const letters = [...v].filter((c) => /\p{L}/u.test(c)).length;
  const digits = [...v].filter((c) => /\d/.test(c)).length;
  switch (key) {
    case 'name': {
      if (digits > 0) return 'a name has no digits';
      if (v.length > 100) return 'too long for a name';
      if (!/^[\p{L}\p{M}][\p{L}\p{M}'’.\- ]*$/u.test(v)) return 'a name is letters, spaces, hyphens';
      if (v.split(/\s+/).length > 5) return 'too many words for a name';
      return undefined;
    }
    case 'phone': {
      const n = v.replace(/\D/g, '').length;
      if (letters > 3) return 'a phone is digits';
      return n >= 6 && n <= 18 ? undefined : 'a phone has 6 to 15 digits';
    }
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(v) ? undefined : 'not an e-mail address';
    case 'company':
    case 'position':
      if (letters === 0) return `a ${key} has letters`;
      if (digits > letters) return `mostly digits for a ${key}`;
      return v.length > 200 ? `too long for a ${key}` : undefined;
    case 'budget':
    case 'team_size':
      return digits > 0 ? undefined : `a ${key} has a number`;
    case 'meeting_at':
      return Number.isNaN(Date.parse(v)) ? 'not a date and time' : undefined;
    default:
      return letters + digits === 0 ? 'no letters or digits' : undefined;
  }
}

/**
 * Whether the customer's text holds the phone or e-mail: a model's contact detail that the customer
 * never typed is invented (or another person's from the prompt).
 */
export function typedIn(text: string, key: 'phone' | 'email', value: string): boolean {
  if (key === 'email') return text.toLowerCase().includes(value.trim().toLowerCase());
  const digits = value.replace(/\D/g, '');
  const typed = text.replace(/\D/g, '');
  // The national number's last digits are enough (+7 999... typed as 8 999...).
  return digits.length >= 6 && typed.includes(digits.slice(-Math.min(digits.length, 9)));
}

/** Same contact point (phones compared in E.164 form, e-mails case-insensitively). */
export const samePoint = (key: 'phone' | 'email', a: string, b: string) =>
  contactPointKey(key, a) === contactPointKey(key, b);

import { describe, expect, it } from 'vitest';
import { checkContactInput, normalPhone, phoneE164, regionOfTag } from './contact-input';

describe('a typed contact', () => {
  it('needs a name, a readable e-mail and a valid phone, stored in E.164', () => {
    expect(checkContactInput({ name: ' ', email: '', phone: '' }).problems).toEqual(['name-required']);
    expect(checkContactInput({ name: 'Ann', email: 'ann@', phone: '' }).problems).toEqual(['email-invalid']);
    expect(checkContactInput({ name: 'Ann', email: '', phone: '12345' }).problems).toEqual(['phone-invalid']);
    expect(checkContactInput({ name: 'Ann', email: 'ann@example.com', phone: '+1 415 555 2671' })).toEqual({
      problems: [],
      phone: '+14155552671',
    });
  });

  it("reads a national number in the locale's region", () => {
    expect(regionOfTag('ru-RU')).toBe('RU');
    expect(regionOfTag('en')).toBeUndefined();
    expect(phoneE164('8 (912) 345-67-89', 'RU')).toBe('+79123456789');
    expect(phoneE164('8 (912) 345-67-89')).toBeUndefined();
  });

  it('stores one form of a number however it was typed: E.164, national numbers in the team region (RU by default)', () => {
    const typed = [
      '8 (915) 123-45-67',
      '+7 915 123-45-67',
      '+79151234567',
      '(915) 123 45 67',
      ' 79151234567 ',
    ];
    expect(new Set(typed.map((p) => normalPhone(p)))).toEqual(new Set(['+79151234567']));
    expect(normalPhone('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(normalPhone('+44 20 7946 0958', 'RU')).toBe('+442079460958');
    // An unknown region reads as RU; what is not a number stays as typed.
    expect(normalPhone('8 915 123 45 67', 'XX')).toBe('+79151234567');
    expect(normalPhone(' ask reception ')).toBe('ask reception');
  });
});

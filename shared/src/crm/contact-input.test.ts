import { describe, expect, it } from 'vitest';
import { checkContactInput, phoneE164, regionOfTag } from './contact-input';

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
});

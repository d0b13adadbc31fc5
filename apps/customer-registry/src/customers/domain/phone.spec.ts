import fc from 'fast-check';
import { normalizePhone } from './phone';

function e164(input: string, country?: string): string | undefined {
  const r = normalizePhone(input, country);
  return r.ok ? r.e164 : undefined;
}

describe('normalizePhone', () => {
  describe('Haiti (+509, 8-digit national numbers)', () => {
    it.each([
      ['3700 7294', '+50937007294'],
      ['37007294', '+50937007294'],
      ['3700-7294', '+50937007294'],
      ['4700 7294', '+50947007294'],
      ['50937007294', '+50937007294'], // MonCash sends the country code without the plus
      ['+509 3700 7294', '+50937007294'],
      ['(509) 3700-7294', '+50937007294'],
      ['00509 3700 7294', '+50937007294'],
      [' +50937007294 ', '+50937007294'],
    ])('%j in HT → %s', (input, expected) => {
      expect(normalizePhone(input, 'HT')).toEqual({ ok: true, e164: expected });
    });
  });

  describe('East Africa', () => {
    it.each([
      ['0712 345 678', 'KE', '+254712345678'],
      ['0712345678', 'KE', '+254712345678'],
      ['712345678', 'KE', '+254712345678'],
      ['254712345678', 'KE', '+254712345678'], // Daraja's MSISDN form
      ['+254 712 345 678', 'KE', '+254712345678'],
      ['0788 123 456', 'RW', '+250788123456'],
      ['250788123456', 'RW', '+250788123456'],
      ['0772 123456', 'UG', '+256772123456'],
      ['256772123456', 'UG', '+256772123456'],
      ['0754 123 456', 'TZ', '+255754123456'],
      ['255754123456', 'TZ', '+255754123456'],
    ])('%j in %s → %s', (input, country, expected) => {
      expect(e164(input, country)).toBe(expected);
    });
  });

  it('reads a number with its country code without the plus whatever the default country', () => {
    expect(e164('254712345678', 'HT')).toBe('+254712345678');
    expect(e164('50937007294', 'KE')).toBe('+50937007294');
    expect(e164('250788123456')).toBe('+250788123456');
  });

  it('prefers the local reading in the default country', () => {
    expect(e164('0788 123 456', 'RW')).toBe('+250788123456');
    expect(e164('37007294', 'HT')).toBe('+50937007294');
  });

  it('takes the default country in any case and ignores one it does not know', () => {
    expect(e164('37007294', 'ht')).toBe('+50937007294');
    expect(e164('+50937007294', 'ZZ')).toBe('+50937007294');
    expect(normalizePhone('37007294', 'ZZ').ok).toBe(false);
  });

  it('needs a country code when there is no default country', () => {
    expect(e164('+50937007294')).toBe('+50937007294');
    expect(normalizePhone('37007294')).toEqual({ ok: false, reason: 'not a valid phone number; give it with its country code' });
  });

  it.each([
    ['', 'HT'],
    ['   ', 'HT'],
    ['12345', 'HT'], // too short
    ['3700729', 'HT'], // 7 digits
    ['370072944', 'HT'], // 9 digits, and not valid with a country code either
    ['0712 345 678', 'HT'], // a Kenyan local number is not a Haitian one
    ['+509 1700 7294', 'HT'], // no Haitian number starts with 1
    ['+2540712', 'KE'],
    ['tel:+50937007294', 'HT'],
    ['+50937007294 ext 12', 'HT'],
    ['3700 72a4', 'HT'],
    ['++50937007294', 'HT'],
    ['+', 'HT'],
  ])('rejects %j (default %s)', (input, country) => {
    const r = normalizePhone(input, country);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/phone number/);
  });

  it('names the default country in the reason', () => {
    expect(normalizePhone('0712 345 678', 'HT')).toEqual({ ok: false, reason: 'not a valid phone number for HT or with a country code' });
  });

  it('reads every Haitian mobile number in every typed form as E.164, and normalising the result again changes nothing', () => {
    const haitian = fc.tuple(fc.constantFrom('3', '4'), fc.stringMatching(/^\d{7}$/)).map(([a, b]) => a + b);
    const spacing = fc.constantFrom((d: string) => d, (d: string) => `${d.slice(0, 4)} ${d.slice(4)}`, (d: string) => `509${d}`, (d: string) => `00509-${d}`);
    fc.assert(
      fc.property(haitian, spacing, (digits, format) => {
        const r = normalizePhone(format(digits), 'HT');
        return r.ok && r.e164 === `+509${digits}` && e164(r.e164, 'KE') === r.e164;
      }),
    );
  });
});

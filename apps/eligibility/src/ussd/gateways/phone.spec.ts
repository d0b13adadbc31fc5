import { msisdnToE164 } from './phone';

describe('msisdnToE164', () => {
  it('reads every form gateways send as the same E.164 number', () => {
    for (const raw of ['+250788123456', '250788123456', '0788123456', '788123456', '00250 788 123 456', '(0788)-123.456']) {
      expect(msisdnToE164(raw)).toBe('+250788123456');
    }
  });

  it('gives the same answer the second time a number comes (remembered), right or wrong', () => {
    expect(msisdnToE164('+250788654321')).toBe('+250788654321');
    expect(msisdnToE164('+250788654321')).toBe('+250788654321');
    expect(msisdnToE164('+2507')).toBeNull();
    expect(msisdnToE164('12345')).toBeNull();
    expect(msisdnToE164('12345')).toBeNull();
    expect(msisdnToE164('not a number')).toBeNull();
    expect(msisdnToE164('')).toBeNull();
    expect(msisdnToE164(null)).toBeNull();
  });

  it('stays right past the size of what it remembers', () => {
    for (let i = 0; i < 20_500; i++) expect(msisdnToE164(`+25078${String(i).padStart(7, '0')}`)).toBe(`+25078${String(i).padStart(7, '0')}`);
    expect(msisdnToE164('0788123456')).toBe('+250788123456');
  });
});

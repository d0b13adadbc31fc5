import fc from 'fast-check';
import { capSeptets, isGsm7, nonGsm7Characters, septetLength, toGsm7, USSD_MAX_SEPTETS } from './gsm7';

describe('GSM-7', () => {
  it('accepts the basic alphabet, Kinyarwanda with the ASCII apostrophe, and the extension table', () => {
    expect(isGsm7("Andika nimero y'indangamuntu (imibare 16):\n0 Inyuma 00 Ahabanza")).toBe(true);
    expect(isGsm7('@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà')).toBe(true);
    expect(isGsm7('^{}\\[~]|€')).toBe(true);
  });

  it.each([
    ['typographic apostrophe', 'y\u2019umudugudu'],
    ['NBSP', 'Akana\u00A0ka'],
    ['e with circumflex', 'fête'],
    ['lower-case c cedilla', 'français'],
    ['emoji', 'Murakoze \u{1F600}'],
    ['en dash', 'a \u2013 b'],
  ])('refuses a %s', (_what, text) => {
    expect(isGsm7(text)).toBe(false);
    expect(septetLength(text)).toBe(Infinity);
    expect(nonGsm7Characters(text)).toHaveLength(1);
  });

  it('counts septets, extension characters as two', () => {
    expect(septetLength('')).toBe(0);
    expect(septetLength('abc')).toBe(3);
    expect(septetLength('a\nb')).toBe(3);
    expect(septetLength('[1]')).toBe(5);
    expect(septetLength('€5')).toBe(3);
    expect(USSD_MAX_SEPTETS).toBe(182);
  });

  it('normalises outside text to GSM-7', () => {
    expect(toGsm7('  Akana\u00A0ka   Mageragere ')).toBe('Akana ka Mageragere');
    expect(toGsm7('y\u2019umudugudu \u201Cx\u201D a\u2013b')).toBe('y\'umudugudu "x" a-b');
    expect(toGsm7('fête français Gisényi')).toBe('fete francais Gisényi');
    expect(toGsm7('Solar \u{1F31E} Kit')).toBe('Solar Kit');
  });

  it('toGsm7 always gives GSM-7 (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => isGsm7(toGsm7(s))));
  });

  it('caps text by septets, marking the cut', () => {
    expect(capSeptets('Short', 20)).toBe('Short');
    expect(capSeptets('A very long product name indeed', 20)).toBe('A very long product.');
    expect(capSeptets('Solar home system 50W', 20)).toBe('Solar home system.'); // not "system 5."
    expect(septetLength(capSeptets('[[[[[[[[[[[[[[[[[[', 20))).toBeLessThanOrEqual(20);
    fc.assert(fc.property(fc.string().map(toGsm7), fc.integer({ min: 2, max: 40 }), (s, max) => septetLength(capSeptets(s, max)) <= max));
  });
});

import fc from 'fast-check';
import { normalizeIdentifier } from './identifiers';

describe('normalizeIdentifier', () => {
  it.each([
    ['SM0252SHG', 'SM0252SHG'],
    ['  sm-0252 shg ', 'SM0252SHG'],
    ['sm–0252—shg', 'SM0252SHG'],
    ['1234-5678-9', '123456789'],
    ['ab\t12\n', 'AB12'],
    ['ＳＭ０２５２', 'SM0252'],
    ['A/B.C_1', 'A/B.C_1'],
    [' - ', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeIdentifier(input)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => normalizeIdentifier(normalizeIdentifier(s)) === normalizeIdentifier(s)));
  });

  it('ignores case, spaces and dashes wherever they are', () => {
    const alnum = fc.stringMatching(/^[A-Za-z0-9]{1,20}$/);
    const separators = fc.array(fc.constantFrom(' ', '-', '  ', ' - '), { minLength: 21, maxLength: 21 });
    fc.assert(
      fc.property(alnum, separators, (id, seps) => {
        const decorated = id.split('').map((ch, i) => seps[i] + (i % 2 ? ch.toLowerCase() : ch)).join('') + seps[20];
        return normalizeIdentifier(decorated) === id.toUpperCase();
      }),
    );
  });
});

import { findNulField } from './nul-guard';

describe('findNulField', () => {
  it('finds nothing in clean values', () => {
    for (const v of [undefined, null, 42, true, '', 'a b', {}, [], { a: 'x', b: [1, 'y', { c: 'z' }] }]) expect(findNulField(v)).toBeNull();
  });

  it.each([
    [{ name: 'a\u0000b' }, 'name'],
    [{ code: 'X4', name: 'ok', address: { city: '\u0000' } }, 'address.city'],
    [{ items: [{ name: 'ok' }, { name: 'x\u0000' }] }, 'items[1].name'],
    [{ tags: ['a', 'b\u0000'] }, 'tags[1]'],
    [[{ name: '\u0000' }], '[0].name'],
    [{ matrix: [[], ['', '\u0000']] }, 'matrix[1][1]'],
    ['\u0000', '(body)'],
  ])('names the path of a NUL in a value: %p', (value, path) => {
    expect(findNulField(value)).toBe(path);
  });

  it('finds a NUL in a key, shown as \\0', () => {
    expect(findNulField({ 'na\u0000me': 'x' })).toBe('na\\0me');
    expect(findNulField({ a: { 'b\u0000': 1 } })).toBe('a.b\\0');
  });

  it('reports the first in document order', () => {
    expect(findNulField({ a: 'ok', b: ['\u0000'], c: '\u0000' })).toBe('b[0]');
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNulField(deep)).toBe('[0]'.repeat(100_000));
  });
});

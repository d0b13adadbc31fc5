import { findUnsafeContent } from './body-content-guard';

const nul = (field: string) => ({ field, problem: `${field} must not contain a NUL character` });
const surrogate = (field: string) => ({ field, problem: `${field} must not contain an unpaired surrogate (a \\uD800-\\uDFFF escape that is not half of a pair)` });
const reserved = (field: string, key: string) => ({ field, problem: `property ${key} should not exist` });

describe('findUnsafeContent', () => {
  it('finds nothing in clean values', () => {
    for (const v of [undefined, null, 42, true, '', 'a b', {}, [], { a: 'x', b: [1, 'y', { c: 'z' }] }, { emoji: '😀 \ud83d\ude00', name: 'Ndayisaba' }]) {
      expect(findUnsafeContent(v)).toBeNull();
    }
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
    expect(findUnsafeContent(value)).toEqual(nul(path));
  });

  it('finds a NUL in a key, shown as \\0', () => {
    expect(findUnsafeContent({ 'na\u0000me': 'x' })).toEqual(nul('na\\0me'));
    expect(findUnsafeContent({ a: { 'b\u0000': 1 } })).toEqual(nul('a.b\\0'));
  });

  it.each([
    [{ note: '\ud800' }, 'note'],
    [{ note: 'x\udc00' }, 'note'],
    [{ note: '\ude00\ud83d' }, 'note'], // both halves, in the wrong order
    [{ items: [{ name: 'ok' }, { name: 'a\udbffb' }] }, 'items[1].name'],
    ['\ud800', '(body)'],
  ])('names the path of an unpaired surrogate in a value: %p', (value, path) => {
    expect(findUnsafeContent(value)).toEqual(surrogate(path));
  });

  it('finds an unpaired surrogate in a key, shown escaped', () => {
    expect(findUnsafeContent({ transactionId: '1', '\udc00': 1 })).toEqual(surrogate('\\udc00'));
    expect(findUnsafeContent({ a: [{ 'x\ud800': 1 }] })).toEqual(surrogate('a[0].x\\ud800'));
  });

  it.each(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', '__defineGetter__'])(
    'refuses a key named like a member of Object.prototype: %s',
    (key) => {
      expect(findUnsafeContent(JSON.parse(`{"name":"x","${key}":{"isAdmin":true}}`))).toEqual(reserved(key, key));
      expect(findUnsafeContent(JSON.parse(`{"devices":[{"serial":"1"},{"${key}":1}]}`))).toEqual(reserved(`devices[1].${key}`, key));
    },
  );

  it('takes such names as values, and keys that only resemble them', () => {
    expect(findUnsafeContent({ name: '__proto__', note: 'constructor', Constructor: 1, toStringX: 2, proto: 3 })).toBeNull();
  });

  it('reports the first in document order', () => {
    expect(findUnsafeContent({ a: 'ok', b: ['\u0000'], c: '\ud800' })).toEqual(nul('b[0]'));
    expect(findUnsafeContent({ a: 'ok', b: ['\ud800'], c: '\u0000' })).toEqual(surrogate('b[0]'));
  });

  it('cuts a long key in the path it echoes', () => {
    const found = findUnsafeContent({ ['k'.repeat(10_000) + '\u0000']: 1 });
    expect(found?.field.length).toBeLessThanOrEqual(201);
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeContent(deep)).toEqual(nul('[0]'.repeat(100_000)));
  });
});

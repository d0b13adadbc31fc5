import fc from 'fast-check';
import { MAX_BODY_DEPTH, nestsDeeperThan } from './body-depth';

/** `{"x": [[…]]}`: an object holding arrays, `depth` levels in all. */
const nested = (depth: number) => `{"x":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
const depthOf = (text: string) => {
  for (let d = 0; d < 100; d++) if (!nestsDeeperThan(JSON.parse(text), d)) return d;
  return Infinity;
};

describe('nestsDeeperThan', () => {
  it('counts each object or array as one level, scalars as none', () => {
    expect(depthOf('"x"')).toBe(0);
    expect(depthOf('42')).toBe(0);
    expect(depthOf('null')).toBe(0);
    expect(depthOf('{}')).toBe(1);
    expect(depthOf('[]')).toBe(1);
    expect(depthOf('{"a":1,"b":"x"}')).toBe(1);
    expect(depthOf('{"a":[1]}')).toBe(2);
    expect(depthOf('[{"a":{"b":[]}}]')).toBe(4);
    expect(depthOf(nested(5))).toBe(5);
  });

  it('takes the deepest branch, wherever it is', () => {
    expect(depthOf('{"a":[],"b":{"c":{"d":[[]]}},"e":1}')).toBe(5);
    expect(depthOf('[[[[]]],[],{"x":[[[[[]]]]]}]')).toBe(7);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(depthOf(`{"a":"${'['.repeat(100)}${'{'.repeat(100)}"}`)).toBe(1);
    expect(depthOf(`{"a":"\\"${'['.repeat(50)}\\"","b":"\\\\"}`)).toBe(1);
    expect(depthOf(`{"${'{'.repeat(40)}":"\\"}${'['.repeat(40)}"}`)).toBe(1);
    // An escaped quote does not end the string: the brackets after it are still inside.
    expect(depthOf(`["\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\""]`)).toBe(1);
  });

  it(`allows exactly ${MAX_BODY_DEPTH} levels and refuses ${MAX_BODY_DEPTH + 1}`, () => {
    expect(nestsDeeperThan(JSON.parse(nested(MAX_BODY_DEPTH)), MAX_BODY_DEPTH)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(nested(MAX_BODY_DEPTH + 1)), MAX_BODY_DEPTH)).toBe(true);
    const objects = (depth: number) => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);
    expect(nestsDeeperThan(JSON.parse(objects(MAX_BODY_DEPTH)), MAX_BODY_DEPTH)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(objects(MAX_BODY_DEPTH + 1)), MAX_BODY_DEPTH)).toBe(true);
  });

  it('checks a body nested far deeper than the stack allows recursion, without overflowing', () => {
    // 64 kB of brackets: the deepest body the platform's size limit lets through.
    expect(nestsDeeperThan(JSON.parse(nested(32_000)), MAX_BODY_DEPTH)).toBe(true);
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = { a: deep };
    expect(nestsDeeperThan(deep, 199_999)).toBe(true);
    expect(nestsDeeperThan(deep, 200_000)).toBe(false);
  });

  it('agrees with a recursive count on any JSON value', () => {
    const recursiveDepth = (v: unknown): number =>
      typeof v === 'object' && v !== null ? 1 + Math.max(0, ...(Array.isArray(v) ? v : Object.values(v)).map(recursiveDepth)) : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.nat(10), (value, limit) => {
        expect(nestsDeeperThan(value, limit)).toBe(recursiveDepth(value) > limit);
      }),
    );
  });
});

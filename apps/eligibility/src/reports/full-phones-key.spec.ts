import { presentsPiiKey } from './full-phones-key';

describe('presentsPiiKey', () => {
  const key = 'pii-key-0123456789';

  it('is true only for the configured key itself', () => {
    expect(presentsPiiKey(key, key)).toBe(true);
    expect(presentsPiiKey([key], key)).toBe(true);
    for (const wrong of [undefined, '', 'pii-key-012345678', `${key}x`, ['other', key]]) expect(presentsPiiKey(wrong, key)).toBe(false);
  });

  it('an unset key is nobody, even presented empty', () => {
    expect(presentsPiiKey('', '')).toBe(false);
    expect(presentsPiiKey(undefined, '')).toBe(false);
    expect(presentsPiiKey(key, '')).toBe(false);
  });
});

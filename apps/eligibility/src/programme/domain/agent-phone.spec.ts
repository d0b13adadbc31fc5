import { normalizeAgentPhone } from './agent-phone';

describe('normalizeAgentPhone', () => {
  it.each([
    ['+250788123456', '+250788123456'],
    ['0788123456', '+250788123456'],
    ['0788 123 456', '+250788123456'],
    ['0722-123-456', '+250722123456'],
    ['00250788123456', '+250788123456'],
    ['+254712345678', '+254712345678'],
  ])('%p → %p', (input, e164) => {
    expect(normalizeAgentPhone(input)).toEqual({ ok: true, e164 });
  });

  it.each([['07881234'], ['+250 12'], ['tel:0788123456'], ['0788123456 ext 2'], ['']])('refuses %p', (input) => {
    expect(normalizeAgentPhone(input).ok).toBe(false);
  });
});

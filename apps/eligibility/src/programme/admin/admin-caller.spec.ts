import { ADMIN_KEY_CALLER, callerOfApiKey, PII_KEY_CALLER } from './admin-caller';

describe('callerOfApiKey', () => {
  const keys = { ELIGIBILITY_ADMIN_API_KEY: 'admin-key-0123', ELIGIBILITY_PII_API_KEY: 'pii-key-0123456789' };

  it('knows the admin key and the PII key, and nothing else', () => {
    expect(callerOfApiKey('admin-key-0123', keys)).toBe(ADMIN_KEY_CALLER);
    expect(callerOfApiKey('pii-key-0123456789', keys)).toBe(PII_KEY_CALLER);
    for (const wrong of [undefined, '', 'admin-key-0123x', 'pii-key-012345678']) expect(callerOfApiKey(wrong, keys)).toBeNull();
  });

  it('an unset PII key is nobody, even presented empty', () => {
    const noPii = { ...keys, ELIGIBILITY_PII_API_KEY: '' };
    expect(callerOfApiKey('', noPii)).toBeNull();
    expect(callerOfApiKey('pii-key-0123456789', noPii)).toBeNull();
  });

  it('only the PII key may have full phones; it does not manage the programme', () => {
    expect([...ADMIN_KEY_CALLER.permissions].sort()).toEqual(['programme.manage', 'reports.read']);
    expect([...PII_KEY_CALLER.permissions].sort()).toEqual(['reports.fullPhones', 'reports.read']);
  });
});

import { maskForAudit } from './audit-masking';

describe('maskForAudit', () => {
  it('masks phones, names, national ids and e-mails with the log helpers, at any depth', () => {
    const masked = maskForAudit({
      id: 'c-1',
      name: 'Marie-Claire Joseph',
      phone: '+50937007294',
      nationalId: '1199880012345678',
      email: 'marie@example.org',
      accountNumber: 'LIM-0001-7',
      devices: [{ serial: 'SM-1', contact: { phoneNumber: '+250788123456', fullName: 'Jean Bosco' } }],
    });
    expect(masked).toEqual({
      id: 'c-1',
      name: 'M. J.',
      phone: '+509*****294',
      nationalId: '************5678',
      email: 'm***@example.org',
      accountNumber: 'LIM-0001-7',
      devices: [{ serial: 'SM-1', contact: { phoneNumber: '+250******456', fullName: 'J. B.' } }],
    });
  });

  it('never keeps a secret, whatever it is called', () => {
    const masked = maskForAudit({ password: 'hunter2', clientSecret: 's3cr3t', apiKey: 'lim_abc', pinHash: 'x', settings: { accessToken: 't', api_key: 'k' } });
    expect(JSON.stringify(masked)).not.toMatch(/hunter2|s3cr3t|lim_abc|"x"|"t"|"k"/);
    expect(masked).toEqual({ password: '[redacted]', clientSecret: '[redacted]', apiKey: '[redacted]', pinHash: '[redacted]', settings: { accessToken: '[redacted]', api_key: '[redacted]' } });
  });

  it('keeps the names a caller says are not a person\'s, and everything else as it is', () => {
    const when = new Date('2026-12-01T10:00:00Z');
    expect(maskForAudit({ name: 'Solar Co', tier: 2, active: true, at: when, siteId: null }, { keep: ['name'] })).toEqual({
      name: 'Solar Co', tier: 2, active: true, at: '2026-12-01T10:00:00.000Z', siteId: null,
    });
  });

  it('masks a list of phones and passes null and scalars through', () => {
    expect(maskForAudit({ phones: ['+50937007294', '+50937001111'] })).toEqual({ phones: ['+509*****294', '+509*****111'] });
    expect(maskForAudit(null)).toBeNull();
    expect(maskForAudit(42)).toBe(42);
  });
});

import { ConfigError, loadEnv } from '@limye/platform';
import { EligibilityEnv } from './eligibility.env';

describe('EligibilityEnv', () => {
  it('takes the programme defaults', () => {
    const env = loadEnv(EligibilityEnv, {});
    expect(env.RBF_INCENTIVE_PERCENT).toBe('1:90,2:70,3:45,4:0');
    expect(env.RBF_RESERVATION_DAYS).toBe(14);
    expect(env.USSD_SESSION_TTL_S).toBe(180);
  });

  it('has no PII key and masked daily files unless configured', () => {
    expect(loadEnv(EligibilityEnv, {})).toMatchObject({ ELIGIBILITY_PII_API_KEY: '', REPORTS_EXPORT_PHONES: 'masked' });
    expect(loadEnv(EligibilityEnv, { ELIGIBILITY_PII_API_KEY: 'a-pii-key-0123456789', REPORTS_EXPORT_PHONES: 'full' }))
      .toMatchObject({ ELIGIBILITY_PII_API_KEY: 'a-pii-key-0123456789', REPORTS_EXPORT_PHONES: 'full' });
  });

  it.each([
    [{ RBF_INCENTIVE_PERCENT: '1:120' }, 'RBF_INCENTIVE_PERCENT'],
    [{ RBF_INCENTIVE_PERCENT: '1:90,1:70' }, 'RBF_INCENTIVE_PERCENT'],
    [{ RBF_CATEGORY_MAP: 'A:4,A:3' }, 'RBF_CATEGORY_MAP'],
    [{ RBF_BUDGETS_RWF: '1:100,1:200' }, 'RBF_BUDGETS_RWF'],
    [{ OMIS_BASE_URL: 'https://omis.example.rw' }, 'OMIS_API_KEY'],
    [{ ELIGIBILITY_PII_API_KEY: 'short-key' }, 'ELIGIBILITY_PII_API_KEY'],
    [{ REPORTS_EXPORT_PHONES: 'yes' }, 'REPORTS_EXPORT_PHONES'],
  ])('refuses %p naming %s', (source, variable) => {
    expect(() => loadEnv(EligibilityEnv, source)).toThrow(ConfigError);
    expect(() => loadEnv(EligibilityEnv, source)).toThrow(variable);
  });
});

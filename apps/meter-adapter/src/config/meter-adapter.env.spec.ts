import { ConfigError, loadEnv } from '@limye/platform';
import { MeterAdapterEnv } from './meter-adapter.env';

function problems(source: Record<string, string>): string[] {
  try {
    loadEnv(MeterAdapterEnv, source);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('MeterAdapterEnv', () => {
  it('starts on defaults (the local sandbox)', () => {
    const env = loadEnv(MeterAdapterEnv, {});
    expect(env).toMatchObject({ METER_ADAPTER_PORT: 3004, SPARKMETER_DEFAULT_API: 'koios', VENDOR_TIMEOUT_MS: 10000, DELIVERY_MAX_ATTEMPTS: 50 });
  });

  it('refuses the sandbox credentials for a real vendor host, without printing them', () => {
    const found = problems({ SPARKMETER_KOIOS_BASE_URL: 'https://www.sparkmeter.cloud', SPARKMETER_THUNDERCLOUD_BASE_URL: 'https://site.sparkmeter.cloud/api/v0' });
    expect(found.map((p) => p.split('=')[0]).sort()).toEqual(['SPARKMETER_KOIOS_API_KEY', 'SPARKMETER_KOIOS_API_SECRET', 'SPARKMETER_THUNDERCLOUD_TOKEN']);
    expect(found.join('\n')).not.toMatch(/sandbox-(key|secret|token)/);
    expect(problems({
      SPARKMETER_KOIOS_BASE_URL: 'https://www.sparkmeter.cloud',
      SPARKMETER_KOIOS_API_KEY: 'live-key',
      SPARKMETER_KOIOS_API_SECRET: 'live-secret',
    })).toEqual([]);
  });

  it('names bad URLs, site lists and retry settings', () => {
    const found = problems({
      SPARKMETER_KOIOS_BASE_URL: 'ftp://127.0.0.1:3100',
      SPARKMETER_THUNDERCLOUD_BASE_URL: 'http://127.0.0.1:3100/api/v0/',
      SPARKMETER_SITE_APIS: 'haiti-north:steama',
      DELIVERY_RETRY_BASE_MS: '5000',
      DELIVERY_RETRY_MAX_MS: '1000',
      SPARKMETER_DEFAULT_API: 'ThunderCloud',
    });
    expect(found.map((p) => p.split('=')[0]).sort()).toEqual([
      'DELIVERY_RETRY_MAX_MS', 'SPARKMETER_DEFAULT_API', 'SPARKMETER_KOIOS_BASE_URL', 'SPARKMETER_SITE_APIS', 'SPARKMETER_THUNDERCLOUD_BASE_URL',
    ]);
    expect(found.join('\n')).toContain('api must be one of koios, thundercloud');
  });
});

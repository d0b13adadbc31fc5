import { IsInt, Max, Min } from 'class-validator';
import { ConfigError, loadEnv } from './env';

class SampleEnv {
  @IsInt() @Min(1) @Max(500)
  WORKERS = 16;
}

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadEnv(SampleEnv, env);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message.split('\n').filter((l) => l.includes('WORKERS'));
  }
}

describe('loadEnv', () => {
  it('takes the default for an unset or empty variable and converts numbers', () => {
    expect(loadEnv(SampleEnv, {}).WORKERS).toBe(16);
    expect(loadEnv(SampleEnv, { WORKERS: '' }).WORKERS).toBe(16);
    expect(loadEnv(SampleEnv, { WORKERS: ' 32 ' }).WORKERS).toBe(32);
  });

  it('says only "must be an integer" for a value that is not a number, not every range rule too', () => {
    const found = problems({ WORKERS: 'abc' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/WORKERS="abc": WORKERS must be an integer number$/);
  });

  it('names the range rule a number breaks', () => {
    const found = problems({ WORKERS: '900' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/WORKERS="900": WORKERS must not be greater than 500$/);
  });
});

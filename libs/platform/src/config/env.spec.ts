import { IsInt, Max, Min } from 'class-validator';
import { BaseServiceEnv, ConfigError, loadEnv } from './env';

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

describe('DATABASE_MIGRATIONS_URL (migrations past a transaction-mode pooler)', () => {
  it('is empty by default (migrations use DATABASE_URL) and takes a postgres:// URL', () => {
    expect(loadEnv(BaseServiceEnv, {}).DATABASE_MIGRATIONS_URL).toBe('');
    expect(loadEnv(BaseServiceEnv, { DATABASE_MIGRATIONS_URL: 'postgres://limye:pw@limye-db-rw:5432/limye' }).DATABASE_MIGRATIONS_URL).toBe(
      'postgres://limye:pw@limye-db-rw:5432/limye',
    );
  });

  it('refuses anything else, naming the variable and hiding its value (it holds the password)', () => {
    let message = '';
    try {
      loadEnv(BaseServiceEnv, { DATABASE_MIGRATIONS_URL: 'mysql://limye:s3cret@db/limye' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('DATABASE_MIGRATIONS_URL=(hidden): DATABASE_MIGRATIONS_URL must be a postgres:// URL');
    expect(message).not.toContain('s3cret');
  });
});

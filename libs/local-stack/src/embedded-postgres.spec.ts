import { postgresFlags } from './embedded-postgres';

/** The value `-c name=value` sets, or undefined. */
function setting(flags: string[], name: string): string | undefined {
  for (let i = 0; i < flags.length - 1; i++) if (flags[i] === '-c' && flags[i + 1].startsWith(`${name}=`)) return flags[i + 1].slice(name.length + 1);
  return undefined;
}

describe('the embedded PostgreSQL keeps personal data out of its log (docs/privacy.md)', () => {
  it('logs errors tersely: no DETAIL (Key (phone)=(+250…) already exists) and no CONTEXT (a snippet of the data)', () => {
    expect(setting(postgresFlags(), 'log_error_verbosity')).toBe('terse');
  });

  it('never logs the statement of an error, nor the values bound to it', () => {
    const flags = postgresFlags();
    expect(setting(flags, 'log_min_error_statement')).toBe('panic');
    expect(setting(flags, 'log_parameter_max_length_on_error')).toBe('0');
    expect(setting(flags, 'log_parameter_max_length')).toBe('0');
  });
});

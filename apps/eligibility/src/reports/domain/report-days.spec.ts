import { dailyFileDue, dayStartUtc, formatReportTime, parseDay, parseReportRange, previousDay, reportDay } from './report-days';

describe('parseDay', () => {
  it('accepts real calendar days only', () => {
    expect(parseDay('1970-01-02')).toBe(1);
    expect(parseDay('2024-02-29')).not.toBeNull();
    // Years 0–99 are those years (Date.UTC would make 0001 into 1901).
    expect(parseDay('0001-01-01')).toBe(-719_162); // days from 1970-01-01 back to 0001-01-01 (proleptic Gregorian)
    expect(parseDay('0099-12-31')).toBe(parseDay('0100-01-01')! - 1);
    expect(parseDay('2026-02-29')).toBeNull();
    expect(parseDay('2026-13-01')).toBeNull();
    expect(parseDay('2026-1-01')).toBeNull();
    expect(parseDay('20260101')).toBeNull();
    expect(parseDay(undefined)).toBeNull();
    expect(parseDay(['2026-01-01'])).toBeNull();
  });
});

describe('parseReportRange', () => {
  it('covers whole Kigali days: from 00:00 +02:00 to the next midnight after `to`', () => {
    const r = parseReportRange('2026-11-01', '2026-11-30', 'Africa/Kigali');
    expect(r).toMatchObject({ ok: true, from: '2026-11-01', to: '2026-11-30', days: 30 });
    if (!r.ok) throw new Error('expected ok');
    expect(r.startUtc.toISOString()).toBe('2026-10-31T22:00:00.000Z');
    expect(r.endUtcExclusive.toISOString()).toBe('2026-11-30T22:00:00.000Z');
  });

  it('covers UTC days in UTC', () => {
    const r = parseReportRange('2026-11-01', '2026-11-01', 'UTC');
    if (!r.ok) throw new Error('expected ok');
    expect(r.startUtc.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(r.endUtcExclusive.toISOString()).toBe('2026-11-02T00:00:00.000Z');
  });

  it.each([
    [undefined, '2026-01-01', 'from'],
    ['2026-02-30', '2026-03-01', 'from'],
    ['2026-01-01', 'tomorrow', 'to'],
    ['2026-01-02', '2026-01-01', 'to'],
  ])('refuses from=%p to=%p naming %p', (from, to, field) => {
    expect(parseReportRange(from, to, 'Africa/Kigali')).toMatchObject({ ok: false, field });
  });

  it('allows 366 days and no more', () => {
    expect(parseReportRange('2024-01-01', '2024-12-31', 'UTC')).toMatchObject({ ok: true, days: 366 });
    expect(parseReportRange('2025-01-01', '2026-01-01', 'UTC')).toMatchObject({ ok: true, days: 366 });
    expect(parseReportRange('2025-01-01', '2026-01-02', 'UTC')).toMatchObject({ ok: false, field: 'to' });
  });
});

describe('times in the report zone', () => {
  it('formats as YYYY-MM-DD HH:MM:SS, Kigali being UTC+2 all year', () => {
    expect(formatReportTime(new Date('2026-06-30T22:30:05.900Z'), 'Africa/Kigali')).toBe('2026-07-01 00:30:05');
    expect(formatReportTime(new Date('2026-01-15T08:00:00Z'), 'Africa/Kigali')).toBe('2026-01-15 10:00:00');
    expect(formatReportTime(new Date('2026-01-15T08:00:00Z'), 'UTC')).toBe('2026-01-15 08:00:00');
    expect(reportDay(new Date('2026-01-15T22:00:00Z'), 'Africa/Kigali')).toBe('2026-01-16');
    expect(dayStartUtc(parseDay('2026-01-16') as number, 'Africa/Kigali').toISOString()).toBe('2026-01-15T22:00:00.000Z');
  });

  it('previousDay crosses months and years', () => {
    expect(previousDay('2026-03-01')).toBe('2026-02-28');
    expect(previousDay('2026-01-01')).toBe('2025-12-31');
  });
});

describe('dailyFileDue', () => {
  it('is yesterday once the zone passed 00:05, else nothing', () => {
    expect(dailyFileDue(new Date('2026-01-15T22:04:59Z'), 'Africa/Kigali')).toBeNull(); // 00:04:59 Kigali
    expect(dailyFileDue(new Date('2026-01-15T22:05:00Z'), 'Africa/Kigali')).toBe('2026-01-15');
    expect(dailyFileDue(new Date('2026-01-15T21:59:00Z'), 'Africa/Kigali')).toBe('2026-01-14'); // 23:59 Kigali
    expect(dailyFileDue(new Date('2026-01-15T00:10:00Z'), 'UTC')).toBe('2026-01-14');
  });
});

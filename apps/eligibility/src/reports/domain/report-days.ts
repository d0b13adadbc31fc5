/**
 * Days in the report zone. Africa/Kigali is UTC+2 all year (Rwanda has no daylight saving time), so a
 * fixed offset is exact and needs no time-zone database.
 */
export const ZONE_OFFSET_MINUTES: Readonly<Record<string, number>> = { 'Africa/Kigali': 120, UTC: 0 };

export const MAX_REPORT_DAYS = 366;

const DAY_MS = 24 * 60 * 60 * 1000;

export type ReportRange =
  | { ok: true; from: string; to: string; startUtc: Date; endUtcExclusive: Date; days: number }
  | { ok: false; field: 'from' | 'to'; problem: string };

/** 'YYYY-MM-DD' → the day number since the epoch, or null if not a real calendar day. */
export function parseDay(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const [y, m, d] = value.split('-').map(Number);
  // setUTCFullYear, not Date.UTC: the latter reads years 0–99 as 1900–1999.
  const back = new Date(0);
  back.setUTCFullYear(y, m - 1, d);
  const ms = back.getTime();
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

function offsetMs(zone: string): number {
  const minutes = ZONE_OFFSET_MINUTES[zone];
  if (minutes === undefined) throw new RangeError(`unsupported report zone ${zone}`);
  return minutes * 60 * 1000;
}

/** The instant a report-zone day starts. */
export function dayStartUtc(dayNumber: number, zone: string): Date {
  return new Date(dayNumber * DAY_MS - offsetMs(zone));
}

/** from..to, both inclusive days in the zone; from ≤ to; at most MAX_REPORT_DAYS days. */
export function parseReportRange(from: unknown, to: unknown, zone: string): ReportRange {
  const fromDay = parseDay(from);
  if (fromDay === null) return { ok: false, field: 'from', problem: 'from must be a date YYYY-MM-DD' };
  const toDay = parseDay(to);
  if (toDay === null) return { ok: false, field: 'to', problem: 'to must be a date YYYY-MM-DD' };
  if (toDay < fromDay) return { ok: false, field: 'to', problem: 'to must not be before from' };
  const days = toDay - fromDay + 1;
  if (days > MAX_REPORT_DAYS) return { ok: false, field: 'to', problem: `a report covers at most ${MAX_REPORT_DAYS} days` };
  return { ok: true, from: from as string, to: to as string, startUtc: dayStartUtc(fromDay, zone), endUtcExclusive: dayStartUtc(toDay + 1, zone), days };
}

/** `YYYY-MM-DD HH:MM:SS` of an instant in the zone. */
export function formatReportTime(instant: Date, zone: string): string {
  const local = new Date(instant.getTime() + offsetMs(zone));
  return local.toISOString().slice(0, 19).replace('T', ' ');
}

/** The zone's calendar day of an instant, as 'YYYY-MM-DD'. */
export function reportDay(instant: Date, zone: string): string {
  return formatReportTime(instant, zone).slice(0, 10);
}

/** The day before `day` ('YYYY-MM-DD'). */
export function previousDay(day: string): string {
  const n = parseDay(day);
  if (n === null) throw new RangeError(`not a day: ${day}`);
  return new Date((n - 1) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The day whose daily file is due at `now`, or null: yesterday's, once the zone's clock has passed
 * `afterMinutes` past midnight (late rows of the day have then been written).
 */
export function dailyFileDue(now: Date, zone: string, afterMinutes = 5): string | null {
  const local = formatReportTime(now, zone);
  const minutesIntoDay = Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));
  if (minutesIntoDay < afterMinutes) return null;
  return previousDay(local.slice(0, 10));
}

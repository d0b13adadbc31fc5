/** Rwanda keeps one time zone (UTC+2, no daylight saving); agents read times as Kigali time. */
const HHMM = new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Kigali', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const DDMM = new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Kigali', day: '2-digit', month: '2-digit' });

/** "14:05" */
export function kigaliHhMm(at: Date): string {
  return HHMM.format(at);
}

/** "31/12" */
export function kigaliDdMm(at: Date): string {
  return DDMM.format(at);
}

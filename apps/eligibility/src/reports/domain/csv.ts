import { maskPhone } from '@limye/platform';

/**
 * CSV for programme staff who open it in a spreadsheet: RFC 4180 quoting, CRLF line ends, a UTF-8 BOM
 * (so Excel reads Kinyarwanda names as UTF-8), and no cell a spreadsheet would run as a formula.
 */
export const CSV_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';

/** Characters a spreadsheet treats as the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula starts neutralised with a leading `'`, then quoted when it holds `"`, `,`, CR or LF. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: ReadonlyArray<string | number | null | undefined>): string {
  return values.map(csvCell).join(',') + CSV_EOL;
}

/**
 * A Rwandan mobile number as people write it (`+250788123456` → `0788 123 456`): it opens as text without
 * a quote mark and without Excel turning it into 7.88E+08. Any other phone is left as it is (and then
 * neutralised by csvCell, since it starts with `+`).
 */
export function displayPhone(e164: string | null | undefined): string {
  if (!e164) return '';
  const m = RWANDAN_MOBILE.exec(e164);
  return m ? `0${m[1]} ${m[2]} ${m[3]}` : e164;
}

const RWANDAN_MOBILE = /^\+250(7\d{2})(\d{3})(\d{3})$/;

/** How phone numbers appear in a request-log CSV: `masked` unless someone allowed asked for `full`. */
export type PhoneDisclosure = 'masked' | 'full';

/**
 * A phone with only its last 3 digits, as the service's logs mask it (maskPhone): enough for programme staff
 * to tell agents apart, not enough to call anyone. Rwandan mobiles in the same layout as displayPhone
 * (`+250788123456` → `07** *** 456`, text in a spreadsheet); any other number as the logs write it
 * (`+254*******678`, neutralised later by csvCell).
 */
export function displayMaskedPhone(e164: string | null | undefined): string {
  if (!e164) return '';
  const m = RWANDAN_MOBILE.exec(e164);
  return m ? `07** *** ${m[3]}` : maskPhone(e164);
}

/** The phone cell of a request-log row. */
export function phoneCell(e164: string | null | undefined, phones: PhoneDisclosure): string {
  return phones === 'full' ? displayPhone(e164) : displayMaskedPhone(e164);
}

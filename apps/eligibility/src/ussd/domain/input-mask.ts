import { maskId } from '@limye/platform';
import { isValidSaleReference } from '../../programme/domain/sale-reference';

/** Screens whose input is a national ID, household ID or voucher. */
const ID_SCREENS = new Set(['check.enter_id', 'sale.enter_id', 'confirm.household']);
const PIN_SCREENS = new Set(['agent.pin']);
/** Its input is an 8-digit sale reference; anything else typed there may be the PIN again. */
const REFERENCE_SCREEN = 'confirm.reference';
export const MAX_LOGGED_INPUT = 64;
/** Back, home, more: no secret, and what a support person reading the log most needs to see. */
const NAV_KEYS = new Set(['0', '00', '98']);
/**
 * What people type between the digit groups of one number: a phone is written (0788 123 456, +250-788…)
 * or keyed (250*788*…, 07#88#…) so. Ignored when deciding whether an input on an ID screen is all digits;
 * only these join digit groups into one run (see maskRun).
 */
const SEPARATOR_CHARS = '\\s.\\-*#_/,+()';
const SEPARATORS = new RegExp(`[${SEPARATOR_CHARS}]`, 'g');
const GROUP_SEPARATORS = new RegExp(`^[${SEPARATOR_CHARS}]+$`);
/**
 * Only a national ID (16 digits) typed as one group keeps its last 4 in the log. Not a 10-digit household
 * ID: a 5-digit PIN typed twice is 10 digits too. (PINs are 4–6 digits: twice, 8–12.)
 */
const NATIONAL_ID_LENGTH = 16;
/** Menu choices (1–2 digits, 98, 00) and service-code parts (*662*100#) are at most this long. */
const MAX_CLEAR_GROUP = 3;
/** A household ID or voucher with letters keeps its last 4 from this length on. */
const MIN_ID_LENGTH = 8;
/** Digit groups holding this many digits in all may be a phone number (788 123 456): they are hidden together. */
const PHONE_DIGITS = 9;
/**
 * Of such groups, those before the first long one stay readable when they hold at most this many digits: a
 * menu choice or two before a PIN or an ID (which is hidden itself)...
 */
const MAX_SHOWN_CHOICES = 3;
/** ...or, dialled (starting with '*'), a service code such as *662*100*3 before a PIN. */
const MAX_SHOWN_CODE = 7;

/** A screen whose input is a PIN: never logged, never kept. */
export function isPinScreen(screen: string): boolean {
  return PIN_SCREENS.has(screen);
}

/**
 * The input of one hop as the request log may keep it, cut to the column's 64 characters. A PIN never:
 * '****' on the PIN screen, and anywhere else every group of 4 or more digits is hidden (a PIN typed again
 * on the next screen, twice, or dialled into the code) except a national ID (16 digits) typed as one
 * group, which keeps its last 4 digits; a phone number typed in groups is hidden whole (maskDigitRuns).
 * Menu choices, navigation keys and an 8-digit sale reference (on its screen) stay readable.
 */
export function maskInput(screen: string, input: string): string {
  // Full-width digits (U+FF10–FF19) become ASCII, so the digit rules see them.
  const text = input.normalize('NFKC').trim();
  if (isPinScreen(screen)) return '****';
  if (NAV_KEYS.has(text)) return text;
  if (ID_SCREENS.has(screen)) return maskIdInput(text).slice(0, MAX_LOGGED_INPUT);
  if (screen === REFERENCE_SCREEN) return (looksLikeReference(text) ? text : hideAll(text)).slice(0, MAX_LOGGED_INPUT);
  return maskDigitRuns(text).slice(0, MAX_LOGGED_INPUT);
}

/**
 * A sale reference as the log may keep it: its check digit right (a typo or a PIN is rarely one), and not
 * a 4-digit PIN typed twice ("48214821", which passes the check one time in ten).
 */
function looksLikeReference(text: string): boolean {
  return isValidSaleReference(text) && text.slice(0, 4) !== text.slice(4);
}

/**
 * Digits only (separators aside): a national ID (16 digits) keeps its last 4, anything else (a PIN, a PIN
 * twice, a voucher) nothing. With letters (a household ID like "HH-00042"): its last 4 from 8 characters.
 */
function maskIdInput(text: string): string {
  const digits = text.replace(SEPARATORS, '');
  if (/^\d+$/.test(digits)) return digits.length === NATIONAL_ID_LENGTH ? maskId(digits) : hideAll(digits);
  const compact = text.replace(/\s+/g, '');
  return compact.length < MIN_ID_LENGTH ? hideAll(compact) : maskId(compact);
}

/** Every character hidden; at least 4 stars, so an empty or 1-digit input does not stand out. */
function hideAll(text: string): string {
  return '*'.repeat(Math.max(4, text.replace(/\s+/g, '').length));
}

/**
 * Free text (menu inputs, service codes). A group of up to 3 digits stays ("1", "98", "*662*100#"); a group
 * of exactly 16 digits is a national ID and keeps its last 4; any other group of 4 or more is hidden. An ID
 * typed in groups ("1197 8849 1483 6092", "1197*8849*…") is hidden whole: its groups look like PINs, and
 * "00*1234*1234" must not keep a PIN as "the last 4 of an ID". Groups that hold 9 digits or more together
 * (a phone: 0788 123 456, 250*788*123*456, +250 788 123 456) are hidden together, short ones too; see maskRun.
 */
export function maskDigitRuns(text: string): string {
  const normalized = text.normalize('NFKC');
  return render(piecesOf(normalized), normalized.trimStart().startsWith('*'));
}

/** A digit group, a PIN already hidden (`shown`, counted as a long group), or the text around them. */
type Piece = { group: string; shown?: string } | { text: string; breaksRun: boolean };

/** The digit groups of `text` and what is between them; only separators (see GROUP_SEPARATORS) join groups into one run. */
function piecesOf(text: string): Piece[] {
  return text
    .split(/(\d+)/)
    .map((part, i): Piece => (i % 2 === 1 ? { group: part } : { text: part, breaksRun: !GROUP_SEPARATORS.test(part) }))
    .filter((p) => !('text' in p) || p.text !== '');
}

/** The pieces as the log keeps them, each run of digit groups masked together (maskRun). */
function render(pieces: Piece[], dialled: boolean): string {
  const out = pieces.map((p) => ('text' in p ? p.text : p.group));
  let run: number[] = [];
  let firstRun = true;
  const flush = () => {
    if (run.length === 0) return;
    const masked = maskRun(run.map((i) => pieces[i] as { group: string; shown?: string }), firstRun && dialled);
    run.forEach((at, k) => (out[at] = masked[k]));
    run = [];
    firstRun = false;
  };
  pieces.forEach((p, i) => {
    if ('text' in p) {
      if (p.breaksRun) flush();
    } else {
      run.push(i);
    }
  });
  flush();
  return out.join('');
}

/**
 * The groups of one run as logged. Fewer than 9 digits in all: each group on its own (up to 3 digits stays,
 * 16 keeps its last 4, else hidden). 9 or more: every group is hidden (a 16-digit ID still keeps its last
 * 4), except the short groups before the first long one when they hold at most 3 digits, or 7 in a code
 * dialled with '*': a menu choice or service code before a PIN or ID. A phone written long group first
 * (0788 123 456) or in short groups only (250 788 123 456) is thus hidden whole.
 */
function maskRun(groups: Array<{ group: string; shown?: string }>, dialled: boolean): string[] {
  const total = groups.reduce((n, g) => n + g.group.length, 0);
  const long = (g: { group: string; shown?: string }) => g.shown !== undefined || g.group.length > MAX_CLEAR_GROUP;
  if (total < PHONE_DIGITS) return groups.map((g) => g.shown ?? maskGroup(g.group));
  const firstLong = groups.findIndex(long);
  const prefixDigits = groups.slice(0, Math.max(firstLong, 0)).reduce((n, g) => n + g.group.length, 0);
  const shownPrefix = firstLong > 0 && prefixDigits <= (dialled ? MAX_SHOWN_CODE : MAX_SHOWN_CHOICES) ? firstLong : 0;
  return groups.map((g, i) => g.shown ?? (i < shownPrefix ? g.group : g.group.length === NATIONAL_ID_LENGTH ? maskId(g.group) : '*'.repeat(g.group.length)));
}

function maskGroup(group: string): string {
  if (group.length <= MAX_CLEAR_GROUP) return group;
  return group.length === NATIONAL_ID_LENGTH ? maskId(group) : '*'.repeat(group.length);
}

/**
 * Several inputs of one hop (a gateway that sent more than one new segment), each masked, joined by ' | '
 * (not '*', the mask's own character: "2*****" could not be read back into "2" and "****"). The digit
 * groups of menu inputs count together: Africa's Talking's text=250*788*123*456 is four inputs of one phone
 * number. A PIN counts as a long hidden group; an input on an ID or reference screen keeps its own rule and
 * separates the groups before it from those after.
 */
export function maskInputs(parts: { screen: string; input: string }[]): string | null {
  if (parts.length === 0) return null;
  const pieces: Piece[] = [];
  let dialled = false;
  parts.forEach((p, i) => {
    if (i > 0) pieces.push({ text: INPUT_SEPARATOR, breaksRun: false });
    const text = p.input.normalize('NFKC').trim();
    if (isPinScreen(p.screen)) pieces.push({ group: '0000', shown: maskInput(p.screen, p.input) });
    else if (ID_SCREENS.has(p.screen) || p.screen === REFERENCE_SCREEN) pieces.push({ text: maskInput(p.screen, p.input), breaksRun: true });
    else pieces.push(...piecesOf(text));
    // An Arkesel userData such as "*662*100*3*1234" (the code dialled again, then a PIN).
    if (i === 0) dialled = !isPinScreen(p.screen) && text.startsWith('*');
  });
  return render(pieces, dialled).slice(0, MAX_LOGGED_INPUT);
}

const INPUT_SEPARATOR = ' | ';

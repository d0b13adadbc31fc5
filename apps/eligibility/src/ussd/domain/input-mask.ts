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
/** What people type between digit groups; ignored when deciding whether an input on an ID screen is all digits. */
const SEPARATORS = /[\s.\-*#_/,]/g;
/**
 * Only a national ID (16 digits) typed as one group keeps its last 4 in the log. Not a 10-digit household
 * ID: a 5-digit PIN typed twice is 10 digits too. (PINs are 4–6 digits: twice, 8–12.)
 */
const NATIONAL_ID_LENGTH = 16;
/** Menu choices (1–2 digits, 98, 00) and service-code parts (*662*100#) are at most this long. */
const MAX_CLEAR_GROUP = 3;
/** A household ID or voucher with letters keeps its last 4 from this length on. */
const MIN_ID_LENGTH = 8;

/** A screen whose input is a PIN: never logged, never kept. */
export function isPinScreen(screen: string): boolean {
  return PIN_SCREENS.has(screen);
}

/**
 * The input of one hop as the request log may keep it, cut to the column's 64 characters. A PIN never:
 * '****' on the PIN screen, and anywhere else every group of 4 or more digits is hidden (a PIN typed again
 * on the next screen, twice, or dialled into the code) except a national ID (16 digits) typed as one
 * group, which keeps its last 4 digits. Menu choices, navigation keys and an 8-digit sale reference (on
 * its screen) stay readable.
 */
export function maskInput(screen: string, input: string): string {
  // Full-width digits (U+FF10–FF19) become ASCII, so the digit rules see them.
  const text = input.normalize('NFKC').trim();
  if (isPinScreen(screen)) return '****';
  if (NAV_KEYS.has(text)) return text;
  if (ID_SCREENS.has(screen)) return maskIdInput(text).slice(0, MAX_LOGGED_INPUT);
  if (screen === REFERENCE_SCREEN) return (looksLikeReference(text) ? text : hideAll(text)).slice(0, MAX_LOGGED_INPUT);
  return maskDigitGroups(text).slice(0, MAX_LOGGED_INPUT);
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
 * Free text (menu inputs, service codes): each group of digits on its own. Up to 3 digits it stays
 * ("1", "98", "*662*100#"); a group of exactly 16 digits is a national ID and keeps its last 4; any other
 * group of 4 or more is hidden. An ID typed in groups ("1197 8849 1483 6092", "1197*8849*…") is hidden
 * whole: its groups look like PINs, and "00*1234*1234" must not keep a PIN as "the last 4 of an ID".
 */
export function maskDigitRuns(text: string): string {
  return maskDigitGroups(text.normalize('NFKC'));
}

function maskDigitGroups(text: string): string {
  return text.replace(/\d+/g, (group) => {
    if (group.length <= MAX_CLEAR_GROUP) return group;
    return group.length === NATIONAL_ID_LENGTH ? maskId(group) : '*'.repeat(group.length);
  });
}

/**
 * Several inputs of one hop (a gateway that sent more than one new segment), each masked, joined by ' | '
 * (not '*', the mask's own character: "2*****" could not be read back into "2" and "****").
 */
export function maskInputs(parts: { screen: string; input: string }[]): string | null {
  if (parts.length === 0) return null;
  return parts.map((p) => maskInput(p.screen, p.input)).join(INPUT_SEPARATOR).slice(0, MAX_LOGGED_INPUT);
}

const INPUT_SEPARATOR = ' | ';

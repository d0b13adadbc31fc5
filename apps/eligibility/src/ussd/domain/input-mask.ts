import { maskId } from '@limye/platform';

/** Screens whose input is a national ID, household ID or voucher: kept in the log as its last 4 only. */
const ID_SCREENS = new Set(['check.enter_id', 'sale.enter_id', 'confirm.household']);
const PIN_SCREENS = new Set(['agent.pin']);

/** A screen whose input is a PIN: never logged, never kept. */
export function isPinScreen(screen: string): boolean {
  return PIN_SCREENS.has(screen);
}
/** Its input is an 8-digit sale reference; anything else typed there may be the PIN again. */
const REFERENCE_SCREEN = 'confirm.reference';
export const MAX_LOGGED_INPUT = 64;
/** Back, home, more: no secret, and what a support person reading the log most needs to see. */
const NAV_KEYS = new Set(['0', '00', '98']);

/** Shorter than any ID, so rather a PIN typed on the wrong screen: masking its last 4 would keep it whole. */
const MIN_ID_LENGTH = 8;
/** An ID typed with fewer digits than this is not one (menu choices are 1–2 digits, service codes 3). */
const MIN_ID_DIGITS = 10;
/** Digits with separators between them (spaces, dots, dashes, USSD's * and #, _ / ,): one run. */
const DIGIT_RUN = /\d(?:[\s.\-*#_/,]*\d)*/g;
/** A run of PIN length (4–6) up to just below an ID: on a menu screen it is a PIN typed after the PIN screen. */
const PIN_LIKE = { min: 4, max: 9 };

/**
 * The input of one hop as the request log may keep it: a PIN never (always '****'), an ID masked to its
 * last 4 characters (wholly if too short to be one), a sale reference only if it is one, anything else as
 * typed except for digit runs (an ID or a PIN typed in the wrong place), cut to the column's 64 characters.
 */
export function maskInput(screen: string, input: string): string {
  // Full-width digits (U+FF10–FF19) become ASCII, so the digit rules below see them.
  const text = input.normalize('NFKC');
  if (isPinScreen(screen)) return '****';
  if (NAV_KEYS.has(text.trim())) return text.trim();
  if (ID_SCREENS.has(screen)) return maskIdInput(text).slice(0, MAX_LOGGED_INPUT);
  if (screen === REFERENCE_SCREEN) return (/^\d{8}$/.test(text) ? text : hideAll(text)).slice(0, MAX_LOGGED_INPUT);
  return maskRuns(text, true).slice(0, MAX_LOGGED_INPUT);
}

/** An ID keeps its last 4; an input too short to be an ID (a PIN?) keeps nothing. */
function maskIdInput(text: string): string {
  const compact = text.replace(/\s+/g, '');
  return compact.length < MIN_ID_LENGTH ? hideAll(compact) : maskId(compact);
}

/** Every character hidden; at least 4 stars, so an empty or 1-digit input does not stand out. */
function hideAll(text: string): string {
  return '*'.repeat(Math.max(4, text.replace(/\s+/g, '').length));
}

/**
 * Any run of 10 or more digits, also when typed with separators between them ("1199 8800…", "1199*8800*…",
 * full-width digits), or dialled into a service code ("*662*100*1199880012345012#"), kept as its last 4
 * digits: an ID typed in the wrong place must not reach the log in full. Shorter runs stay readable
 * (service codes).
 */
export function maskDigitRuns(text: string): string {
  return maskRuns(text.normalize('NFKC'), false);
}

/** Each digit run masked (see maskRun); `pinLike`: also hide runs of 4–9 digits entirely. */
function maskRuns(text: string, pinLike: boolean): string {
  return text.replace(DIGIT_RUN, (run) => maskRun(run, pinLike));
}

/**
 * One run. A group (digits without separators) of 10 or more is an ID on its own: only such groups are
 * masked, so the rest of a service code ("*662*100*…") stays readable, and what lies between them is a run
 * of its own. Otherwise a run of 10 or more digits in all is an ID typed in groups: masked as a whole.
 */
function maskRun(run: string, pinLike: boolean): string {
  if (/\d{10}/.test(run)) {
    return run
      .split(/(\d{10,})/)
      .map((part, i) => (i % 2 === 1 ? maskId(part) : maskRuns(part, pinLike)))
      .join('');
  }
  const digits = run.replace(/\D/g, '');
  if (digits.length >= MIN_ID_DIGITS) return maskId(digits);
  if (pinLike && digits.length >= PIN_LIKE.min && digits.length <= PIN_LIKE.max) return run.replace(/\d/g, '*');
  return run;
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

import { randomUUID } from 'crypto';
import { scryptHash, scryptMatches, scryptNeedsRehash } from '@limye/platform';

/**
 * Operator passwords: scrypt at N=2^15, r=8, p=3 (32 MiB, ~0.25 s on the 2-core development machine), one of
 * OWASP's equivalent scrypt settings. A stored hash keeps its own parameters: raise these and each user's
 * hash is redone at their next correct sign-in.
 */
export const PASSWORD_COST = { N: 2 ** 15, r: 8, p: 3 };
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return scryptHash(password, PASSWORD_COST);
}

export function passwordMatches(password: string, stored: string): Promise<boolean> {
  return scryptMatches(password, stored);
}

export function passwordNeedsRehash(stored: string): boolean {
  return scryptNeedsRehash(stored, PASSWORD_COST);
}

let dummy: Promise<string> | undefined;

/** Makes the dummy hash now (at start), so the first unknown e-mail costs no more than the others. */
export function prepareBurnPasswordCheck(): Promise<unknown> {
  dummy ??= hashPassword(`no user has this password ${randomUUID()}`);
  return dummy;
}

/**
 * Checks `password` against a hash no password matches, at the same cost as a real one: an unknown e-mail
 * takes as long to refuse as a wrong password, so timing does not tell which e-mails exist.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  await passwordMatches(password, (await prepareBurnPasswordCheck()) as string);
}

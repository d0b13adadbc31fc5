import { scryptHash, scryptMatches } from '@limye/platform';

/**
 * Agent PINs are stored as scrypt hashes with a random salt (the platform's scryptHash). A 4–6
 * digit PIN can be brute-forced offline from any hash, so the real protection is the lockout after
 * AGENT_PIN_MAX_ATTEMPTS wrong tries; the hash keeps PINs out of reach of anyone reading the table.
 */
// 2^12: ~7 ms and 4 MiB per check instead of ~28 ms and 16 MiB at 2^14, which showed in the USSD p99 (see
// the README's USSD benchmark). A 4-6 digit PIN falls to an offline search at any cost setting anyway.
// Stored hashes carry their own N, so older ones still verify.
const PIN_COST = { N: 4096, r: 8, p: 1 };

export function hashPin(pin: string): Promise<string> {
  return scryptHash(pin, PIN_COST);
}

export function pinMatches(pin: string, stored: string): Promise<boolean> {
  return scryptMatches(pin, stored);
}

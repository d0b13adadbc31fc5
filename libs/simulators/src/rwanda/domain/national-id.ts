import { SeededRandom } from './seeded-random';

/**
 * A Rwandan national ID as the card prints it (see docs/reference/rwanda-national-id.md): status '1'
 * (citizen) + birth year + sex ('8' male, '7' female) + 7-digit serial + issue count '0' (first card) +
 * 2 "security" digits. The real security digits come from a secret algorithm, so random ones are as
 * plausible as any.
 */
export function makeNationalId(random: SeededRandom, minBirthYear: number, maxBirthYear: number): string {
  const year = random.int(minBirthYear, maxBirthYear);
  const sex = random.next() < 0.5 ? '7' : '8';
  return `1${year}${sex}${random.digits(7)}0${random.digits(2)}`;
}

/** What MEIS and OMIS accept as a national ID: 16 digits, nothing else. */
export function isNationalIdFormat(value: string): boolean {
  return /^\d{16}$/.test(value);
}

/** The shape every generated ID has: a citizen, born 1950–2008, sex 7/8, first issue. */
export const PLAUSIBLE_NATIONAL_ID = /^1(19[5-9]\d|200[0-8])[78]\d{7}0\d{2}$/;

/** `count` distinct plausible IDs for which `isTaken` is false: people no registry knows. */
export function unusedNationalIds(count: number, isTaken: (id: string) => boolean, random: SeededRandom): string[] {
  const out = new Set<string>();
  while (out.size < count) {
    const id = makeNationalId(random, 1950, 2000);
    if (!isTaken(id)) out.add(id);
  }
  return [...out];
}

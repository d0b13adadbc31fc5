import type { MeisPersonAnswer } from './domain/national-system-answers';

/** DI token of the MEIS client (tests may provide their own). */
export const MEIS_CLIENT = Symbol('MEIS_CLIENT');

export interface LookupOptions {
  /** Epoch ms by which the answer must be in, retries included. */
  deadlineAt: number;
  /** Abandons the lookup early. */
  signal?: AbortSignal;
}

/** MEIS (LODA household registry), as docs/national-systems.md describes it. Never throws. */
export interface MeisClient {
  findPerson(nationalId: string, opts: LookupOptions): Promise<MeisPersonAnswer>;
}

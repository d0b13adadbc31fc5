import type { EligibilityEnv } from '../config/eligibility.env';
import { CircuitBreaker } from '@limye/platform';
import { NationalSystemHttp, SystemName } from './national-system.http';

/** The HTTP side of MEIS or OMIS as configured: its URL and key, the attempt timeout, its own breaker. */
export function nationalSystemHttp(system: SystemName, env: EligibilityEnv): NationalSystemHttp {
  return new NationalSystemHttp({
    system,
    baseUrl: system === 'MEIS' ? env.MEIS_BASE_URL : env.OMIS_BASE_URL,
    apiKey: system === 'MEIS' ? env.MEIS_API_KEY : env.OMIS_API_KEY,
    attemptTimeoutMs: env.NATIONAL_SYSTEMS_TIMEOUT_MS,
    // After 5 failures in a row the system is taken as down for 10 s: agents get "try later" at once.
    breaker: new CircuitBreaker({ failureThreshold: 5, openMs: 10_000 }),
  });
}

import { OutboundHttpClient } from '@limye/platform';
import type { EligibilityEnv } from '../config/eligibility.env';

export type SystemName = 'meis' | 'omis';

/**
 * The HTTP side of MEIS or OMIS as configured: its URL and key (sent as X-API-Key), NATIONAL_SYSTEMS_TIMEOUT_MS
 * per attempt. Reads (GET) are retried on a network error, a timeout or a 5xx while the lookup's deadline
 * allows; writes are sent once (the OMIS outbox decides about retries). After 5 failures in a row the system
 * is taken as down for 10 s: agents get "try later" at once. Paths hold national IDs: only route templates
 * reach metrics and logs.
 */
export function nationalSystemHttp(system: SystemName, env: EligibilityEnv): OutboundHttpClient {
  return new OutboundHttpClient({
    system,
    baseUrl: system === 'meis' ? env.MEIS_BASE_URL : env.OMIS_BASE_URL,
    headers: { 'x-api-key': system === 'meis' ? env.MEIS_API_KEY : env.OMIS_API_KEY },
    timeoutMs: env.NATIONAL_SYSTEMS_TIMEOUT_MS,
    retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 800 },
    breaker: { failureThreshold: 5, openMs: 10_000 },
    credentialsEnv: system === 'meis' ? 'MEIS_API_KEY' : 'OMIS_API_KEY',
  });
}

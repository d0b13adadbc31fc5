import { authHeader, http, JsonResponse } from '@limye/testing';
import type { RunningSimulators } from '@limye/simulators/testing';

/** Env of an eligibility service pointed at the MEIS/OMIS simulators (startSimulators), with fast outbox polls. */
export function programmeTestEnv(sim: Pick<RunningSimulators, 'url' | 'env'>, extra: Record<string, string> = {}): Record<string, string> {
  return {
    MEIS_BASE_URL: `${sim.url}/meis`,
    MEIS_API_KEY: sim.env.MEIS_API_KEY,
    OMIS_BASE_URL: `${sim.url}/omis`,
    OMIS_API_KEY: sim.env.OMIS_API_KEY,
    NATIONAL_SYSTEMS_TIMEOUT_MS: '300',
    LOOKUP_DEADLINE_MS: '900',
    OMIS_OUTBOX_POLL_MS: '50',
    ...extra,
  };
}

export type AdminResponse = JsonResponse;

/** The admin API as a test client: JSON with a token of the programme's staff (role programme). */
export function adminClient(baseUrl: string) {
  const call = async (method: string, path: string, body?: unknown): Promise<AdminResponse> => http(method, `${baseUrl}${path}`, body, await authHeader({ role: 'programme' }));
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, body),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
    put: (path: string, body: unknown) => call('PUT', path, body),
  };
}

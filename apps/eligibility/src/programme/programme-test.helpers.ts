import { FAKE_KEYS, FakeNationalSystems } from '../national-systems/testing/fake-national-systems.server';

export const ADMIN_KEY = 'test-admin-key-0123';

/** Env of an eligibility service pointed at a fake MEIS/OMIS, with fast outbox polls. */
export function programmeTestEnv(fake: FakeNationalSystems, extra: Record<string, string> = {}): Record<string, string> {
  return {
    MEIS_BASE_URL: `${fake.url}/meis`,
    MEIS_API_KEY: FAKE_KEYS.meis,
    OMIS_BASE_URL: `${fake.url}/omis`,
    OMIS_API_KEY: FAKE_KEYS.omis,
    ELIGIBILITY_ADMIN_API_KEY: ADMIN_KEY,
    NATIONAL_SYSTEMS_TIMEOUT_MS: '300',
    LOOKUP_DEADLINE_MS: '900',
    OMIS_OUTBOX_POLL_MS: '50',
    ...extra,
  };
}

export interface AdminResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
  headers: Headers;
}

/**
 * The admin API as a test client (JSON with the admin key). Written on fetch rather than @limye/testing
 * because this file sits in src/ and is compiled with the service.
 */
export function adminClient(baseUrl: string) {
  const call = async (method: string, path: string, body?: unknown): Promise<AdminResponse> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'x-api-key': ADMIN_KEY, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON (the CSV) */
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, body),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
    put: (path: string, body: unknown) => call('PUT', path, body),
  };
}

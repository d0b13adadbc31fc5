import * as fs from 'fs';
import { demoApiKeyFile } from '@limye/local-stack';
import { call } from './http-call';

/**
 * `npm start`'s demo sign-in: the owner customer-registry's demo seed makes (LIMYE_DEMO_EMAIL /
 * LIMYE_DEMO_PASSWORD, the same defaults as customer-registry's) and the demo API key it keeps in the data
 * folder, read back for the banner.
 */
export interface DemoCredentials {
  email: string;
  password: string;
  apiKey: string | null;
}

export function demoCredentials(dataDir: string): DemoCredentials {
  let apiKey: string | null = null;
  try {
    apiKey = fs.readFileSync(demoApiKeyFile(dataDir), 'utf8').trim() || null;
  } catch {
    /* the seed did not run (NODE_ENV=production) */
  }
  return {
    email: process.env.LIMYE_DEMO_EMAIL || 'demo@limye.local',
    password: process.env.LIMYE_DEMO_PASSWORD || 'limye-demo',
    apiKey,
  };
}

/** An access token for the demo seeds, from the demo API key (or, without one, the demo password). */
export async function demoToken(registryUrl: string, demo: DemoCredentials): Promise<string> {
  const body = demo.apiKey
    ? { grant_type: 'client_credentials', client_secret: demo.apiKey }
    : { grant_type: 'password', username: demo.email, password: demo.password };
  const r = await call('POST', `${registryUrl}/v1/auth/token`, body);
  if (r.status !== 200) throw new Error(`getting a token for the demo seed: ${r.status} ${JSON.stringify(r.body?.code ?? r.body)}`);
  return r.body.access_token as string;
}

import { OutboundHttpClient } from '@limye/platform';
import type { MeterAdapterEnv } from '../config/meter-adapter.env';

/**
 * The HTTP client of one vendor API, as every driver sets it up. Each attempt's calls share the
 * delivery's VENDOR_TIMEOUT_MS budget (its signal). Lookups (GET) get one more try on a blip within that
 * budget; a credit (POST) is never repeated here: after an unclear one the delivery asks the vendor first,
 * then re-sends with the same external id. After 5 failures in a row the vendor is left alone for 5 s
 * (attempts in that time are UNKNOWN and retried with the delivery's back-off). Credentials go in
 * `headers` and nowhere else: never in a log, a reason or a metric.
 */
export function vendorHttpClient(system: string, baseUrl: string, env: MeterAdapterEnv, headers: Record<string, string>): OutboundHttpClient {
  return new OutboundHttpClient({
    system,
    baseUrl,
    headers,
    timeoutMs: env.VENDOR_TIMEOUT_MS,
    retry: { attempts: 2, baseDelayMs: 100, maxDelayMs: 500 },
    breaker: { failureThreshold: 5, openMs: 5_000 },
  });
}

/**
 * A driver's HTTP clients, one per set of vendor settings (SparkMeterSettings.id), made on first use and
 * closed together at shutdown.
 */
export class VendorClients {
  private readonly clients = new Map<string, OutboundHttpClient>();

  clientFor(settingsId: string, make: () => OutboundHttpClient): OutboundHttpClient {
    let client = this.clients.get(settingsId);
    if (!client) {
      client = make();
      this.clients.set(settingsId, client);
    }
    return client;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.close()));
    this.clients.clear();
  }
}

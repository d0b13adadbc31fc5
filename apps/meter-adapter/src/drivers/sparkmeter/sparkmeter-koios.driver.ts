import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { formatMinor } from '@limye/contracts';
import { OutboundHttpClient, SERVICE_ENV } from '@limye/platform';
import { MeterAdapterEnv } from '../../config/meter-adapter.env';
import type { Delivery } from '../../delivery/delivery.entity';
import type { DeliveryOutcome, LookupOutcome } from '../domain/delivery-outcome';
import { DriverNames } from '../domain/driver-choice';
import { MeterDriver } from '../meter-driver';
import { VendorClients, vendorHttpClient } from '../vendor-http';
import { classifyKoiosLookup, classifyKoiosResponse } from './domain/koios-response';
import { customerCode } from './customer-code';
import { SparkMeterSettingsSource } from './sparkmeter-settings';

/**
 * SparkMeter Koios v1 (cloud, Nova sites): `POST /api/v1/payments` by customer code, with our payment id
 * as `external_id`, which Koios refuses to take twice; `GET /api/v1/payments?external_id=` finds it.
 * Each delivery goes to its organisation's Koios account (SparkMeterSettingsSource).
 */
@Injectable()
export class SparkMeterKoiosDriver implements MeterDriver, OnApplicationShutdown {
  readonly name = DriverNames.koios;
  private readonly clients = new VendorClients();

  constructor(
    @Inject(SERVICE_ENV) private readonly env: MeterAdapterEnv,
    private readonly settings: SparkMeterSettingsSource,
  ) {}

  private async http(d: Delivery): Promise<OutboundHttpClient> {
    const s = await this.settings.forOrganisation(d.organisationId);
    return this.clients.clientFor(s.id, () =>
      vendorHttpClient(this.name, s.koios.baseUrl, this.env, { 'X-API-KEY': s.koios.apiKey, 'X-API-SECRET': s.koios.apiSecret }),
    );
  }

  async deliver(d: Delivery, signal: AbortSignal): Promise<DeliveryOutcome> {
    const code = customerCode(d);
    if (typeof code !== 'string') return code;
    const res = await (await this.http(d)).request({
      method: 'POST',
      route: '/api/v1/payments',
      path: '/api/v1/payments',
      json: {
        customer_code: code,
        amount: formatMinor(d.amountMinor, d.currency),
        memo: d.memo ?? `Limye payment ${d.paymentId}`,
        external_id: d.paymentId,
      },
      signal,
    });
    if (res.kind === 'unreachable') return { kind: 'unknown', reason: `Koios: ${res.reason}` };
    const outcome = classifyKoiosResponse(res.status, res.body);
    if (outcome.kind === 'delivered' && outcome.vendorRef === null) {
      // "already taken": worth one lookup to learn the payment id; the credit is certain either way.
      const found = await this.queryOutcome(d, signal);
      if (found.kind === 'delivered') return found;
    }
    return outcome;
  }

  async queryOutcome(d: Delivery, signal: AbortSignal): Promise<LookupOutcome> {
    const res = await (await this.http(d)).request({
      method: 'GET',
      route: '/api/v1/payments?external_id={paymentId}',
      path: `/api/v1/payments?external_id=${encodeURIComponent(d.paymentId)}`,
      signal,
    });
    if (res.kind === 'unreachable') return { kind: 'unknown', reason: `Koios: ${res.reason}` };
    return classifyKoiosLookup(res.status, res.body, d.paymentId);
  }

  onApplicationShutdown(): Promise<void> {
    return this.clients.closeAll();
  }
}

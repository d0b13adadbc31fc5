import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { formatMinor } from '@limye/contracts';
import { OutboundHttpClient, SERVICE_ENV } from '@limye/platform';
import { MeterAdapterEnv } from '../../config/meter-adapter.env';
import type { Delivery } from '../../delivery/delivery.entity';
import type { DeliveryOutcome, LookupOutcome, StatusOutcome } from '../domain/delivery-outcome';
import { DriverNames } from '../domain/driver-choice';
import { MeterDriver } from '../meter-driver';
import { VendorClients, vendorHttpClient } from '../vendor-http';
import { classifyThunderCloudCustomer, classifyThunderCloudPost, classifyThunderCloudTransaction } from './domain/thundercloud-response';
import { customerCode } from './customer-code';
import { SparkMeterSettingsSource } from './sparkmeter-settings';

/**
 * SparkMeter ThunderCloud v0 (per-site server): find the customer's id by code, `POST /transaction/`
 * with our payment id as `external_id` (a repeat answers the first transaction), then poll
 * `GET /transaction/{id}` until the site has processed it. There is no lookup by external id, so an
 * unclear POST is answered by re-sending it. Each delivery goes to its organisation's site server
 * (SparkMeterSettingsSource); customer ids are cached per set of settings, since the same code on two
 * organisations' servers is two customers.
 */
@Injectable()
export class SparkMeterThunderCloudDriver implements MeterDriver, OnApplicationShutdown {
  readonly name = DriverNames.thundercloud;
  /** Settings id + customer code → SparkMeter customer id; ids never change, so positive answers are kept. */
  private readonly customerIds = new Map<string, string>();
  private readonly clients = new VendorClients();

  constructor(
    @Inject(SERVICE_ENV) private readonly env: MeterAdapterEnv,
    private readonly settings: SparkMeterSettingsSource,
  ) {}

  private async site(d: Delivery): Promise<{ settingsId: string; http: OutboundHttpClient }> {
    const s = await this.settings.forOrganisation(d.organisationId);
    const http = this.clients.clientFor(s.id, () =>
      vendorHttpClient(this.name, s.thunderCloud.baseUrl, this.env, { 'Authentication-Token': s.thunderCloud.token }),
    );
    return { settingsId: s.id, http };
  }

  async deliver(d: Delivery, signal: AbortSignal): Promise<DeliveryOutcome> {
    const code = customerCode(d);
    if (typeof code !== 'string') return code;
    const site = await this.site(d);
    const customer = await this.customerId(site, code.toUpperCase(), signal);
    if (customer.kind !== 'found') return customer;
    const res = await site.http.request({
      method: 'POST',
      route: '/transaction/',
      path: '/transaction/',
      json: { customer_id: customer.customerId, amount: formatMinor(d.amountMinor, d.currency), source: 'cash', external_id: d.paymentId },
      signal,
    });
    if (res.kind === 'unreachable') return { kind: 'unknown', reason: `ThunderCloud: ${res.reason}` };
    const posted = classifyThunderCloudPost(res.status, res.body);
    if (posted.kind !== 'accepted') return posted;
    const status = await this.transactionStatus(site.http, posted.transactionId, signal);
    // Accepted is certain even when the first poll is not answered: keep the id and poll later.
    return status.kind === 'unknown' ? { kind: 'pending', vendorRef: posted.transactionId, reason: status.reason } : status;
  }

  async queryOutcome(d: Delivery, signal: AbortSignal): Promise<LookupOutcome> {
    return d.vendorRef ? this.transactionStatus((await this.site(d)).http, d.vendorRef, signal) : { kind: 'no_lookup' };
  }

  private async transactionStatus(http: OutboundHttpClient, transactionId: string, signal: AbortSignal): Promise<StatusOutcome> {
    const res = await http.request({
      method: 'GET',
      route: '/transaction/{id}',
      path: `/transaction/${encodeURIComponent(transactionId)}`,
      signal,
    });
    if (res.kind === 'unreachable') return { kind: 'unknown', reason: `ThunderCloud: ${res.reason}`, vendorRef: transactionId };
    return classifyThunderCloudTransaction(res.status, res.body, transactionId);
  }

  /** Lookups are case-sensitive on ThunderCloud; callers pass the code upper-cased. */
  private async customerId(site: { settingsId: string; http: OutboundHttpClient }, code: string, signal: AbortSignal) {
    const key = `${site.settingsId}\u0000${code}`;
    const cached = this.customerIds.get(key);
    if (cached) return { kind: 'found' as const, customerId: cached };
    const res = await site.http.request({
      method: 'GET',
      route: '/customer/{code}',
      path: `/customer/${encodeURIComponent(code)}`,
      signal,
    });
    // Nothing was sent yet: an unanswered lookup leaves the credit certainly not made.
    if (res.kind === 'unreachable') return { kind: 'not_credited' as const, reason: `ThunderCloud: ${res.reason}` };
    const found = classifyThunderCloudCustomer(res.status, res.body, code);
    if (found.kind === 'found') this.customerIds.set(key, found.customerId);
    return found;
  }

  onApplicationShutdown(): Promise<void> {
    return this.clients.closeAll();
  }
}

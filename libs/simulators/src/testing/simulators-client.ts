import type { FaultSpec, FaultTarget } from '../faults/domain/fault-book';
import type { MoncashSettings } from '../moncash/moncash-config.service';
import type { AlertDelivery } from '../moncash/moncash-alert.service';
import type { RequestFilter, RequestRecord } from '../requests/domain/request-record';
import type { OmisHouseholdStatus, OmisSale } from '../rwanda/domain/omis-sale-book';
import type { HouseholdStatusFilter } from '../rwanda/dto/list-households.query';
import type { HouseholdView, OmisRequestCounts } from '../rwanda/rwanda.store';
import type { CustomerView, KoiosPaymentView, OutsideKoiosPayment, SparkmeterSettings, TcTransactionView } from '../sparkmeter/sparkmeter.store';

/** A control call the simulators refused: a test that meant it to work fails here, naming it. */
export class ControlCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} answered ${status}: ${JSON.stringify(body)}`);
    this.name = 'ControlCallError';
  }
}

type Call = <T>(method: string, path: string, body?: unknown) => Promise<T>;

function caller(url: string): Call {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(url + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (res.status >= 300) throw new ControlCallError(res.status, parsed, `${method} ${path}`);
    return parsed as T;
  };
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** `/sandbox/faults`: what a simulated vendor does to the next requests. */
export class FaultsControl {
  constructor(private readonly call: Call) {}

  set(target: FaultTarget, spec: FaultSpec): Promise<unknown> {
    return this.call('PUT', `/sandbox/faults/${target}`, spec);
  }

  /** One target's fault, or every fault (and every request a fault is holding). */
  async clear(target?: FaultTarget): Promise<void> {
    if (target) await this.call('PUT', `/sandbox/faults/${target}`, { mode: 'none' });
    else await this.call('DELETE', '/sandbox/faults');
  }
}

/** `/sandbox/requests`: what reached the simulated vendors, oldest first. */
export class RequestsControl {
  constructor(private readonly call: Call) {}

  async list(filter: RequestFilter = {}): Promise<RequestRecord[]> {
    const { target, method, path, externalId, after } = filter;
    return (await this.call<{ requests: RequestRecord[] }>('GET', `/sandbox/requests${query({ target, method, path, externalId, after })}`)).requests;
  }

  /** The seq of the latest request (0 if none): `list({ after })` then gives only what comes next. */
  async latestSeq(): Promise<number> {
    return (await this.list()).at(-1)?.seq ?? 0;
  }

  async clear(): Promise<void> {
    await this.call('DELETE', '/sandbox/requests');
  }
}

/** `/sandbox/moncash`: play the payer, read what MonCash did, change its behaviour. */
export class MoncashControl {
  constructor(private readonly call: Call) {}

  payOrder(orderId: string, payer?: string): Promise<{ transactionId: string; orderId: string; cost: number; payer: string }> {
    return this.call('POST', `/sandbox/moncash/orders/${encodeURIComponent(orderId)}/pay`, payer === undefined ? {} : { payer });
  }

  async alerts(): Promise<AlertDelivery[]> {
    return (await this.call<{ alerts: AlertDelivery[] }>('GET', '/sandbox/moncash/alerts')).alerts;
  }

  config(patch?: Partial<MoncashSettings>): Promise<MoncashSettings> {
    return patch === undefined ? this.call('GET', '/sandbox/moncash/config') : this.call('PUT', '/sandbox/moncash/config', patch);
  }
}

/** `/sandbox/sparkmeter` and the SparkMeter part of the request log. */
export class SparkmeterControl {
  constructor(
    private readonly call: Call,
    private readonly requests: RequestsControl,
  ) {}

  upsertCustomer(customer: { code: string; api: 'koios' | 'thundercloud'; name?: string; creditMinor?: number }): Promise<CustomerView> {
    return this.call('POST', '/sandbox/sparkmeter/customers', customer);
  }

  customer(code: string): Promise<CustomerView> {
    return this.call('GET', `/sandbox/sparkmeter/customers/${encodeURIComponent(code)}`);
  }

  config(patch?: Partial<SparkmeterSettings>): Promise<SparkmeterSettings> {
    return patch === undefined ? this.call('GET', '/sandbox/sparkmeter/config') : this.call('PUT', '/sandbox/sparkmeter/config', patch);
  }

  async koiosPayments(externalId?: string): Promise<KoiosPaymentView[]> {
    return (await this.call<{ payments: KoiosPaymentView[] }>('GET', `/sandbox/sparkmeter/koios/payments${query({ externalId })}`)).payments;
  }

  /** A credit made outside Limye: Koios then already holds a payment with that external_id. */
  recordKoiosPayment(payment: OutsideKoiosPayment): Promise<KoiosPaymentView> {
    return this.call('POST', '/sandbox/sparkmeter/koios/payments', payment);
  }

  async thundercloudTransactions(externalId?: string): Promise<TcTransactionView[]> {
    return (await this.call<{ transactions: TcTransactionView[] }>('GET', `/sandbox/sparkmeter/thundercloud/transactions${query({ externalId })}`)).transactions;
  }

  /** Credits applied for an external_id: Koios payments plus processed ThunderCloud transactions. */
  async creditsFor(externalId: string): Promise<number> {
    const [payments, transactions] = await Promise.all([this.koiosPayments(externalId), this.thundercloudTransactions(externalId)]);
    return payments.length + transactions.filter((t) => t.status === 'processed').length;
  }

  /**
   * The Koios and ThunderCloud requests carrying this external_id, oldest first, one line each:
   * "POST /api/v1/payments ext=<id>" (in the body), "GET /api/v1/payments?external_id=<id>" (a lookup).
   */
  async requestsFor(externalId: string): Promise<string[]> {
    const seen = await this.requests.list({ externalId });
    return seen
      .filter((r) => r.target === 'koios' || r.target === 'thundercloud')
      .map((r) => {
        const inBody = (r.body as { external_id?: unknown } | undefined)?.external_id;
        return `${r.method} ${r.path}${typeof inBody === 'string' ? ` ext=${inBody}` : ''}`;
      });
  }
}

export interface HouseholdWanted {
  status?: HouseholdStatusFilter;
  category?: string;
  /** At least this many members (for a test that needs a member who is not the head). */
  minMembers?: number;
}

/**
 * The simulated population, loaded once, handing out each household once: tests in one file never get
 * the same household twice, so what one test does to a household (a sale) never shows in another.
 * Statuses are as they were when the pool was loaded.
 */
export class HouseholdPool {
  private readonly taken = new Set<string>();

  constructor(readonly households: readonly HouseholdView[]) {}

  take(wanted: HouseholdWanted = {}): HouseholdView {
    const found = this.households.find(
      (h) =>
        !this.taken.has(h.householdId) &&
        (wanted.status === undefined || statusOf(h) === wanted.status) &&
        (wanted.category === undefined || h.category === wanted.category) &&
        h.memberCount >= (wanted.minMembers ?? 1),
    );
    if (!found) throw new Error(`no household left that is ${JSON.stringify(wanted)} (raise SANDBOX_RWANDA_HOUSEHOLDS?)`);
    this.taken.add(found.householdId);
    return found;
  }
}

function statusOf(h: HouseholdView): HouseholdStatusFilter {
  if (h.omis.subsidised) return 'subsidised';
  if (h.omis.ongoingSale) return 'ongoing_sale';
  if (h.omis.repossession) return 'repossession';
  return 'eligible';
}

/** `/sandbox/rwanda` and `/sandbox/omis`: the MEIS population and what happens in OMIS. */
export class RwandaControl {
  constructor(private readonly call: Call) {}

  households(q: { status?: HouseholdStatusFilter; category?: string; limit?: number; offset?: number } = {}): Promise<{ total: number; households: HouseholdView[] }> {
    return this.call('GET', `/sandbox/rwanda/households${query(q)}`);
  }

  /** Every household (a few requests of 500), as a pool that hands each out once. */
  async pool(): Promise<HouseholdPool> {
    const all: HouseholdView[] = [];
    for (;;) {
      const page = await this.households({ limit: 500, offset: all.length });
      all.push(...page.households);
      if (page.households.length === 0 || all.length >= page.total) return new HouseholdPool(all);
    }
  }

  async unknownNationalIds(count = 5): Promise<string[]> {
    return (await this.call<{ nationalIds: string[] }>('GET', `/sandbox/rwanda/unknown-national-ids${query({ count })}`)).nationalIds;
  }

  /** The sale OMIS holds (null if none) and how many write requests reached OMIS for the reference. */
  sale(reference: string): Promise<{ sale: OmisSale | null; requests: OmisRequestCounts }> {
    return this.call('GET', `/sandbox/omis/sales/${encodeURIComponent(reference)}`);
  }

  /** Another company's pending sale for the household: OMIS then reports it as an ongoing sale. */
  registerOtherCompanySale(householdId: string, opts: { companyCode?: string; reference?: string } = {}): Promise<OmisSale> {
    return this.call('POST', '/sandbox/omis/sales', { householdId, ...opts });
  }

  /** OMIS's staff cancel the sale (not a request to OMIS's API: not counted). */
  cancelSale(reference: string, reason?: string): Promise<OmisSale> {
    return this.call('POST', `/sandbox/omis/sales/${encodeURIComponent(reference)}/cancellation`, reason === undefined ? {} : { reason });
  }

  /** OMIS answers this reference's registration 409 household_blocked from now on, whatever it holds. */
  async refuseRegistration(reference: string): Promise<void> {
    await this.call('PUT', `/sandbox/omis/sales/${encodeURIComponent(reference)}/refusal`);
  }

  async allowRegistration(reference: string): Promise<void> {
    await this.call('DELETE', `/sandbox/omis/sales/${encodeURIComponent(reference)}/refusal`);
  }

  /** OMIS answers these status fields for the household from now on, whatever it holds (e.g. `{ ongoingSale: null }`). */
  async overrideStatus(householdId: string, fields: Partial<OmisHouseholdStatus>): Promise<void> {
    await this.call('PUT', `/sandbox/omis/households/${encodeURIComponent(householdId)}/status`, fields);
  }

  async clearStatusOverride(householdId: string): Promise<void> {
    await this.call('DELETE', `/sandbox/omis/households/${encodeURIComponent(householdId)}/status`);
  }
}

/**
 * The simulators' control API (`/sandbox/...`) as a test client: the same calls a test makes to the
 * sandbox process (`new SimulatorsClient(stack.url('sandbox'))`) or to simulators started in-process.
 */
export class SimulatorsClient {
  readonly faults: FaultsControl;
  readonly requests: RequestsControl;
  readonly moncash: MoncashControl;
  readonly sparkmeter: SparkmeterControl;
  readonly rwanda: RwandaControl;
  private readonly call: Call;

  constructor(readonly url: string) {
    this.call = caller(url);
    this.faults = new FaultsControl(this.call);
    this.requests = new RequestsControl(this.call);
    this.moncash = new MoncashControl(this.call);
    this.sparkmeter = new SparkmeterControl(this.call, this.requests);
    this.rwanda = new RwandaControl(this.call);
  }

  /** Every simulator back to its start state, no faults, an empty request log. */
  async reset(): Promise<void> {
    await this.call('POST', '/sandbox/reset');
  }
}

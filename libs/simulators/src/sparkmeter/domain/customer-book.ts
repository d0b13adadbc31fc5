import { randomUUID } from 'crypto';

export const SPARKMETER_APIS = ['koios', 'thundercloud'] as const;
export type SparkmeterApi = (typeof SPARKMETER_APIS)[number];

/** The sandbox sites bill in gourdes, like Limye's MonCash customers. */
export const SPARKMETER_CURRENCY = 'HTG';

export interface MeterCustomer {
  id: string;
  /** Case-sensitive, as on ThunderCloud. */
  code: string;
  name: string;
  phoneNumber: string;
  /** Which SparkMeter API serves the customer's site. */
  api: SparkmeterApi;
  creditMinor: number;
  meterSerial: string;
}

export interface CustomerUpsert {
  code: string;
  name?: string;
  api: SparkmeterApi;
  creditMinor?: number;
}

/**
 * SparkMeter customers of both APIs, keyed by code and by id (every lookup and credit is a map access:
 * a credit is on the hot path of the payments benchmark); credit is integer minor units.
 */
export class CustomerBook {
  private readonly byCodeMap = new Map<string, MeterCustomer>();
  private readonly byIdMap = new Map<string, MeterCustomer>();

  constructor(seed: MeterCustomer[] = [], private readonly newId: () => string = randomUUID) {
    for (const c of seed) this.put({ ...c });
  }

  /** Creates or overwrites by code. An overwrite keeps the id, so a caller's stored customer_id stays valid. */
  upsert(input: CustomerUpsert): MeterCustomer {
    const existing = this.byCodeMap.get(input.code);
    const customer: MeterCustomer = {
      id: existing?.id ?? this.newId(),
      code: input.code,
      name: input.name ?? existing?.name ?? `Customer ${input.code}`,
      phoneNumber: existing?.phoneNumber ?? '',
      api: input.api,
      creditMinor: input.creditMinor ?? 0,
      meterSerial: existing?.meterSerial ?? `SM-SANDBOX-${input.code}`,
    };
    this.put(customer);
    return { ...customer };
  }

  byCode(code: string, api?: SparkmeterApi): MeterCustomer | undefined {
    const c = this.byCodeMap.get(code);
    return c && (!api || c.api === api) ? { ...c } : undefined;
  }

  byId(id: string, api?: SparkmeterApi): MeterCustomer | undefined {
    const c = this.byIdMap.get(id);
    return c && (!api || c.api === api) ? { ...c } : undefined;
  }

  list(api?: SparkmeterApi): MeterCustomer[] {
    return [...this.byCodeMap.values()].filter((c) => !api || c.api === api).map((c) => ({ ...c }));
  }

  credit(customerId: string, amountMinor: number): void {
    const c = this.byIdMap.get(customerId);
    if (!c) throw new Error(`no customer ${customerId}`);
    c.creditMinor += amountMinor;
  }

  /** One object in both maps, so a credit shows through either. */
  private put(customer: MeterCustomer): void {
    this.byCodeMap.set(customer.code, customer);
    this.byIdMap.set(customer.id, customer);
  }
}

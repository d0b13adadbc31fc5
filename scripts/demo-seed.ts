import { call } from './http-call';

/**
 * The demo site `npm start` seeds: two Haiti mini-grid sites (one on SparkMeter Koios, one on a
 * ThunderCloud server), their customers in the registry and the matching customers in the SparkMeter
 * simulators. Idempotent: a customer whose meter serial is already registered is left alone.
 */
export const DEMO_SITE_APIS = 'haiti-north:koios,haiti-south:thundercloud';

export const DEMO_SITES = [
  { id: 'haiti-north', name: 'Haiti North mini-grid', country: 'HT', currency: 'HTG' },
  { id: 'haiti-south', name: 'Haiti South mini-grid', country: 'HT', currency: 'HTG' },
];

export const DEMO_CUSTOMERS = [
  { name: 'Marie Joseph', phone: '3700 7294', siteId: 'haiti-north', serial: 'SM16R-01-00001234', code: '0252SHG', api: 'koios' },
  { name: 'Jean Pierre', phone: '3711 2233', siteId: 'haiti-north', serial: 'SM16R-01-00001235', code: '0253SHG', api: 'koios' },
  { name: 'Rose Louis', phone: '3722 4455', siteId: 'haiti-south', serial: 'SM5R-02-00000077', code: '0301TCL', api: 'thundercloud' },
];

export interface SeededCustomer {
  name: string;
  accountNumber: string;
  serial: string;
  code: string;
}

/** `token`: an access token of the default organisation (the registry's operator routes need one). */
export async function seedDemo(registryUrl: string, sandboxUrl: string, token: string): Promise<SeededCustomer[]> {
  const auth = { authorization: `Bearer ${token}` };
  for (const site of DEMO_SITES) {
    const r = await call('POST', `${registryUrl}/v1/sites`, site, auth);
    if (r.status >= 400 && r.status !== 409) throw new Error(`seeding site ${site.id}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const seeded: SeededCustomer[] = [];
  for (const c of DEMO_CUSTOMERS) {
    const existing = await call('GET', `${registryUrl}/v1/customers?serial=${encodeURIComponent(c.serial)}`, undefined, auth);
    let accountNumber: string | undefined = existing.body?.items?.[0]?.accountNumber;
    if (!accountNumber) {
      const created = await call('POST', `${registryUrl}/v1/customers`, {
        name: c.name,
        phone: c.phone,
        siteId: c.siteId,
        devices: [{ type: 'meter', manufacturer: 'SparkMeter', serial: c.serial, vendorAccountRef: c.code }],
      }, auth);
      if (created.status !== 201) throw new Error(`seeding customer ${c.name}: ${created.status} ${JSON.stringify(created.body)}`);
      accountNumber = created.body.accountNumber as string;
    }
    // The sandbox may not know the customer (first start, state deleted, reset, or SANDBOX_STATE_DIR empty):
    // make sure the vendor side knows it too. One it already knows is left alone, with its credit.
    const vendor = await call('GET', `${sandboxUrl}/sandbox/sparkmeter/customers/${c.code}`);
    if (vendor.status === 404) {
      const r = await call('POST', `${sandboxUrl}/sandbox/sparkmeter/customers`, { code: c.code, name: c.name, api: c.api, creditMinor: 0 });
      if (r.status >= 400) throw new Error(`seeding SparkMeter customer ${c.code}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    seeded.push({ name: c.name, accountNumber, serial: c.serial, code: c.code });
  }
  return seeded;
}

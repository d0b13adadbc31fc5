/**
 * The RBF demo `npm start` seeds in the eligibility service: one solar company with two products, one
 * sales agent (phone +250788000001, PIN 1234) and a budget per category. Idempotent: what exists is kept.
 */
export const DEMO_AGENT = { phone: '+250788000001', pin: '1234', name: 'Demo Agent' };
export const DEMO_COMPANY = { code: 'SOLARCO', name: 'Solar Co Rwanda' };
export const DEMO_PRODUCTS = [
  { code: 'SHS-50W', name: 'Home system 50W', priceRwf: 115000, incentiveCapRwf: 103500 },
  { code: 'SHS-20W', name: 'Solar kit 20W', priceRwf: 60000, incentiveCapRwf: 54000 },
];
/** RWF per legacy tier (1 = poorest). Tier 4 gets no incentive, so no budget. */
export const DEMO_BUDGETS: Record<string, number> = { '1': 500_000_000, '2': 300_000_000, '3': 100_000_000 };

async function call(method: string, url: string, apiKey: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method,
    headers: { 'x-api-key': apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep text */
  }
  return { status: res.status, body: parsed };
}

function ok(what: string, r: { status: number; body: unknown }): void {
  if (r.status >= 400) throw new Error(`seeding ${what}: ${r.status} ${JSON.stringify(r.body)}`);
}

export async function seedEligibilityDemo(eligibilityUrl: string, apiKey: string): Promise<void> {
  const companies = await call('GET', `${eligibilityUrl}/v1/companies`, apiKey);
  ok('companies', companies);
  const list: Array<{ id: string; code: string }> = Array.isArray(companies.body) ? companies.body : (companies.body.items ?? companies.body.companies ?? []);
  let company = list.find((c) => c.code === DEMO_COMPANY.code);
  if (!company) {
    const created = await call('POST', `${eligibilityUrl}/v1/companies`, apiKey, DEMO_COMPANY);
    ok('company', created);
    company = created.body;
  }
  const products = await call('GET', `${eligibilityUrl}/v1/companies/${company!.id}/products`, apiKey);
  ok('products', products);
  const plist: Array<{ code: string }> = Array.isArray(products.body) ? products.body : (products.body.items ?? products.body.products ?? []);
  for (const p of DEMO_PRODUCTS) {
    if (!plist.some((x) => x.code === p.code)) ok(`product ${p.code}`, await call('POST', `${eligibilityUrl}/v1/companies/${company!.id}/products`, apiKey, p));
  }
  const agent = await call('POST', `${eligibilityUrl}/v1/agents`, apiKey, { ...DEMO_AGENT, companyIds: [company!.id] });
  if (agent.status !== 409) ok('agent', agent);
  const budgets = await call('GET', `${eligibilityUrl}/v1/budgets`, apiKey);
  ok('budgets', budgets);
  const blist: Array<{ tier: number; totalRwf: number }> = Array.isArray(budgets.body) ? budgets.body : (budgets.body.items ?? budgets.body.budgets ?? []);
  for (const [tier, totalRwf] of Object.entries(DEMO_BUDGETS)) {
    if (!blist.some((b) => String(b.tier) === tier && b.totalRwf > 0)) ok(`budget ${tier}`, await call('PUT', `${eligibilityUrl}/v1/budgets/${tier}`, apiKey, { totalRwf }));
  }
}

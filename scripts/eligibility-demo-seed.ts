import { call } from './http-call';

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

function ok(what: string, r: { status: number; body: unknown }): void {
  if (r.status >= 400) throw new Error(`seeding ${what}: ${r.status} ${JSON.stringify(r.body)}`);
}

/** `token`: an access token that may manage the programme (owner, admin or programme; docs/access.md). */
export async function seedEligibilityDemo(eligibilityUrl: string, token: string): Promise<void> {
  const admin = { authorization: `Bearer ${token}` };
  const companies = await call('GET', `${eligibilityUrl}/v1/companies`, undefined, admin);
  ok('companies', companies);
  let company = (companies.body.items as Array<{ id: string; code: string }>).find((c) => c.code === DEMO_COMPANY.code);
  if (!company) {
    const created = await call('POST', `${eligibilityUrl}/v1/companies`, DEMO_COMPANY, admin);
    ok('company', created);
    company = created.body;
  }
  const products = await call('GET', `${eligibilityUrl}/v1/companies/${company!.id}/products`, undefined, admin);
  ok('products', products);
  const existing = products.body.items as Array<{ code: string }>;
  for (const p of DEMO_PRODUCTS) {
    if (!existing.some((x) => x.code === p.code)) ok(`product ${p.code}`, await call('POST', `${eligibilityUrl}/v1/companies/${company!.id}/products`, p, admin));
  }
  const agent = await call('POST', `${eligibilityUrl}/v1/agents`, { ...DEMO_AGENT, companyIds: [company!.id] }, admin);
  if (agent.status !== 409) ok('agent', agent);
  const budgets = await call('GET', `${eligibilityUrl}/v1/budgets`, undefined, admin);
  ok('budgets', budgets);
  for (const [tier, totalRwf] of Object.entries(DEMO_BUDGETS)) {
    const set = (budgets.body as Array<{ tier: number; totalRwf: number }>).some((b) => String(b.tier) === tier && b.totalRwf > 0);
    if (!set) ok(`budget ${tier}`, await call('PUT', `${eligibilityUrl}/v1/budgets/${tier}`, { totalRwf }, admin));
  }
}

import type { Role } from './roles';

/**
 * Who may call which kind of operator route, written once for every service (docs/access.md has it as a
 * table). A route names its kind: `@RequireRoles(...ACCESS.paymentsOperate)`.
 * - owner, admin: everything;
 * - finance: payments (read, checkout, retry), deliveries, the ledger; reads of customers it pays for;
 * - field: registers customers and devices, reads its organisation's customers and sites;
 * - viewer: every read (GET), nothing else;
 * - programme: the eligibility admin API (companies, products, agents, budgets, sales, rules, reports).
 */
export const ACCESS = {
  /** GET customers, sites. */
  registryRead: ['owner', 'admin', 'finance', 'field', 'viewer'],
  /** POST/PATCH customers and their devices. */
  registryRegister: ['owner', 'admin', 'field'],
  /** Sites (tariffs, currencies, vendors): the organisation's configuration. */
  registryConfigure: ['owner', 'admin'],
  /** GET payments. */
  paymentsRead: ['owner', 'admin', 'finance', 'viewer'],
  /** Checkouts, retries (and refunds and payouts when they come). */
  paymentsOperate: ['owner', 'admin', 'finance'],
  /** GET balances, journal entries, the ledger check. */
  ledgerRead: ['owner', 'admin', 'finance', 'viewer'],
  /** GET deliveries (the meter credit a payment became). */
  deliveriesRead: ['owner', 'admin', 'finance', 'viewer'],
  /** Retrying a delivery: sends money's worth of credit to a meter. */
  deliveriesOperate: ['owner', 'admin', 'finance'],
  /** GET of the eligibility admin API (companies, products, agents, budgets, sales, rules, reports). */
  programmeRead: ['owner', 'admin', 'programme', 'viewer'],
  /** Changes through the eligibility admin API. */
  programmeManage: ['owner', 'admin', 'programme'],
  /** GET /v1/audit of every service: who changed what (docs/audit.md); not a plain read, so not the viewer's. */
  audit: ['owner', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type AccessKind = keyof typeof ACCESS;

import { secretEquals } from '@limye/platform';

/**
 * What a caller of the admin API may do. Endpoints ask for a permission, never for a key, so the roles
 * issue (JWT roles) only has to map a role onto these; today two keys do:
 * - `ELIGIBILITY_ADMIN_API_KEY`: the programme's admin (companies, products, agents, budgets, sales, rules)
 *   and the request-log CSV with phones masked;
 * - `ELIGIBILITY_PII_API_KEY` (optional): the request-log CSV only, and the right to ask it for full phone
 *   numbers. Unset: nobody has that right over the API.
 */
export type AdminPermission = 'programme.manage' | 'reports.read' | 'reports.fullPhones';

export interface AdminCaller {
  /** Who asked, as the audit log names them (a key's name today, a user later; never the key itself). */
  readonly name: string;
  readonly permissions: ReadonlySet<AdminPermission>;
}

export const ADMIN_KEY_CALLER: AdminCaller = { name: 'admin-api-key', permissions: new Set(['programme.manage', 'reports.read']) };
export const PII_KEY_CALLER: AdminCaller = { name: 'pii-api-key', permissions: new Set(['reports.read', 'reports.fullPhones']) };

/** The caller a presented X-API-Key stands for, or null (missing or wrong). Keys are compared in constant time. */
export function callerOfApiKey(
  presented: string | undefined,
  keys: { ELIGIBILITY_ADMIN_API_KEY: string; ELIGIBILITY_PII_API_KEY: string },
): AdminCaller | null {
  if (secretEquals(presented, keys.ELIGIBILITY_ADMIN_API_KEY)) return ADMIN_KEY_CALLER;
  if (keys.ELIGIBILITY_PII_API_KEY !== '' && secretEquals(presented, keys.ELIGIBILITY_PII_API_KEY)) return PII_KEY_CALLER;
  return null;
}

import { SetMetadata } from '@nestjs/common';

/**
 * The roles an operator user or API key holds in one organisation.
 * owner/admin: everything in their organisation (admin cannot remove owners); finance: payments, payouts,
 * refunds, the ledger; field: register customers and devices, read their organisation's customers;
 * viewer: read only; programme: the RBF programme's staff, for the eligibility admin API.
 */
export const ROLES = ['owner', 'admin', 'finance', 'field', 'viewer', 'programme'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Metadata keys read by the authentication guard and by the OpenAPI document builder. */
export const ROLES_METADATA = 'limye:auth:roles';
export const PUBLIC_ROUTE_METADATA = 'limye:auth:public';

/** The roles that may call this route (or every route of this controller). Any other role is a 403. */
export const RequireRoles = (...roles: Role[]) => SetMetadata(ROLES_METADATA, roles);

/**
 * A route anyone may call without a token: health, metrics, provider callbacks, USSD gateways, the token
 * endpoint, the JWKS, the sandbox. `reason` says why (shown in the OpenAPI document and read in review).
 */
export const PublicRoute = (reason: string) => SetMetadata(PUBLIC_ROUTE_METADATA, reason);

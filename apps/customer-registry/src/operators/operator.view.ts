import type { Role } from '@limye/platform';

/** A user as the organisation's owners and admins see them (never the password hash). */
export interface OperatorUserView {
  id: string;
  email: string;
  organisationId: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export interface MembershipRow {
  id: string;
  email: string;
  organisation_id: string;
  role: Role;
  disabled_at: Date | null;
  created_at: Date;
}

export function toOperatorUserView(r: MembershipRow): OperatorUserView {
  return { id: r.id, email: r.email, organisationId: r.organisation_id, role: r.role, disabled: r.disabled_at !== null, createdAt: new Date(r.created_at).toISOString() };
}

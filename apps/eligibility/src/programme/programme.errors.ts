/** Stable error codes of the programme admin API. */
export const ProgrammeErrors = {
  companyNotFound: 'ELIGIBILITY.COMPANY_NOT_FOUND',
  companyCodeTaken: 'ELIGIBILITY.COMPANY_CODE_TAKEN',
  productNotFound: 'ELIGIBILITY.PRODUCT_NOT_FOUND',
  productCodeTaken: 'ELIGIBILITY.PRODUCT_CODE_TAKEN',
  agentNotFound: 'ELIGIBILITY.AGENT_NOT_FOUND',
  agentPhoneTaken: 'ELIGIBILITY.AGENT_PHONE_TAKEN',
  budgetBelowCommitted: 'ELIGIBILITY.BUDGET_BELOW_COMMITTED',
  saleNotFound: 'ELIGIBILITY.SALE_NOT_FOUND',
} as const;

/** Postgres unique violation (23505) on the named constraint or index. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}

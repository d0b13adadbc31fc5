/**
 * Reading MEIS and OMIS answers (docs/national-systems.md) into what the eligibility decision needs. A
 * 200 whose body does not have the documented shape is not trusted: it counts as the system being
 * unavailable, never as "eligible".
 */
import type { MeisAnswer, OmisAnswer } from '../../programme/domain/eligibility-decision';

export type MeisPersonAnswer = Exclude<MeisAnswer, { kind: 'unavailable' }> | { kind: 'unavailable'; reason: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** GET /v1/persons/{nationalId}: 200 person, 404 not found, 400 invalid id (MEIS knows no such person either). */
export function readMeisPerson(status: number, body: unknown): MeisPersonAnswer {
  if (status === 404 || status === 400) return { kind: 'not_found' };
  if (status !== 200) return { kind: 'unavailable', reason: `HTTP ${status}` };
  if (!isRecord(body) || !isRecord(body.household)) return { kind: 'unavailable', reason: 'unexpected body' };
  const h = body.household;
  const householdId = isText(body.householdId) ? body.householdId : h.householdId;
  const category = typeof h.category === 'number' ? String(h.category) : h.category;
  const memberCount = h.memberCount;
  if (!isText(householdId) || !isText(category) || typeof body.isHouseholdHead !== 'boolean') return { kind: 'unavailable', reason: 'unexpected body' };
  if (typeof memberCount !== 'number' || !Number.isInteger(memberCount) || memberCount < 0) return { kind: 'unavailable', reason: 'unexpected body' };
  return { kind: 'found', householdId, isHouseholdHead: body.isHouseholdHead, category: category.trim(), memberCount };
}

export type OmisStatusAnswer = Exclude<OmisAnswer, { kind: 'unavailable' }> | { kind: 'unavailable'; reason: string };

/** GET /v1/households/status?nationalId=: always 200 (an unknown person is an all-clear answer). */
export function readOmisStatus(status: number, body: unknown): OmisStatusAnswer {
  if (status !== 200) return { kind: 'unavailable', reason: `HTTP ${status}` };
  if (!isRecord(body) || typeof body.subsidised !== 'boolean' || typeof body.repossession !== 'boolean') {
    return { kind: 'unavailable', reason: 'unexpected body' };
  }
  const ongoing = body.ongoingSale;
  if (ongoing !== null && ongoing !== undefined && !isRecord(ongoing)) return { kind: 'unavailable', reason: 'unexpected body' };
  const voucher = body.voucherNumber;
  return {
    kind: 'found',
    subsidised: body.subsidised,
    ongoingSale: isRecord(ongoing),
    repossession: body.repossession,
    voucherNumber: isText(voucher) ? voucher.trim() : null,
  };
}

/** The `error` code of a documented error body (`{"error": "household_blocked", …}`), if any. */
export function errorCode(body: unknown): string | undefined {
  return isRecord(body) && typeof body.error === 'string' ? body.error.slice(0, 64) : undefined;
}

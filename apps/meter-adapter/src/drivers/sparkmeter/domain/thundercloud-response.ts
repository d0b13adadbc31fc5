import { DeliveryFailureCodes } from '@limye/contracts';
import type { DeliveryOutcome, StatusOutcome } from '../../domain/delivery-outcome';
import { clip, describeBody, is2xx, isRecord, textField } from '../../domain/vendor-body';

/**
 * ThunderCloud v0 answers carry an `error` field that is false or null on success, and
 * `{"error": "...", "status": "failure"}` otherwise.
 */

/** The vendor's error text, or null when the body says "no error" (or is not JSON). */
function tcError(body: unknown): string | null {
  if (!isRecord(body)) return null;
  const e = body.error;
  if (e === undefined || e === null || e === false) return null;
  return clip(typeof e === 'string' ? e : JSON.stringify(e));
}

function said(body: unknown): string {
  return tcError(body) ?? describeBody(body);
}

/** What the non-2xx answers have in common: credentials, rate limits, URL mistakes, vendor errors. */
function classifyTcFailure(status: number, body: unknown, what: string): Extract<DeliveryOutcome, { kind: 'failed' | 'not_credited' | 'unknown' }> {
  switch (status) {
    case 401:
    case 403:
      return { kind: 'not_credited', reason: `ThunderCloud refused the token (${status}) on ${what}: ${said(body)}` };
    case 429:
      return { kind: 'not_credited', reason: `ThunderCloud rate limit (429) on ${what}: ${said(body)}` };
    case 408:
      return { kind: 'unknown', reason: `ThunderCloud request timeout (408) on ${what}: ${said(body)}` };
    case 404:
      // "An invalid endpoint returns 404": without the vendor's error body it is our URL, not the customer.
      return tcError(body) !== null
        ? { kind: 'failed', code: DeliveryFailureCodes.vendorRejected, reason: `ThunderCloud: ${said(body)} (404 on ${what})` }
        : { kind: 'not_credited', reason: `ThunderCloud endpoint not found (404) on ${what}, check SPARKMETER_THUNDERCLOUD_BASE_URL` };
  }
  if (status >= 400 && status < 500) {
    return { kind: 'failed', code: DeliveryFailureCodes.vendorRejected, reason: `ThunderCloud refused ${what} (${status}): ${said(body)}` };
  }
  return { kind: 'unknown', reason: `ThunderCloud answered ${status} on ${what}: ${said(body)}` };
}

export type ThunderCloudCustomerLookup = { kind: 'found'; customerId: string } | Extract<DeliveryOutcome, { kind: 'failed' | 'not_credited' }>;

/**
 * Classifies `GET /customer/{code}` → `customers[0].id`. Nothing has been sent to the vendor yet, so
 * anything unclear here is `not_credited`, never `unknown`.
 */
export function classifyThunderCloudCustomer(status: number, body: unknown, code: string): ThunderCloudCustomerLookup {
  if (is2xx(status) && isRecord(body) && tcError(body) === null && Array.isArray(body.customers)) {
    const first: unknown = body.customers[0];
    const id = isRecord(first) ? textField(first, 'id') : null;
    if (id) return { kind: 'found', customerId: id };
    return { kind: 'failed', code: DeliveryFailureCodes.vendorRejected, reason: `ThunderCloud: unknown customer ${code}` };
  }
  if (is2xx(status)) {
    return { kind: 'not_credited', reason: `ThunderCloud customer lookup answered ${status} with ${said(body)}` };
  }
  if (status === 404 && tcError(body) !== null) {
    return { kind: 'failed', code: DeliveryFailureCodes.vendorRejected, reason: `ThunderCloud: unknown customer ${code}` };
  }
  const failure = classifyTcFailure(status, body, 'the customer lookup');
  return failure.kind === 'unknown' ? { kind: 'not_credited', reason: failure.reason } : failure;
}

export type ThunderCloudPostResult = { kind: 'accepted'; transactionId: string } | DeliveryOutcome;

/** Classifies `POST /transaction/` → `{transaction_id, error}`. Accepted is not yet credited: poll it. */
export function classifyThunderCloudPost(status: number, body: unknown): ThunderCloudPostResult {
  if (is2xx(status)) {
    const transactionId = isRecord(body) ? textField(body, 'transaction_id') : null;
    if (transactionId && tcError(body) === null) return { kind: 'accepted', transactionId };
    if (tcError(body) !== null) {
      return { kind: 'failed', code: DeliveryFailureCodes.vendorRejected, reason: `ThunderCloud refused the transaction: ${said(body)}` };
    }
    return { kind: 'unknown', reason: `ThunderCloud answered ${status} without a transaction_id: ${describeBody(body)}` };
  }
  return classifyTcFailure(status, body, 'the transaction');
}

/**
 * Classifies `GET /transaction/{id}`. The envelope is not settled in the sources (MPM reads both
 * `transaction.status` and a top-level `status`), so both are read.
 */
export function classifyThunderCloudTransaction(status: number, body: unknown, transactionId: string): StatusOutcome {
  if (!is2xx(status) || !isRecord(body) || tcError(body) !== null) {
    return { kind: 'unknown', reason: `ThunderCloud transaction ${transactionId} status answered ${status}: ${said(body)}`, vendorRef: transactionId };
  }
  const tx = isRecord(body.transaction) ? body.transaction : body;
  const txStatus = textField(tx, 'status');
  switch (txStatus) {
    case 'processed':
      return { kind: 'delivered', vendorRef: transactionId };
    case 'pending':
      return { kind: 'pending', vendorRef: transactionId, reason: `ThunderCloud transaction ${transactionId} is pending (site not synced yet)` };
    case 'not-processed':
    case 'error':
      return { kind: 'failed', code: DeliveryFailureCodes.vendorFailed, reason: `ThunderCloud transaction ${transactionId} is ${txStatus}`, vendorRef: transactionId };
    default:
      return { kind: 'unknown', reason: `ThunderCloud transaction ${transactionId} has status ${JSON.stringify(txStatus)}`, vendorRef: transactionId };
  }
}

import { DeliveryFailureCodes } from '@limye/contracts';
import type { DeliveryOutcome, LookupOutcome } from '../../domain/delivery-outcome';
import { clip, describeBody, is2xx, isRecord, textField } from '../../domain/vendor-body';

/**
 * Koios v1 answers `{errors: [...], data, cursor}`. Success is a 2xx AND an `errors` array that is
 * present and empty: 1PWR once counted 401/403 `{"detail": ...}` bodies as credits, so nothing else is.
 */

/** The messages of `errors[]` (strings or `{code, title, detail}`), or null when the body has none. */
export function koiosErrors(body: unknown): string[] | null {
  if (!isRecord(body) || !Array.isArray(body.errors)) return null;
  return body.errors.map((e) => {
    if (typeof e === 'string') return e;
    if (!isRecord(e)) return JSON.stringify(e);
    const parts = ['title', 'detail', 'message'].map((k) => textField(e, k)).filter((t): t is string => t !== null);
    return parts.length > 0 ? parts.join(': ') : JSON.stringify(e);
  });
}

const ALREADY_TAKEN = /external_id has already been taken/i;

/** Classifies the answer to `POST /api/v1/payments`. */
export function classifyKoiosResponse(status: number, body: unknown): DeliveryOutcome {
  const errors = koiosErrors(body);
  const said = errors && errors.length > 0 ? clip(errors.join('; ')) : describeBody(body);
  if (is2xx(status)) {
    if (errors !== null && errors.length === 0) {
      const data = isRecord(body) && isRecord(body.data) ? body.data : {};
      return { kind: 'delivered', vendorRef: textField(data, 'id') };
    }
    return { kind: 'unknown', reason: `Koios answered ${status} without a clean errors[]: ${said}` };
  }
  if (status >= 400 && status < 500 && errors?.some((e) => ALREADY_TAKEN.test(e))) {
    // Our external_id is the payment id: Koios holds a credit for it already.
    return { kind: 'delivered', vendorRef: null };
  }
  switch (status) {
    case 401:
    case 403:
      return { kind: 'not_credited', reason: `Koios refused the API key (${status}; a write key is needed): ${said}` };
    case 429:
      return { kind: 'not_credited', reason: `Koios rate limit (429): ${said}` };
    case 408:
      return { kind: 'unknown', reason: `Koios request timeout (408): ${said}` };
    case 404:
      // A Koios-shaped 404 is about the customer; a bare one means the URL is wrong, which a fix can cure.
      return errors !== null
        ? { kind: 'failed', code: DeliveryFailureCodes.vendorRejected, reason: `Koios: unknown customer (404): ${said}` }
        : { kind: 'not_credited', reason: `Koios endpoint not found (404), check SPARKMETER_KOIOS_BASE_URL: ${said}` };
  }
  if (status >= 400 && status < 500) {
    return { kind: 'failed', code: DeliveryFailureCodes.vendorRejected, reason: `Koios refused the payment (${status}): ${said}` };
  }
  return { kind: 'unknown', reason: `Koios answered ${status}: ${said}` };
}

/** Classifies the answer to `GET /api/v1/payments?external_id=<id>` (a list, or one payment). */
export function classifyKoiosLookup(status: number, body: unknown, externalId: string): LookupOutcome {
  const errors = koiosErrors(body);
  if (is2xx(status) && errors !== null && errors.length === 0 && isRecord(body)) {
    const candidates = Array.isArray(body.data) ? body.data : body.data === null || body.data === undefined ? [] : [body.data];
    const found = candidates.find((p) => isRecord(p) && p.external_id === externalId) as Record<string, unknown> | undefined;
    if (!found) return { kind: 'not_found', reason: `Koios has no payment with external_id ${externalId}` };
    const paymentStatus = textField(found, 'status');
    if (paymentStatus !== null && paymentStatus !== 'processed') {
      // e.g. reversed at the vendor: neither "credited" nor safe to re-send; a person must look.
      return { kind: 'unknown', reason: `Koios payment ${String(found.id)} is ${paymentStatus}`, vendorRef: textField(found, 'id') ?? undefined };
    }
    return { kind: 'delivered', vendorRef: textField(found, 'id') };
  }
  if (status === 404 && errors !== null) return { kind: 'not_found', reason: `Koios has no payment with external_id ${externalId}` };
  return { kind: 'unknown', reason: `Koios payment lookup answered ${status}: ${errors?.length ? clip(errors.join('; ')) : describeBody(body)}` };
}

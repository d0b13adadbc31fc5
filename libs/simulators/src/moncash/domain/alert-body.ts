export interface MoncashAlert {
  transactionId: string;
  /** Absent for a direct payment, which has no order. */
  orderId?: string;
}

/**
 * MonCash does not publish its alert payload; integrations read `transactionId` and `orderId` from
 * either JSON or a form body, so the sandbox can send both.
 */
export function encodeAlert(alert: MoncashAlert, format: 'json' | 'form'): { contentType: string; body: string } {
  const fields: Record<string, string> = { transactionId: alert.transactionId };
  if (alert.orderId !== undefined) fields.orderId = alert.orderId;
  return format === 'json'
    ? { contentType: 'application/json', body: JSON.stringify(fields) }
    : { contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams(fields).toString() };
}

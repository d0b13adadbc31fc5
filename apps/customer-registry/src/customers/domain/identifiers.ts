/**
 * How serial numbers and account numbers are compared: people copy them from stickers, receipts and SMS
 * with spaces, dashes and either case, so "sm-0252 shg" and "SM0252SHG" are the same identifier.
 * NFKC first folds full-width characters that some phone keyboards produce into plain ASCII.
 */
export function normalizeIdentifier(value: string): string {
  return value.normalize('NFKC').trim().toUpperCase().replace(/[\s\-\u2010-\u2015]+/g, '');
}

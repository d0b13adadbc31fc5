/**
 * An answer shaped like the simulated vendor's own (MonCash envelope, Koios `errors[]`, ThunderCloud
 * `{error, status}`), thrown from simulator code and written out verbatim by VendorReplyFilter, so the
 * platform's problem format never leaks into a vendor's API.
 */
export class VendorReplyError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`vendor reply ${status}`);
    this.name = 'VendorReplyError';
  }
}

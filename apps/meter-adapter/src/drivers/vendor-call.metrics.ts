import { histogram } from '@limye/platform';

/** Every HTTP call to a vendor, by driver, operation and result (HTTP status, "timeout" or "error"). */
export const vendorCallDuration = histogram(
  'limye_meter_vendor_call_duration_seconds',
  'Duration of HTTP calls to meter vendors by driver, operation and result',
  ['driver', 'operation', 'result'],
  [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 90],
);

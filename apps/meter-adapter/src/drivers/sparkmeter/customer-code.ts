import { DeliveryFailureCodes } from '@limye/contracts';
import type { Delivery } from '../../delivery/delivery.entity';
import type { DeliveryOutcome } from '../domain/delivery-outcome';

/**
 * The SparkMeter customer code a delivery credits, or the refusal both SparkMeter APIs give a device
 * that has none.
 */
export function customerCode(d: Delivery): string | DeliveryOutcome {
  if (d.deviceVendorAccountRef) return d.deviceVendorAccountRef;
  return { kind: 'failed', code: DeliveryFailureCodes.vendorRejected, reason: 'the device has no SparkMeter customer code (vendorAccountRef)' };
}

import type { DeliveryRequest } from '@limye/contracts';
import { deliveryDifferences, StoredDeliveryFacts } from './delivery-conflict';

const stored: StoredDeliveryFacts = {
  customerId: 'c-1', amountMinor: 25000, currency: 'HTG', deviceId: 'd-1', deviceType: 'meter',
  deviceManufacturer: 'SparkMeter', deviceSerial: 'SM-1', deviceVendorAccountRef: '0252SHG', deviceSiteId: null,
};
const request: DeliveryRequest = {
  organisationId: '00000000-0000-4000-8000-000000000001',
  paymentId: 'p-1', customerId: 'c-1', amountMinor: 25000, currency: 'HTG', memo: 'moncash 123',
  device: { id: 'd-1', type: 'meter', manufacturer: 'SparkMeter', serial: 'SM-1', vendorAccountRef: '0252SHG' },
};

describe('deliveryDifferences', () => {
  it('finds none in a true repeat, whatever the memo, and treats a missing optional field as null', () => {
    expect(deliveryDifferences(stored, { ...request, memo: 'other memo' })).toEqual([]);
  });

  it('names each field that changes what or where to credit', () => {
    expect(deliveryDifferences(stored, { ...request, amountMinor: 30000 })).toEqual(['amountMinor']);
    expect(deliveryDifferences(stored, { ...request, currency: 'USD', device: { ...request.device, id: 'd-2', vendorAccountRef: null } })).toEqual([
      'currency', 'device.id', 'device.vendorAccountRef',
    ]);
    expect(deliveryDifferences(stored, { ...request, device: { ...request.device, siteId: 'haiti-north' } })).toEqual(['device.siteId']);
  });
});

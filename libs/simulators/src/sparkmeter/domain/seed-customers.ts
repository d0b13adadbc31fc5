import type { MeterCustomer } from './customer-book';

/** Customers every fresh sandbox (and every reset) starts with; fixed ids so docs and demos can name them. */
export function seedCustomers(): MeterCustomer[] {
  return [
    {
      id: '6f1c2a4e-3b7d-4c58-9e21-0a5b8c7d1e01',
      code: '0252SHG',
      name: 'Marie-Claire Joseph',
      phoneNumber: '+50937000001',
      api: 'koios',
      creditMinor: 0,
      meterSerial: 'SM16R-01-00001234',
    },
    {
      id: '6f1c2a4e-3b7d-4c58-9e21-0a5b8c7d1e02',
      code: '0253SHG',
      name: 'Jean-Robert Pierre',
      phoneNumber: '+50937000002',
      api: 'koios',
      creditMinor: 12_550,
      meterSerial: 'SM16R-01-00001235',
    },
    {
      id: '9d4e7b21-8c3a-4f6e-b5d0-2e1f3a4b5c01',
      code: '0101JAC',
      name: 'Nadège Louis',
      phoneNumber: '+50937000003',
      api: 'thundercloud',
      creditMinor: 0,
      meterSerial: 'SM5R-04-00002001',
    },
    {
      id: '9d4e7b21-8c3a-4f6e-b5d0-2e1f3a4b5c02',
      code: '0102JAC',
      name: 'Wilson Charles',
      phoneNumber: '+50937000004',
      api: 'thundercloud',
      creditMinor: 5_000,
      meterSerial: 'SM5R-04-00002002',
    },
  ];
}

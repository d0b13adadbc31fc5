import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { DEFAULT_ORGANISATION_ID } from '@limye/platform';
import { InProcessService, startServiceInProcess } from '@limye/testing';
import { RunningSimulators, startSimulators } from '@limye/simulators/testing';
import { meterAdapterService } from '../meter-adapter.service-definition';
import { DeliveryRepository, NewDelivery } from './delivery.repository';
import { NextState } from './domain/next-state';

function newDelivery(): NewDelivery {
  return {
    id: randomUUID(), organisationId: DEFAULT_ORGANISATION_ID, paymentId: randomUUID(), customerId: randomUUID(), deviceId: randomUUID(),
    deviceType: 'meter', deviceManufacturer: 'SparkMeter', deviceSerial: 'SM16R-01-00001234', deviceVendorAccountRef: '0252SHG',
    deviceSiteId: 'haiti-north', amountMinor: 25000, currency: 'HTG', memo: null, driver: 'sparkmeter-koios-v1',
    status: 'PENDING', reason: null, failureCode: null, leased: true,
  };
}

const delivered: NextState = { status: 'DELIVERED', reason: null, failureCode: null, vendorRef: 'pay_1', retryInMs: null };

/** The request path's statements are named prepared statements (see DeliveryRepository.prepared). */
describe('DeliveryRepository on the request path (real Postgres)', () => {
  let sim: RunningSimulators;
  let svc: InProcessService;
  let repo: DeliveryRepository;

  beforeAll(async () => {
    sim = await startSimulators({ only: ['sparkmeter'] });
    // One pooled connection: every statement below runs on the connection that prepared them.
    svc = await startServiceInProcess(meterAdapterService, {
      SPARKMETER_KOIOS_BASE_URL: sim.url,
      SPARKMETER_KOIOS_API_KEY: sim.env.SPARKMETER_KOIOS_API_KEY,
      SPARKMETER_KOIOS_API_SECRET: sim.env.SPARKMETER_KOIOS_API_SECRET,
      SPARKMETER_THUNDERCLOUD_BASE_URL: `${sim.url}/api/v0`,
      SPARKMETER_THUNDERCLOUD_TOKEN: sim.env.SPARKMETER_THUNDERCLOUD_TOKEN,
      DATABASE_POOL_SIZE: '1',
    });
    repo = svc.app.get(DeliveryRepository);
  });
  afterAll(async () => {
    await svc?.close();
    await sim?.close();
  });

  it('answers the insert and the recorded outcome with the whole delivery, as a read would', async () => {
    const d = newDelivery();
    const inserted = await repo.insertIfAbsent(d, 15000);
    expect(inserted).toEqual(await repo.findById(DEFAULT_ORGANISATION_ID, d.id));
    expect(inserted).toMatchObject({ attempts: 1, leaseUntil: expect.any(Date), nextAttemptAt: expect.any(Date) });
    expect(await repo.insertIfAbsent({ ...newDelivery(), paymentId: d.paymentId }, 15000)).toBeNull();

    const recorded = await repo.record(inserted!, delivered);
    expect(recorded).toEqual(await repo.findById(DEFAULT_ORGANISATION_ID, d.id));
    expect(recorded).toMatchObject({ status: 'DELIVERED', vendorRef: 'pay_1', leaseUntil: null, deliveredAt: expect.any(Date) });
    expect(await repo.record(inserted!, delivered)).toBeNull();
  });

  it('keeps working when a later migration adds a column (a rolling deploy)', async () => {
    const first = await repo.insertIfAbsent(newDelivery(), 15000);
    await repo.record(first!, delivered);
    const ds = svc.app.get(DataSource);
    await ds.query(`ALTER TABLE deliveries ADD COLUMN added_later int`);
    try {
      const d = await repo.insertIfAbsent(newDelivery(), 15000);
      expect(d).not.toBeNull();
      expect(await repo.record(d!, delivered)).toMatchObject({ status: 'DELIVERED' });
    } finally {
      await ds.query(`ALTER TABLE deliveries DROP COLUMN added_later`);
    }
  });
});

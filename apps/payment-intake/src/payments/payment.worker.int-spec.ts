import { randomUUID } from 'crypto';
import { connect, JSONCodec, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { DeliveryFinishedNotice, Subjects } from '@limye/contracts';
import { DEFAULT_ORGANISATION_ID } from '@limye/platform';
import { eventually, http, InProcessService, startServiceInProcess, testInfra } from '@limye/testing';
import { paymentIntakeService } from '../payment-intake.service-definition';
import { PaymentWorker } from './payment.worker';

describe('PaymentWorker (real Postgres + NATS)', () => {
  let svc: InProcessService;
  let ds: DataSource;
  let nc: NatsConnection;
  const codec = JSONCodec<DeliveryFinishedNotice>();

  beforeAll(async () => {
    // An hour-long poll and back-off: only a notice can move a waiting payment on within the test.
    svc = await startServiceInProcess(paymentIntakeService, {
      MONCASH_BASE_URL: 'http://127.0.0.1:9/Api',
      PAYMENT_WORKER_POLL_MS: '60000',
      MONCASH_RECONCILE_INTERVAL_MS: '3600000',
      PAYMENT_RETRY_BASE_MS: '600000',
    });
    ds = svc.app.get(DataSource);
    nc = await connect({ servers: testInfra().natsUrl });
  });
  afterAll(async () => {
    await nc?.close();
    await svc?.close();
  });

  /** A payment waiting an hour for its delivery (nothing left to credit after debts, so its next step needs no other service). */
  async function waitingPayment(state: 'ALLOCATED' | 'RECEIVED'): Promise<string> {
    const id = randomUUID();
    await ds.query(
      `INSERT INTO payments (id, provider, provider_ref, state, amount_minor, currency, customer_id, device, energy_credit_minor, attempts, next_attempt_at, organisation_id)
       VALUES ($1, 'moncash', $2, $3, 500, 'HTG', $4, $5, 0, 4, now() + interval '1 hour', $6)`,
      [id, `T-${id}`, state, randomUUID(), { id: randomUUID(), type: 'meter', manufacturer: 'SparkMeter', serial: 'SM-1', vendorAccountRef: 'C1', siteId: null }, DEFAULT_ORGANISATION_ID],
    );
    return id;
  }
  const stateOf = async (id: string) => (await ds.query(`SELECT state, next_attempt_at FROM payments WHERE id = $1`, [id]))[0];

  it('a delivery finished by meter-adapter moves its waiting payment on at once, not after its back-off', async () => {
    const id = await waitingPayment('ALLOCATED');
    // Other payment-intakes of the test run may share the queue group: send until ours has taken one.
    await eventually(async () => {
      nc.publish(Subjects.meterDeliveryFinished, codec.encode({ deliveryId: randomUUID(), paymentId: id, status: 'DELIVERED' }));
      return (await stateOf(id)).state === 'DELIVERED';
    }, 20000, 200);
  });

  it('shows its queues in /metrics', async () => {
    const metrics = (await http('GET', `${svc.url}/metrics`)).text;
    for (const queue of ['payments', 'outbox', 'moncash-orders']) {
      expect(metrics).toMatch(new RegExp(`limye_work_in_flight\\{[^}]*queue="${queue}"`));
    }
    expect(metrics).toMatch(/limye_work_processed_total\{[^}]*queue="payments"[^}]*outcome="completed"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/limye_work_claim_duration_seconds_count\{[^}]*queue="payments"/);
  });

  it('shows UNMATCHED payments and the unpublished outbox as gauges, for the alerts', async () => {
    const id = randomUUID();
    await ds.query(
      `INSERT INTO payments (id, provider, provider_ref, state, amount_minor, currency, attempts, next_attempt_at, created_at, organisation_id)
       VALUES ($1, 'moncash', $2, 'UNMATCHED', 500, 'HTG', 1, now(), now() - interval '2 hours', $3)`,
      [id, `T-${id}`, DEFAULT_ORGANISATION_ID],
    );
    const gauge = (metrics: string, name: string) => Number(new RegExp(`^${name}\\{[^}]*\\} ([\\d.e+-]+)$`, 'm').exec(metrics)?.[1]);
    // A scrape within a second of the previous one shares its read: scrape until this payment shows.
    const metrics = await eventually(async () => {
      const text = (await http('GET', `${svc.url}/metrics`)).text;
      return gauge(text, 'limye_payments_unmatched') === 1 ? text : null; // this test's own schema: only this one
    });
    expect(gauge(metrics, 'limye_payments_unmatched_oldest_seconds')).toBeGreaterThanOrEqual(7200);
    expect(gauge(metrics, 'limye_outbox_unpublished')).toBeGreaterThanOrEqual(0);
    expect(gauge(metrics, 'limye_outbox_oldest_unpublished_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('leaves a payment alone that does not wait for a delivery', async () => {
    const id = await waitingPayment('RECEIVED');
    const before = await stateOf(id);
    await svc.app.get(PaymentWorker).deliveryFinished(id);
    expect(await stateOf(id)).toEqual(before);
  });
});

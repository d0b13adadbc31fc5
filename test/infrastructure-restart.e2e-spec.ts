import { LocalStack, SERVICE_NAMES } from '@limye/local-stack';
import { eventually, http, startTestStack } from '@limye/testing';
import { E2E_SITE_APIS, E2eWorld } from './e2e-helpers';

/**
 * NATS and PostgreSQL going away under `npm start`'s supervision (restartCrashed): this stack has its own
 * nats-server and PostgreSQL (it kills them), every service, and the sandbox as MonCash and SparkMeter.
 */
describe('NATS and PostgreSQL going away, under the launcher (restartCrashed)', () => {
  let stack: LocalStack;
  let w: E2eWorld;
  const lines: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack({
      ownInfrastructure: true,
      restartCrashed: true,
      log: (line) => lines.push(line),
      env: { SPARKMETER_SITE_APIS: E2E_SITE_APIS },
    });
    w = new E2eWorld(stack);
    await w.ensureSites();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const everyServiceReady = async () => {
    const statuses = await Promise.all(
      SERVICE_NAMES.map((name) => fetch(`${stack.url(name)}/health/ready`).then((r) => r.status, () => 0)),
    );
    return statuses.every((s) => s === 200);
  };

  it('while PostgreSQL is down, MonCash callbacks are answered 503 with Retry-After; once it is back the reconciler delivers the payment, once', async () => {
    const c = await w.registerSparkMeterCustomer('koios');
    const order = await w.checkout(c.accountNumber, '42');
    const pg = stack.postgres!;

    await pg.stop(); // on purpose (not a crash): it stays down until started again
    let transactionId: string;
    try {
      ({ transactionId } = await w.payOrder(order.orderId)); // the sandbox calls our Alert URL now
      const sandboxAlert = await eventually(async () => {
        const r = await http('GET', `${w.sandbox}/sandbox/moncash/alerts`);
        return (r.body.alerts as Array<{ transactionId: string; status?: number }>).find((a) => a.transactionId === transactionId);
      });
      expect(sandboxAlert.status).toBe(503);

      const alert = await http('POST', `${w.intake}/v1/providers/moncash/alert`, { transactionId, orderId: order.orderId });
      expect(alert.status).toBe(503);
      expect(alert.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(alert.headers.get('content-type')).toMatch(/application\/json/);
      expect(alert.body).toEqual({ statusCode: 503, code: 'UNAVAILABLE', message: expect.stringMatching(/database/) });

      const back = await http('GET', `${w.intake}/v1/providers/moncash/return?transactionId=${transactionId}`, undefined, { accept: 'application/json' });
      expect(back.status).toBe(503);
      expect(back.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(back.body.code).toBe('UNAVAILABLE');
    } finally {
      await pg.start(); // also when an expectation failed: the next test needs it
    }
    // Nothing was recorded while the database was away; the reconciler asks MonCash about the order.
    await w.waitForState(order.paymentId, 'DELIVERED', 40000);
    expect(await w.paymentByRef(transactionId)).toHaveLength(1);
    expect(await w.vendorCredit(c.code)).toBe(4200);
    expect(await w.vendorPayments(c.code)).toBe(1);
    expect(lines.filter((l) => l.startsWith('PostgreSQL'))).toEqual([]); // a stop on purpose is not a crash
  });

  it('nats-server killed (SIGKILL) and PostgreSQL stopped (fast shutdown) are started again on the same ports; every service is ready again and a payment is delivered once', async () => {
    const nats = stack.nats!;
    const pg = stack.postgres!;
    const [natsPid, pgPid, natsPort, pgPort] = [nats.pid, pg.pid, nats.port, pg.port];
    expect(await everyServiceReady()).toBe(true);

    process.kill(natsPid as number, 'SIGKILL');
    process.kill(pgPid as number, 'SIGINT'); // what `pg_ctl stop -m fast` sends the postmaster

    await eventually(async () => nats.running && pg.running && nats.pid !== natsPid && pg.pid !== pgPid, 30000);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^nats-server exited on its own \(SIGKILL\); restarting it in 1 s\. Its log: .*nats-server\.log$/),
        expect.stringMatching(/^PostgreSQL exited on its own \(code 0\); restarting it in 1 s\. Its log: .*postgres\.log$/),
      ]),
    );
    expect([nats.port, pg.port]).toEqual([natsPort, pgPort]);
    await eventually(everyServiceReady, 30000); // NATS clients reconnected, pools reconnected
    // The launcher's own readiness poll may notice a moment after the services have reconnected.
    const restartedLines = [`nats-server restarted and ready: nats://127.0.0.1:${natsPort}`, `PostgreSQL restarted and ready: 127.0.0.1:${pgPort}`];
    await eventually(async () => restartedLines.every((l) => lines.includes(l)), 30000);
    expect(lines).toEqual(expect.arrayContaining(restartedLines));

    const c = await w.registerSparkMeterCustomer('koios');
    const order = await w.checkout(c.accountNumber, '17.25');
    await w.payOrder(order.orderId);
    await w.waitForState(order.paymentId, 'DELIVERED');
    expect(await w.vendorCredit(c.code)).toBe(1725);
    expect(await w.vendorPayments(c.code)).toBe(1);
    // No service crashed or was restarted meanwhile.
    expect(lines.filter((l) => SERVICE_NAMES.some((name) => l.startsWith(`${name} `)))).toEqual([]);
  });
});

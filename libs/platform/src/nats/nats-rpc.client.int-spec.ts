import { randomUUID } from 'crypto';
import { connect, JSONCodec, NatsConnection } from 'nats';
import { ErrorCodes, Headers } from '@limye/contracts';
import { testInfra } from '@limye/testing';
import { runWithCorrelationId } from '../correlation/correlation';
import { runWithOrganisationId } from '../tenancy/organisation-context';
import { NatsRpcClient } from './nats-rpc.client';
import { RpcCallError } from './rpc-call.error';

/** The client against responders that answer as Nest's NATS server does ({pattern, data, id} → {id, response | err}). */
describe('NatsRpcClient (real NATS)', () => {
  const codec = JSONCodec<Record<string, unknown>>();
  let nc: NatsConnection;
  let client: NatsRpcClient;
  const subject = (what: string) => `test.rpc.${what}.${randomUUID()}`;

  beforeAll(async () => {
    nc = await connect({ servers: testInfra().natsUrl });
    client = new NatsRpcClient(testInfra().natsUrl, 'test', 2000);
    await client.connect();
  });
  afterAll(async () => {
    await client?.onApplicationShutdown();
    await nc?.close();
  });

  function respond(s: string, answer: (req: Record<string, unknown>, correlationId: string | undefined) => Record<string, unknown>): void {
    nc.subscribe(s, {
      callback: (_err, msg) => {
        const req = codec.decode(msg.data);
        msg.respond(codec.encode({ id: req.id, isDisposed: true, ...answer(req, msg.headers?.get(Headers.correlationId)) }));
      },
    });
  }

  it('sends the payload as Nest expects it, with the caller\'s correlation id, and returns the response', async () => {
    const s = subject('ok');
    respond(s, (req, correlationId) => ({ response: { echo: req.data, pattern: req.pattern, hasId: typeof req.id === 'string', correlationId } }));
    await nc.flush();
    const reply = await runWithCorrelationId('corr-rpc-1', () => client.request<Record<string, unknown>>(s, { a: 1 }));
    expect(reply).toEqual({ echo: { a: 1 }, pattern: s, hasId: true, correlationId: 'corr-rpc-1' });
  });

  it('sends the organisation it acts for as the limye-organisation header, beside the correlation id, and none without one', async () => {
    const s = subject('org');
    nc.subscribe(s, {
      callback: (_err, msg) => {
        const req = codec.decode(msg.data);
        const response = { organisationId: msg.headers?.has(Headers.organisationId) ? msg.headers.get(Headers.organisationId) : null, correlationId: msg.headers?.get(Headers.correlationId) ?? null };
        msg.respond(codec.encode({ id: req.id, isDisposed: true, response }));
      },
    });
    await nc.flush();
    const org = '0b7d4f6e-2a1c-4e5b-9f3a-6c8d2e1f0a97';
    const withOrg = await runWithCorrelationId('corr-rpc-org', () => runWithOrganisationId(org, () => client.request<Record<string, unknown>>(s, {})));
    expect(withOrg).toEqual({ organisationId: org, correlationId: 'corr-rpc-org' });
    const without = await runWithCorrelationId('corr-rpc-none', () => client.request<Record<string, unknown>>(s, {}));
    expect(without).toEqual({ organisationId: null, correlationId: 'corr-rpc-none' });
  });

  it('fails with the remote\'s {code, message}', async () => {
    const s = subject('err');
    respond(s, () => ({ err: { code: ErrorCodes.validationFailed, message: 'amountMinor must be an integer' } }));
    await nc.flush();
    const err = await client.request(s, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcCallError);
    expect(err).toMatchObject({ code: ErrorCodes.validationFailed, isTransient: false });
    expect((err as Error).message).toContain('amountMinor must be an integer');
  });

  it('times out as TIMEOUT and answers no responders as UNAVAILABLE, both transient', async () => {
    const s = subject('silent');
    nc.subscribe(s, { callback: () => undefined });
    await nc.flush();
    const timedOut = await client.request(s, {}, 200).catch((e: unknown) => e);
    expect(timedOut).toMatchObject({ code: ErrorCodes.timeout, isTransient: true });
    const nobody = await client.request(subject('nobody'), {}).catch((e: unknown) => e);
    expect(nobody).toMatchObject({ code: ErrorCodes.unavailable, isTransient: true });
  });
});

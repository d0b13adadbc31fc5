import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { Logger, LoggerService } from '@nestjs/common';
import type { IntakeEnv } from '../config/intake.env';
import { MonCashClient, MonCashUnavailableError } from './moncash.client';
import { CapturingLogger } from '@limye/testing';

const CLIENT = { id: 'client-id-1', secret: 'client-S3CRET-value' };

/** A small MonCash REST API on a loopback port: OAuth tokens, CreatePayment and RetrieveTransactionPayment. */
class FakeMonCash {
  url = '';
  tokensIssued = 0;
  tokenTtlSeconds = 59;
  tokenDelayMs = 0;
  /** Tokens MonCash no longer accepts (answered 401). */
  readonly revoked = new Set<string>();
  rejectAllTokens = false;
  /** The next N API calls answer 503. */
  failNext = 0;
  slowMs = 0;
  createAnswer: { status: number; body: unknown } = { status: 202, body: { payment_token: { token: 'pt-1' } } };
  readonly calls: Array<{ path: string; bearer: string | undefined }> = [];
  private server?: Server;
  private readonly issued = new Set<string>();

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset(): void {
    Object.assign(this, { tokensIssued: 0, tokenTtlSeconds: 59, tokenDelayMs: 0, rejectAllTokens: false, failNext: 0, slowMs: 0 });
    this.createAnswer = { status: 202, body: { payment_token: { token: 'pt-1' } } };
    this.revoked.clear();
    this.calls.length = 0;
    this.server?.closeAllConnections();
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for await (const _ of req); // drain the body
    const send = (status: number, body: unknown) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const auth = req.headers.authorization ?? '';
    if (req.url === '/Api/oauth/token') {
      if (auth !== `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`) return send(401, { error: 'invalid_client' });
      const token = `tok-${++this.tokensIssued}`;
      this.issued.add(token);
      if (this.tokenDelayMs) await new Promise((r) => setTimeout(r, this.tokenDelayMs));
      return send(200, { access_token: token, token_type: 'bearer', expires_in: this.tokenTtlSeconds, scope: 'read,write' });
    }
    const bearer = auth.startsWith('Bearer ') ? auth.slice(7) : undefined;
    this.calls.push({ path: req.url ?? '', bearer });
    if (this.slowMs) await new Promise((r) => setTimeout(r, this.slowMs));
    if (!bearer || !this.issued.has(bearer) || this.revoked.has(bearer) || this.rejectAllTokens) return send(401, { error: 'invalid_token' });
    if (this.failNext > 0) {
      this.failNext--;
      return send(503, { message: 'busy' });
    }
    if (req.url === '/Api/v1/CreatePayment') return send(this.createAnswer.status, this.createAnswer.body);
    if (req.url === '/Api/v1/RetrieveTransactionPayment') {
      return send(200, { payment: { reference: 'L1', transaction_id: '2154823', cost: '250.50', message: 'successful', payer: '50937000000' } });
    }
    return send(404, { error: 'not_found' });
  }
}

describe('MonCashClient against a fake MonCash over HTTP', () => {
  const fake = new FakeMonCash();
  const logs = new CapturingLogger();
  const clients: MonCashClient[] = [];
  const moncash = (over: Partial<IntakeEnv> = {}) => {
    const c = new MonCashClient({
      MONCASH_BASE_URL: `${fake.url}/Api`,
      MONCASH_GATEWAY_URL: `${fake.url}/Moncash-middleware`,
      MONCASH_CLIENT_ID: CLIENT.id,
      MONCASH_CLIENT_SECRET: CLIENT.secret,
      MONCASH_TIMEOUT_MS: 2000,
      ...over,
    } as IntakeEnv);
    clients.push(c);
    return c;
  };
  const retrieve = (c: MonCashClient) => c.retrieveTransaction('2154823');

  beforeAll(async () => {
    Logger.overrideLogger(logs);
    await fake.start();
  });
  afterEach(async () => {
    fake.reset();
    logs.lines.length = 0;
    await Promise.all(clients.splice(0).map((c) => c.onApplicationShutdown()));
  });
  afterAll(async () => {
    await fake.stop();
    Logger.overrideLogger(false);
  });

  it('reads a payment in minor units, asking for a token once and reusing it', async () => {
    const c = moncash();
    for (let i = 0; i < 3; i++) {
      await expect(retrieve(c)).resolves.toEqual({
        kind: 'found',
        payment: { reference: 'L1', transactionId: '2154823', amountMinor: 25050, currency: 'HTG', message: 'successful', payer: '50937000000' },
      });
    }
    expect(fake.tokensIssued).toBe(1);
    expect(fake.calls.map((x) => x.bearer)).toEqual(['tok-1', 'tok-1', 'tok-1']);
  });

  it('renews the token with one shared request when many calls need it at once', async () => {
    fake.tokenDelayMs = 100;
    const c = moncash();
    const all = await Promise.all(Array.from({ length: 10 }, () => retrieve(c)));
    expect(all.every((r) => r.kind === 'found')).toBe(true);
    expect(fake.tokensIssued).toBe(1);
  });

  it('renews a token about to expire (within 5 s) before using it', async () => {
    fake.tokenTtlSeconds = 5;
    const c = moncash();
    await retrieve(c);
    await retrieve(c);
    expect(fake.tokensIssued).toBe(2);
    expect(fake.calls.map((x) => x.bearer)).toEqual(['tok-1', 'tok-2']);
  });

  it('a 401 (token revoked) renews the token once and repeats the call', async () => {
    const c = moncash();
    await retrieve(c);
    fake.revoked.add('tok-1');
    await expect(retrieve(c)).resolves.toMatchObject({ kind: 'found' });
    expect(fake.tokensIssued).toBe(2);
    expect(fake.calls.map((x) => x.bearer)).toEqual(['tok-1', 'tok-1', 'tok-2']);
  });

  it('a 401 again after renewing is MonCash unavailable, without renewing forever', async () => {
    fake.rejectAllTokens = true;
    const c = moncash();
    await expect(retrieve(c)).rejects.toThrow(new MonCashUnavailableError('/v1/RetrieveTransactionPayment answered 401'));
    expect(fake.tokensIssued).toBe(2);
    expect(fake.calls).toHaveLength(2);
  });

  it('repeats a Retrieve (a read) after a 503, never a CreatePayment', async () => {
    const c = moncash();
    fake.failNext = 1;
    await expect(retrieve(c)).resolves.toMatchObject({ kind: 'found' });
    expect(fake.calls).toHaveLength(2);
    fake.calls.length = 0;
    fake.failNext = 1;
    await expect(c.createPayment('L1', '250.50')).rejects.toThrow(/CreatePayment answered 503/);
    expect(fake.calls).toHaveLength(1);
    await expect(c.createPayment('L1', '250.50')).resolves.toEqual({ token: 'pt-1', redirectUrl: `${fake.url}/Moncash-middleware/Payment/Redirect?token=pt-1` });
  });

  it('gives up by MONCASH_TIMEOUT_MS on a slow MonCash', async () => {
    const c = moncash({ MONCASH_TIMEOUT_MS: 200 });
    fake.slowMs = 1500;
    const started = Date.now();
    await expect(retrieve(c)).rejects.toThrow(/timed out/);
    expect(Date.now() - started).toBeLessThan(1200);
  });

  it('wrong credentials: MonCash unavailable, logged, with no secret in the error or the log', async () => {
    const c = moncash({ MONCASH_CLIENT_SECRET: 'wrong-S3CRET-value' });
    const err = await retrieve(c).catch((e) => e);
    expect(err).toBeInstanceOf(MonCashUnavailableError);
    expect(err.message).toBe('oauth/token answered 401');
    expect(logs.lines.some((l) => /check MONCASH_CLIENT_ID and MONCASH_CLIENT_SECRET/.test(l))).toBe(true);
    const said = [err.message, ...logs.lines].join('\n');
    expect(said).not.toContain('S3CRET');
    expect(said).not.toContain(Buffer.from(`${CLIENT.id}:wrong-S3CRET-value`).toString('base64'));
  });

  it('an error answer echoing our credentials and token does not carry them into the error', async () => {
    const c = moncash();
    const basic = Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64');
    fake.createAnswer = { status: 400, body: { message: `bad request from ${CLIENT.secret} (Basic ${basic}) with tok-1 and Bearer tok-1` } };
    const err = await c.createPayment('L1', '250.50').catch((e) => e);
    expect(err).toBeInstanceOf(MonCashUnavailableError);
    expect(err.message).toMatch(/^CreatePayment answered 400: bad request from/);
    expect(err.message).not.toContain(CLIENT.secret);
    expect(err.message).not.toContain(basic);
    expect(err.message).not.toContain('tok-1');
    expect(logs.lines.join('\n')).not.toMatch(/S3CRET|tok-1/);
  });
});

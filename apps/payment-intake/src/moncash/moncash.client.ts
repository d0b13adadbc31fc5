import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { MoneyError, parseMajorAmount } from '@limye/contracts';
import { OutboundHttpClient, SERVICE_ENV } from '@limye/platform';
import { IntakeEnv } from '../config/intake.env';

/** A payment as MonCash's Retrieve* APIs report it, amount already in HTG minor units. */
export interface MonCashPayment {
  reference: string;
  transactionId: string;
  amountMinor: number;
  currency: 'HTG';
  message: string;
  payer: string;
}

export type RetrieveResult = { kind: 'found'; payment: MonCashPayment } | { kind: 'not_found' } | { kind: 'invalid'; reason: string };

/** MonCash could not be asked (network, timeout, 5xx, bad credentials): the outcome is unknown, retry later. */
export class MonCashUnavailableError extends Error {}

/**
 * Digicel MonCash REST client, on the platform's outbound client (keep-alive, MONCASH_TIMEOUT_MS per
 * request with its retries, breaker, limye_outbound_* metrics with system "moncash"). OAuth
 * client-credentials tokens (they live 59 s) are cached and renewed before expiry by one shared request,
 * and a 401 renews once. The Retrieve* reads and the token request are repeated on a 5xx or a lost
 * connection within that time; CreatePayment is never repeated (the caller sees the error and may retry).
 */
@Injectable()
export class MonCashClient implements OnApplicationShutdown {
  private readonly logger = new Logger(MonCashClient.name);
  private readonly http: OutboundHttpClient;
  private token?: { value: string; expiresAt: number };
  private tokenRequest?: Promise<string>;

  constructor(@Inject(SERVICE_ENV) private readonly env: IntakeEnv) {
    this.http = new OutboundHttpClient({
      system: 'moncash',
      baseUrl: env.MONCASH_BASE_URL,
      timeoutMs: env.MONCASH_TIMEOUT_MS,
      deadlineMs: env.MONCASH_TIMEOUT_MS,
      secrets: [env.MONCASH_CLIENT_SECRET],
    });
  }

  async createPayment(orderId: string, amount: string): Promise<{ token: string; redirectUrl: string }> {
    const res = await this.call('/v1/CreatePayment', { amount: Number(amount), orderId }, false);
    if (res.status !== 200 && res.status !== 202) {
      throw new MonCashUnavailableError(`CreatePayment answered ${res.status}: ${this.describe(res.body)}`);
    }
    const token = (res.body as { payment_token?: { token?: string } })?.payment_token?.token;
    if (!token) throw new MonCashUnavailableError('CreatePayment answered without a payment token');
    return { token, redirectUrl: `${this.env.MONCASH_GATEWAY_URL}/Payment/Redirect?token=${encodeURIComponent(token)}` };
  }

  retrieveTransaction(transactionId: string): Promise<RetrieveResult> {
    return this.retrieve('/v1/RetrieveTransactionPayment', { transactionId });
  }

  retrieveOrder(orderId: string): Promise<RetrieveResult> {
    return this.retrieve('/v1/RetrieveOrderPayment', { orderId });
  }

  onApplicationShutdown(): Promise<void> {
    return this.http.close();
  }

  private async retrieve(path: string, body: Record<string, string>): Promise<RetrieveResult> {
    // A read sent as POST: safe to repeat.
    const res = await this.call(path, body, true);
    if (res.status === 404) return { kind: 'not_found' };
    if (res.status !== 200) throw new MonCashUnavailableError(`${path} answered ${res.status}: ${this.describe(res.body)}`);
    const p = (res.body as { payment?: Record<string, unknown> })?.payment;
    if (!p || typeof p !== 'object') return { kind: 'invalid', reason: `${path} answered without a payment` };
    try {
      return {
        kind: 'found',
        payment: {
          reference: String(p.reference ?? ''),
          transactionId: String(p.transaction_id ?? ''),
          amountMinor: parseMajorAmount(p.cost, 'HTG'),
          currency: 'HTG',
          message: String(p.message ?? ''),
          payer: String(p.payer ?? ''),
        },
      };
    } catch (err) {
      if (err instanceof MoneyError) return { kind: 'invalid', reason: `MonCash reported an unusable amount: ${err.message}` };
      throw err;
    }
  }

  /** `path` is fixed (no IDs in it: they travel in the body), so it is its own route template. */
  private async call(path: string, body: object, idempotent: boolean, renewed = false): Promise<{ status: number; body: unknown }> {
    const bearer = await this.accessToken();
    const res = await this.http.request({ method: 'POST', route: path, path, headers: { authorization: `Bearer ${bearer}` }, json: body, idempotent });
    if (res.kind === 'unreachable') throw new MonCashUnavailableError(`${path}: ${res.reason}`);
    if (res.status === 401 && !renewed) {
      // Expired or revoked: renew once (unless a concurrent call already did).
      if (this.token?.value === bearer) this.token = undefined;
      return this.call(path, body, idempotent, true);
    }
    if (res.status >= 500 || res.status === 429 || res.status === 408 || res.status === 401) {
      throw new MonCashUnavailableError(`${path} answered ${res.status}`);
    }
    return res;
  }

  private async accessToken(): Promise<string> {
    // Renew 5 s before expiry so a token never expires in flight.
    if (this.token && this.token.expiresAt - 5000 > Date.now()) return this.token.value;
    this.tokenRequest ??= this.fetchToken().finally(() => {
      this.tokenRequest = undefined;
    });
    return this.tokenRequest;
  }

  private async fetchToken(): Promise<string> {
    const basic = Buffer.from(`${this.env.MONCASH_CLIENT_ID}:${this.env.MONCASH_CLIENT_SECRET}`).toString('base64');
    const res = await this.http.request({
      method: 'POST',
      route: '/oauth/token',
      path: '/oauth/token',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'scope=read,write&grant_type=client_credentials',
      idempotent: true, // asking twice only gets a second token
    });
    if (res.kind === 'unreachable') throw new MonCashUnavailableError(`oauth/token: ${res.reason}`);
    const body = res.body as { access_token?: string; expires_in?: number | string } | undefined;
    if (res.status !== 200 || !body?.access_token) {
      this.logger.error({ msg: 'MonCash refused our credentials or failed: check MONCASH_CLIENT_ID and MONCASH_CLIENT_SECRET', status: res.status });
      throw new MonCashUnavailableError(`oauth/token answered ${res.status}`);
    }
    const ttlSeconds = Number(body.expires_in ?? 59) || 59;
    this.token = { value: body.access_token, expiresAt: Date.now() + ttlSeconds * 1000 };
    return body.access_token;
  }

  /** What an error answer said, short, without our credentials or the token (MonCash may echo them). */
  private describe(body: unknown): string {
    let text: string;
    if (body && typeof body === 'object') {
      const b = body as Record<string, unknown>;
      text = String(b.message ?? b.error ?? JSON.stringify(b));
    } else {
      text = String(body ?? '');
    }
    return this.http.redact(text.slice(0, 400), this.token ? [this.token.value] : []).slice(0, 200);
  }
}

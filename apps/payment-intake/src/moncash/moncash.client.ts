import { Inject, Injectable, Logger } from '@nestjs/common';
import { MoneyError, parseMajorAmount } from '@limye/contracts';
import { histogram, SERVICE_ENV } from '@limye/platform';
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

const callDuration = histogram('limye_moncash_call_duration_seconds', 'MonCash REST call duration', ['path', 'status']);

/**
 * Digicel MonCash REST client: OAuth client-credentials tokens (they live 59 s) cached and renewed
 * before expiry by one shared request, and a 401 renews once.
 */
@Injectable()
export class MonCashClient {
  private readonly logger = new Logger(MonCashClient.name);
  private token?: { value: string; expiresAt: number };
  private tokenRequest?: Promise<string>;

  constructor(@Inject(SERVICE_ENV) private readonly env: IntakeEnv) {}

  async createPayment(orderId: string, amount: string): Promise<{ token: string; redirectUrl: string }> {
    const res = await this.call('/v1/CreatePayment', { amount: Number(amount), orderId });
    if (res.status !== 200 && res.status !== 202) {
      throw new MonCashUnavailableError(`CreatePayment answered ${res.status}: ${describe(res.body)}`);
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

  private async retrieve(path: string, body: Record<string, string>): Promise<RetrieveResult> {
    const res = await this.call(path, body);
    if (res.status === 404) return { kind: 'not_found' };
    if (res.status !== 200) throw new MonCashUnavailableError(`${path} answered ${res.status}: ${describe(res.body)}`);
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

  private async call(path: string, body: object, retried = false): Promise<{ status: number; body: unknown }> {
    const bearer = await this.accessToken();
    const end = callDuration.startTimer({ path });
    let res: Response;
    try {
      res = await fetch(`${this.env.MONCASH_BASE_URL}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.env.MONCASH_TIMEOUT_MS),
      });
    } catch (err) {
      end({ status: 'error' });
      throw new MonCashUnavailableError(`${path}: ${(err as Error).message}`);
    }
    end({ status: String(res.status) });
    if (res.status === 401 && !retried) {
      this.token = undefined; // expired or revoked: renew once
      return this.call(path, body, true);
    }
    if (res.status >= 500 || res.status === 429 || res.status === 408 || res.status === 401) {
      throw new MonCashUnavailableError(`${path} answered ${res.status}`);
    }
    return { status: res.status, body: await res.json().catch(() => undefined) };
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
    const end = callDuration.startTimer({ path: '/oauth/token' });
    let res: Response;
    try {
      res = await fetch(`${this.env.MONCASH_BASE_URL}/oauth/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'scope=read,write&grant_type=client_credentials',
        signal: AbortSignal.timeout(this.env.MONCASH_TIMEOUT_MS),
      });
    } catch (err) {
      end({ status: 'error' });
      throw new MonCashUnavailableError(`oauth/token: ${(err as Error).message}`);
    }
    end({ status: String(res.status) });
    const body = (await res.json().catch(() => undefined)) as { access_token?: string; expires_in?: number | string } | undefined;
    if (res.status !== 200 || !body?.access_token) {
      this.logger.error({ msg: 'MonCash refused our credentials or failed', status: res.status });
      throw new MonCashUnavailableError(`oauth/token answered ${res.status}`);
    }
    const ttlSeconds = Number(body.expires_in ?? 59) || 59;
    this.token = { value: body.access_token, expiresAt: Date.now() + ttlSeconds * 1000 };
    return body.access_token;
  }
}

function describe(body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    return String(b.message ?? b.error ?? JSON.stringify(b)).slice(0, 200);
  }
  return String(body ?? '').slice(0, 200);
}

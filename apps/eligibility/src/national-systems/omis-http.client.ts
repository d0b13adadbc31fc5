import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { OutboundHttpClient, OutboundResult, SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../config/eligibility.env';
import type { WriteAnswer } from '../programme/domain/omis-outbox-rules';
import { nationalSystemHttp } from './national-system-http.factory';
import { errorCode, OmisStatusAnswer, readOmisStatus } from './domain/national-system-answers';
import type { LookupOptions } from './meis.client';
import { OmisCancellation, OmisClient, OmisConfirmation, OmisSaleRecord } from './omis.client';

/** OMIS over HTTP: the household status read and the three sale writes (idempotent on the reference). */
@Injectable()
export class OmisHttpClient implements OmisClient, OnApplicationShutdown {
  readonly http: OutboundHttpClient;

  constructor(@Inject(SERVICE_ENV) env: EligibilityEnv) {
    this.http = nationalSystemHttp('omis', env);
  }

  async householdStatus(nationalId: string, opts: LookupOptions): Promise<OmisStatusAnswer> {
    const answer = await this.http.request({
      method: 'GET',
      route: '/v1/households/status',
      path: `/v1/households/status?nationalId=${encodeURIComponent(nationalId)}`,
      deadlineAt: opts.deadlineAt,
      signal: opts.signal,
    });
    if (answer.kind === 'unreachable') return { kind: 'unavailable', reason: answer.reason };
    return readOmisStatus(answer.status, answer.body);
  }

  // Writes are sent once each: the outbox retries them, in order, with its own back-off.
  async recordSale(reference: string, body: OmisSaleRecord): Promise<WriteAnswer> {
    return toWriteAnswer(await this.http.request({ method: 'PUT', route: '/v1/sales/{reference}', path: `/v1/sales/${encodeURIComponent(reference)}`, json: body, idempotent: false }));
  }

  async confirmSale(reference: string, body: OmisConfirmation): Promise<WriteAnswer> {
    return toWriteAnswer(
      await this.http.request({ method: 'POST', route: '/v1/sales/{reference}/confirmation', path: `/v1/sales/${encodeURIComponent(reference)}/confirmation`, json: body, idempotent: false }),
    );
  }

  async cancelSale(reference: string, body: OmisCancellation): Promise<WriteAnswer> {
    return toWriteAnswer(
      await this.http.request({ method: 'POST', route: '/v1/sales/{reference}/cancellation', path: `/v1/sales/${encodeURIComponent(reference)}/cancellation`, json: body, idempotent: false }),
    );
  }

  onApplicationShutdown(): Promise<void> {
    return this.http.close();
  }
}

function toWriteAnswer(answer: OutboundResult): WriteAnswer {
  return answer.kind === 'unreachable' ? { kind: 'unreachable', reason: answer.reason } : { kind: 'answered', status: answer.status, error: errorCode(answer.body) };
}

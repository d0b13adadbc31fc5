import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../config/eligibility.env';
import type { WriteAnswer } from '../programme/domain/omis-outbox-rules';
import { nationalSystemHttp } from './national-system-http.factory';
import { errorCode, OmisStatusAnswer, readOmisStatus } from './domain/national-system-answers';
import type { LookupOptions } from './meis.client';
import { NationalSystemHttp, SystemAnswer } from './national-system.http';
import { OmisCancellation, OmisClient, OmisConfirmation, OmisSaleRecord } from './omis.client';

/** OMIS over HTTP: the household status read and the three sale writes (idempotent on the reference). */
@Injectable()
export class OmisHttpClient implements OmisClient {
  readonly http: NationalSystemHttp;

  constructor(@Inject(SERVICE_ENV) env: EligibilityEnv) {
    this.http = nationalSystemHttp('OMIS', env);
  }

  async householdStatus(nationalId: string, opts: LookupOptions): Promise<OmisStatusAnswer> {
    const answer = await this.http.read('households.status', `/v1/households/status?nationalId=${encodeURIComponent(nationalId)}`, opts.deadlineAt, opts.signal);
    if (answer.kind === 'unreachable') return { kind: 'unavailable', reason: answer.reason };
    return readOmisStatus(answer.status, answer.body);
  }

  async recordSale(reference: string, body: OmisSaleRecord): Promise<WriteAnswer> {
    return toWriteAnswer(await this.http.write('sales.put', 'PUT', `/v1/sales/${encodeURIComponent(reference)}`, body));
  }

  async confirmSale(reference: string, body: OmisConfirmation): Promise<WriteAnswer> {
    return toWriteAnswer(await this.http.write('sales.confirm', 'POST', `/v1/sales/${encodeURIComponent(reference)}/confirmation`, body));
  }

  async cancelSale(reference: string, body: OmisCancellation): Promise<WriteAnswer> {
    return toWriteAnswer(await this.http.write('sales.cancel', 'POST', `/v1/sales/${encodeURIComponent(reference)}/cancellation`, body));
  }
}

function toWriteAnswer(answer: SystemAnswer): WriteAnswer {
  return answer.kind === 'unreachable' ? answer : { kind: 'answered', status: answer.status, error: errorCode(answer.body) };
}

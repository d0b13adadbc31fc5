import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { OutboundHttpClient, SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../config/eligibility.env';
import { nationalSystemHttp } from './national-system-http.factory';
import { MeisPersonAnswer, readMeisPerson } from './domain/national-system-answers';
import { LookupOptions, MeisClient } from './meis.client';

/** MEIS over HTTP: GET {MEIS_BASE_URL}/v1/persons/{nationalId}. */
@Injectable()
export class MeisHttpClient implements MeisClient, OnApplicationShutdown {
  readonly http: OutboundHttpClient;

  constructor(@Inject(SERVICE_ENV) env: EligibilityEnv) {
    this.http = nationalSystemHttp('meis', env);
  }

  async findPerson(nationalId: string, opts: LookupOptions): Promise<MeisPersonAnswer> {
    const answer = await this.http.request({
      method: 'GET',
      route: '/v1/persons/{nationalId}',
      path: `/v1/persons/${encodeURIComponent(nationalId)}`,
      deadlineAt: opts.deadlineAt,
      signal: opts.signal,
    });
    if (answer.kind === 'unreachable') return { kind: 'unavailable', reason: answer.reason };
    return readMeisPerson(answer.status, answer.body);
  }

  onApplicationShutdown(): Promise<void> {
    return this.http.close();
  }
}

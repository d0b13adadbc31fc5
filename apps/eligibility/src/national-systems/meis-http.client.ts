import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../config/eligibility.env';
import { nationalSystemHttp } from './national-system-http.factory';
import { MeisPersonAnswer, readMeisPerson } from './domain/national-system-answers';
import { LookupOptions, MeisClient } from './meis.client';
import { NationalSystemHttp } from './national-system.http';

/** MEIS over HTTP: GET {MEIS_BASE_URL}/v1/persons/{nationalId}. */
@Injectable()
export class MeisHttpClient implements MeisClient {
  readonly http: NationalSystemHttp;

  constructor(@Inject(SERVICE_ENV) env: EligibilityEnv) {
    this.http = nationalSystemHttp('MEIS', env);
  }

  async findPerson(nationalId: string, opts: LookupOptions): Promise<MeisPersonAnswer> {
    const answer = await this.http.read('persons.get', `/v1/persons/${encodeURIComponent(nationalId)}`, opts.deadlineAt, opts.signal);
    if (answer.kind === 'unreachable') return { kind: 'unavailable', reason: answer.reason };
    return readMeisPerson(answer.status, answer.body);
  }
}

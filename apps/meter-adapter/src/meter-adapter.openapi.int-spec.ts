import { apiDocsProblems, InProcessService, startServiceInProcess } from '@limye/testing';
import { meterAdapterService } from './meter-adapter.service-definition';

/** The served OpenAPI document covers every route Nest registered (libs/testing/src/api-docs-coverage.ts). */
describe('meter-adapter API document (real Postgres + NATS)', () => {
  let svc: InProcessService;

  beforeAll(async () => {
    svc = await startServiceInProcess(meterAdapterService);
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('is valid OpenAPI 3 and documents every route, request body and query parameter', async () => {
    expect(await apiDocsProblems(svc.app, svc.url)).toEqual([]);
  });
});

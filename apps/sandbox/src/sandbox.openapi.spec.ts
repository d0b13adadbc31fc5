import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'net';
import { bootstrapService } from '@limye/platform';
import { apiDocsProblems } from '@limye/testing';
import { sandboxService } from './sandbox.service-definition';

/** The sandbox's served OpenAPI document covers every route Nest registered (see libs/testing/src/api-docs-coverage.ts). */
describe('sandbox API document', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await bootstrapService(sandboxService, {
      inTest: true,
      envSource: { SANDBOX_PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: 'silent', MONCASH_ALERT_URL: 'http://127.0.0.1:9/alert' },
    });
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('is valid OpenAPI 3 and documents every route, body and query, all public', async () => {
    expect(await apiDocsProblems(app, base)).toEqual([]);
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    expect(doc.paths['/sandbox/reset'].post['x-limye-public']).toMatch(/sandbox/);
  });
});

import { Injectable, Module, NestMiddleware } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { NextFunction, Request, Response } from 'express';
import type { AddressInfo } from 'net';
import { randomUUID } from 'crypto';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { CapturingLogger, createTestDatabase, http, testInfra } from '@limye/testing';
import type { Principal } from '../auth/principal';
import { buildDataSourceOptions } from '../database/data-source';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter';
import { createValidationPipe } from '../errors/validation';
import { runWithCorrelationId } from '../correlation/correlation';
import { AUDIT_LOG_DROP_SQL, AUDIT_LOG_TABLE_SQL } from './audit-log.sql';
import { AuditRecorder } from './audit-recorder';
import { AuditModule } from './audit.module';

class AuditTestTables1700000000001 implements MigrationInterface {
  name = 'AuditTestTables1700000000001';
  async up(q: QueryRunner): Promise<void> {
    for (const sql of AUDIT_LOG_TABLE_SQL) await q.query(sql);
    await q.query(`CREATE TABLE "things" ("id" uuid PRIMARY KEY, "name" text NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "things"`);
    for (const sql of AUDIT_LOG_DROP_SQL) await q.query(sql);
  }
}

const ORG_A = '0a000000-0000-4000-8000-00000000000a';
const ORG_B = '0b000000-0000-4000-8000-00000000000b';
const alice: Principal = { subject: 'user-alice', organisationId: ORG_A, role: 'admin', actorKind: 'user' };
const bob: Principal = { subject: 'user-bob', organisationId: ORG_B, role: 'owner', actorKind: 'user' };
/** alice's colleague, who made only the listed rows (alice's own rows of the recorder tests are org A's too). */
const lister: Principal = { ...alice, subject: 'user-lister' };
const key: Principal = { subject: 'key-1', organisationId: ORG_A, role: 'owner', actorKind: 'api_key' };

describe('audit log (real PostgreSQL)', () => {
  let ds: DataSource;
  let schema: string;
  let drop: () => Promise<void>;
  let recorder: AuditRecorder;

  beforeAll(async () => {
    const db = await createTestDatabase({ schema: 'audit_test', entities: [], migrations: [AuditTestTables1700000000001] });
    ({ dataSource: ds, schema, drop } = db);
    recorder = new AuditRecorder(ds);
  });
  afterAll(() => drop?.());

  const rowsFor = (targetId: string) => ds.query(`SELECT * FROM audit_log WHERE target_id = $1`, [targetId]);
  const thing = (id: string) => ds.query(`SELECT * FROM things WHERE id = $1`, [id]);

  describe('recorder', () => {
    it('writes the change and its row together, masked, with the actor and the correlation id', async () => {
      const id = randomUUID();
      await runWithCorrelationId('corr-audit-1', () =>
        recorder.change(async (em) => {
          await em.query(`INSERT INTO things (id, name) VALUES ($1, $2)`, [id, 'Marie Joseph']);
          return { result: id, audit: { actor: alice, action: 'thing.created', target: { type: 'thing', id }, before: null, after: { name: 'Marie Joseph', phone: '+50937007294', password: 'pw' } } };
        }),
      );
      expect(await thing(id)).toHaveLength(1);
      const [row] = await rowsFor(id);
      expect(row).toMatchObject({
        organisation_id: ORG_A, actor_kind: 'user', actor_id: 'user-alice', action: 'thing.created', target_type: 'thing',
        before: null, after: { name: 'M. J.', phone: '+509*****294', password: '[redacted]' }, correlation_id: 'corr-audit-1',
      });
      expect(JSON.stringify(row)).not.toContain('37007294');
    });

    it('leaves no audit row when the change fails, and no change when its audit row cannot be written', async () => {
      const failing = randomUUID();
      await expect(
        recorder.change(async (em) => {
          await em.query(`INSERT INTO audit_log (id, organisation_id, actor_kind, action, target_type, target_id) VALUES ($1, $2, 'user', 'thing.created', 'thing', $3)`, [randomUUID(), ORG_A, failing]);
          await em.query(`INSERT INTO things (id, name) VALUES ($1, NULL)`, [failing]); // NOT NULL: the change fails
          return { result: null, audit: null };
        }),
      ).rejects.toThrow(/null value/);
      expect(await rowsFor(failing)).toHaveLength(0);

      const orphan = randomUUID();
      await expect(
        recorder.change(async (em) => {
          await em.query(`INSERT INTO things (id, name) VALUES ($1, 'x')`, [orphan]);
          // An organisation id that is not a uuid: the audit insert fails, so the change must not stay.
          return { result: null, audit: { actor: { ...alice, organisationId: 'not-a-uuid' }, action: 'thing.created', target: { type: 'thing', id: orphan } } };
        }),
      ).rejects.toThrow(/uuid/);
      expect(await thing(orphan)).toHaveLength(0);
      expect(await rowsFor(orphan)).toHaveLength(0);
    });

    it('records a missing caller as anonymous in the default organisation rather than dropping the row', async () => {
      const id = randomUUID();
      await recorder.record(ds, { actor: undefined, action: 'thing.created', target: { type: 'thing', id } });
      expect((await rowsFor(id))[0]).toMatchObject({ actor_kind: 'anonymous', actor_id: null, organisation_id: '00000000-0000-4000-8000-000000000001' });
    });
  });

  describe('append-only trigger', () => {
    let id: string;
    beforeAll(async () => {
      id = randomUUID();
      await recorder.record(ds, { actor: alice, action: 'thing.created', target: { type: 'thing', id }, after: { n: 1 } });
    });

    it.each([
      ['UPDATE', `UPDATE audit_log SET action = 'thing.forged' WHERE target_id = $1`],
      ['DELETE', `DELETE FROM audit_log WHERE target_id = $1`],
    ])('refuses %s with a clear error', async (op, sql) => {
      await expect(ds.query(sql, [id])).rejects.toThrow(`audit_log is append-only: ${op} refused`);
      expect((await rowsFor(id))[0]).toMatchObject({ action: 'thing.created', after: { n: 1 } });
    });

    it('refuses TRUNCATE', async () => {
      await expect(ds.query(`TRUNCATE audit_log`)).rejects.toThrow('audit_log is append-only: TRUNCATE refused');
      expect(await rowsFor(id)).toHaveLength(1);
    });
  });

  describe('GET /v1/audit', () => {
    let app: Awaited<ReturnType<typeof NestFactory.create>>;
    let url: string;
    const as = (p: Principal | null, query = '') => http('GET', `${url}/v1/audit${query}`, undefined, p ? { 'x-test-principal': JSON.stringify(p) } : {});

    /** Stands in for the authentication guard: the principal is what the test says (roles are the guard's, tested with it). */
    @Injectable()
    class TestPrincipal implements NestMiddleware {
      use(req: Request & { principal?: Principal }, _res: Response, next: NextFunction): void {
        const h = req.header('x-test-principal');
        if (h) req.principal = JSON.parse(h) as Principal;
        next();
      }
    }

    @Module({
      // forRootAsync: the schema is known once the test database exists (beforeAll), not when this class is declared.
      imports: [TypeOrmModule.forRootAsync({ useFactory: () => buildDataSourceOptions(testInfra().databaseUrl, { schema, entities: [], migrations: [] }, { poolSize: 2 }) }), AuditModule],
    })
    class AuditTestApp {
      configure(consumer: import('@nestjs/common').MiddlewareConsumer) {
        consumer.apply(TestPrincipal).forRoutes('*');
      }
    }

    const ids: string[] = [];
    beforeAll(async () => {
      // Rows 0..4 by the lister, 5..6 by the API key (org A), 7 by bob (org B); one after the other so their times differ.
      for (let i = 0; i < 8; i++) {
        const actor = i < 5 ? lister : i < 7 ? key : bob;
        const id = `row-${i}`;
        ids.push(id);
        await recorder.record(ds, { actor, action: i % 2 === 0 ? 'thing.created' : 'thing.updated', target: { type: 'listed', id }, after: { i } });
      }
      app = await NestFactory.create(AuditTestApp, { logger: false });
      app.useGlobalPipes(createValidationPipe());
      app.useGlobalFilters(new AllExceptionsFilter(new CapturingLogger()));
      await app.listen(0, '127.0.0.1');
      url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    });
    afterAll(() => app?.close());

    const listed = (items: Array<{ targetType: string; targetId: string }>) => items.filter((r) => r.targetType === 'listed').map((r) => r.targetId);

    it("answers the caller's organisation only, newest first", async () => {
      const a = await as(alice, '?limit=500');
      expect(a.status).toBe(200);
      expect(listed(a.body.items)).toEqual(['row-6', 'row-5', 'row-4', 'row-3', 'row-2', 'row-1', 'row-0']);
      expect(a.body.items.every((r: { organisationId: string }) => r.organisationId === ORG_A)).toBe(true);
      const b = await as(bob, '?limit=500');
      expect(b.body.items.map((r: { targetId: string }) => r.targetId)).toEqual(['row-7']);
    });

    it('filters by actor, action and time window', async () => {
      expect(listed((await as(alice, '?actor=key-1')).body.items)).toEqual(['row-6', 'row-5']);
      expect(listed((await as(alice, '?actor=user-bob')).body.items)).toEqual([]);
      expect(listed((await as(alice, '?action=thing.updated&limit=500')).body.items)).toEqual(['row-5', 'row-3', 'row-1']);
      const all = (await as(alice, '?limit=500')).body.items as Array<{ targetId: string; at: string }>;
      const at = (id: string) => all.find((r) => r.targetId === id)!.at;
      // [from, to): row-2 up to, not including, row-5.
      expect(listed((await as(alice, `?from=${encodeURIComponent(at('row-2'))}&to=${encodeURIComponent(at('row-5'))}`)).body.items)).toEqual(['row-4', 'row-3', 'row-2']);
    });

    it('pages with the cursor it gave, without repeating or skipping a row', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await as(alice, `?actor=user-lister&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        seen.push(...listed(res.body.items));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen).toEqual(['row-4', 'row-3', 'row-2', 'row-1', 'row-0']);
      expect(pages).toBe(3);
    });

    it.each([
      ['from', '?from=yesterday'],
      ['to', '?to=2026-13-45T00:00:00Z'],
      ['limit', '?limit=0'],
      ['cursor', '?cursor=bm90LWEtY3Vyc29y'],
      ['to', '?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z'],
    ])('answers a bad %s with a 400 naming it', async (field, query) => {
      const res = await as(alice, query);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    });

    it('is a 401 without a verified caller (never a default organisation)', async () => {
      const res = await as(null);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHORIZED');
    });
  });
});

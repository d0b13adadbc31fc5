import 'reflect-metadata';
import { Body, CanActivate, Controller, Get, INestApplication, Module, Param, Post, Query } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { ApiCreatedResponse, ApiExcludeEndpoint, ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString } from 'class-validator';
import type { AddressInfo } from 'net';
import { apiDocsProblems } from '@limye/testing';
import { PublicRoute, RequireRoles } from '../auth/roles';
import { createValidationPipe } from '../errors/validation';
import { ApiErrors } from './api-errors';
import { setupApiDocs } from './api-docs';

class CreateThingRequest {
  @ApiProperty({ example: 'lamp' })
  @IsString()
  name: string;

  // Validated but not documented: the coverage check must name it.
  @IsOptional() @IsInt()
  size?: number;
}

class ListThingsQuery {
  @ApiProperty({ required: false })
  @IsOptional() @IsString()
  q?: string;
}

@Controller('v1/things')
@RequireRoles('owner', 'admin')
class ThingsController {
  @ApiCreatedResponse({ description: 'Created.' })
  @ApiErrors({ 409: 'CONFLICT: a thing with this name exists.' })
  @Post()
  create(@Body() body: CreateThingRequest) {
    return body;
  }

  @Get()
  @RequireRoles('viewer')
  list(@Query() _query: ListThingsQuery) {
    return { items: [] };
  }

  @ApiExcludeEndpoint()
  @Get(':id')
  get(@Param('id') id: string) {
    return { id };
  }
}

@Controller('health')
class ProbeController {
  @Get('live')
  @PublicRoute('probes answer the orchestrator')
  live() {
    return { status: 'ok' };
  }
}

/** A global guard refusing everything: what the authentication guard does to a request without a token. */
class RefuseAll implements CanActivate {
  canActivate(): boolean {
    return false;
  }
}

@Module({ controllers: [ThingsController, ProbeController], providers: [{ provide: APP_GUARD, useClass: RefuseAll }] })
class ToyModule {}

type Json = Record<string, any>;

describe('setupApiDocs (a toy app over real HTTP)', () => {
  let app: INestApplication;
  let base: string;
  let doc: Json;

  beforeAll(async () => {
    app = await NestFactory.create(ToyModule, { logger: false });
    app.useGlobalPipes(createValidationPipe());
    setupApiDocs(app, { title: 'Toy', description: 'A toy service.' });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    doc = (await (await fetch(`${base}/openapi.json`)).json()) as Json;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('serves the document and the UI past a global guard that refuses every request', async () => {
    expect((await fetch(`${base}/v1/things`)).status).toBe(403); // the guard is there
    expect((await fetch(`${base}/openapi.json`)).status).toBe(200);
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Toy');
  });

  it('serves Swagger UI from the service itself: every script and stylesheet of the page loads, none from elsewhere', async () => {
    const page = await fetch(`${base}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)=["']([^"']+)["']/g)].map((m) => m[1]).filter((u) => !u.startsWith('#') && !u.startsWith('data:'));
    expect(assets).toEqual(expect.arrayContaining([expect.stringContaining('swagger-ui-bundle.js'), expect.stringContaining('swagger-ui.css')]));
    for (const asset of assets) {
      expect({ asset, external: /^(https?:)?\/\//.test(asset) }).toEqual({ asset, external: false });
      const res = await fetch(new URL(asset, `${base}/docs`));
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
      await res.arrayBuffer();
    }
    const init = await (await fetch(new URL('./docs/swagger-ui-init.js', `${base}/docs`))).text();
    expect(init).toContain('"swaggerDoc"');
    expect(init).toContain('"title": "Toy"');
    expect(init).not.toMatch(/validator\.swagger\.io/);
  });

  it('secures operator routes with bearerAuth and names their roles, handler over controller', () => {
    const create = doc.paths['/v1/things'].post;
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(create.security).toEqual([{ bearerAuth: [] }]);
    expect(create['x-limye-roles']).toEqual(['owner', 'admin']);
    expect(create.description).toContain('`owner`, `admin`');
    expect(doc.paths['/v1/things'].get['x-limye-roles']).toEqual(['viewer']);
  });

  it('shows public routes with their reason and no security', () => {
    const live = doc.paths['/health/live'].get;
    expect(live.security).toEqual([]);
    expect(live['x-limye-public']).toBe('probes answer the orchestrator');
    expect(live['x-limye-roles']).toBeUndefined();
    expect(Object.keys(live.responses).sort()).toEqual(['200']);
  });

  it('adds the common errors (body: 400/413/415; secured: 401/403/503) beside the route\'s own, all with the shared Error schema', () => {
    const create = doc.paths['/v1/things'].post;
    expect(Object.keys(create.responses).sort()).toEqual(['201', '400', '401', '403', '409', '413', '415', '503']);
    expect(create.responses['409'].description).toContain('CONFLICT');
    expect(create.responses['415'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(Object.keys(doc.paths['/v1/things'].get.responses).sort()).toEqual(['200', '400', '401', '403', '503']);
    expect(doc.components.schemas.Error.required).toEqual(['statusCode', 'code', 'message']);
  });

  it('the coverage check names a route left out of the document and an undocumented body property', async () => {
    expect(await apiDocsProblems(app, base)).toEqual([
      'GET /v1/things/:id is not in the document',
      'POST /v1/things: body property size of CreateThingRequest is not in its schema',
    ]);
  });
});

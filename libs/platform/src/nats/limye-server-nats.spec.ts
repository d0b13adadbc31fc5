import { NatsContext } from '@nestjs/microservices';
import { headers as natsHeaders } from 'nats';
import { Headers } from '@limye/contracts';
import { currentCorrelationId } from '../correlation/correlation';
import { currentOrganisationId, requireMessageOrganisation } from '../tenancy/organisation-context';
import { LimyeServerNats } from './limye-server-nats';

/** The server's per-message hook is what puts a NATS handler under its message's correlation id. */
function runHandlerOf(server: LimyeServerNats, ctx: NatsContext): Promise<string | undefined> {
  const hook = (server as unknown as { onProcessingStartHook: (t: unknown, c: unknown, done: () => Promise<unknown>) => Promise<unknown> }).onProcessingStartHook;
  return hook('nats', ctx, async () => {
    await new Promise((r) => setImmediate(r)); // still the message's id after an await
    return currentCorrelationId();
  }) as Promise<string | undefined>;
}

function hookRun<T>(server: LimyeServerNats, ctx: NatsContext, fn: () => Promise<T>): Promise<T> {
  const hook = (server as unknown as { onProcessingStartHook: (t: unknown, c: unknown, done: () => Promise<unknown>) => Promise<unknown> }).onProcessingStartHook;
  return hook('nats', ctx, fn) as Promise<T>;
}

describe('LimyeServerNats', () => {
  const server = new LimyeServerNats({ servers: ['nats://127.0.0.1:9'] });

  it('runs a handler under the correlation id its message carried', async () => {
    const h = natsHeaders();
    h.set(Headers.correlationId, 'corr-from-caller-1');
    expect(await runHandlerOf(server, new NatsContext(['registry.v1.payer.resolve', h]))).toBe('corr-from-caller-1');
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('gives a message without one (or with a malformed one) a new id', async () => {
    const bad = natsHeaders();
    bad.set(Headers.correlationId, 'x'.repeat(200) + ' not an id');
    const a = await runHandlerOf(server, new NatsContext(['s', undefined as never]));
    const b = await runHandlerOf(server, new NatsContext(['s', bad]));
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(b).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });

  it('runs a handler for the organisation its message header names, and for none without one', async () => {
    const org = 'A1B2C3D4-0000-4000-8000-00000000000A';
    const h = natsHeaders();
    h.set(Headers.organisationId, org);
    const seen = await hookRun(server, new NatsContext(['s', h]), async () => {
      await new Promise((r) => setImmediate(r));
      return [currentOrganisationId(), requireMessageOrganisation(org)];
    });
    expect(seen).toEqual([org.toLowerCase(), org.toLowerCase()]);
    expect(await hookRun(server, new NatsContext(['s', natsHeaders()]), async () => currentOrganisationId())).toBeUndefined();
    const bad = natsHeaders();
    bad.set(Headers.organisationId, 'not-a-uuid');
    expect(await hookRun(server, new NatsContext(['s', bad]), async () => currentOrganisationId())).toBeUndefined();
  });

  it('routes a plain subject to itself without parsing it, and an object pattern as Nest does', () => {
    const route = (p: string) => (server as unknown as { getRouteFromPattern(p: string): string }).getRouteFromPattern(p);
    const parse = jest.spyOn(JSON, 'parse');
    expect(route('registry.v1.payer.resolve')).toBe('registry.v1.payer.resolve');
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
    expect(route('{"cmd":"sum","v":1}')).toBe('{"cmd":"sum","v":1}');
    expect(route('{"v":1,"cmd":"sum"}')).toBe('{"cmd":"sum","v":1}');
    expect(route('42')).toBe('42');
  });
});

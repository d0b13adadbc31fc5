import type { NatsConnection, StreamConfig } from 'nats';
import { BaseServiceEnv, ConfigError, loadEnv } from '../config/env';
import { JetStreamConnection } from './jetstream.connection';

/** A JetStream manager that keeps streams in memory: what ensureStream asks of the server. */
function fakeServer(existing?: Partial<StreamConfig>) {
  const streams = new Map<string, Partial<StreamConfig>>(existing ? [[existing.name!, existing]] : []);
  const calls: string[] = [];
  const jsm = {
    streams: {
      info: async (name: string) => {
        const config = streams.get(name);
        if (!config) throw new Error('stream not found');
        return { config };
      },
      add: async (config: Partial<StreamConfig>) => {
        calls.push(`add ${config.name} R${config.num_replicas}`);
        streams.set(config.name!, config);
      },
      update: async (name: string, config: Partial<StreamConfig>) => {
        calls.push(`update ${name} R${config.num_replicas}`);
        streams.set(name, { ...streams.get(name), ...config });
      },
    },
  };
  const nc = { jetstreamManager: async () => jsm } as unknown as NatsConnection;
  return { nc, streams, calls };
}

function connectionTo(nc: NatsConnection, replicas?: number): JetStreamConnection {
  const js = new JetStreamConnection('nats://127.0.0.1:4222', 'test', replicas);
  jest.spyOn(js, 'connect').mockResolvedValue(nc);
  return js;
}

const PAYMENTS = { name: 'PAYMENTS', subjects: ['payments.v1.>'] };

describe('JetStreamConnection.ensureStream: stream replicas (NATS_STREAM_REPLICAS)', () => {
  it('creates a missing stream with 1 replica by default (one nats-server)', async () => {
    const server = fakeServer();
    await connectionTo(server.nc).ensureStream(PAYMENTS);
    expect(server.calls).toEqual(['add PAYMENTS R1']);
    expect(server.streams.get('PAYMENTS')).toMatchObject({ subjects: ['payments.v1.>'], storage: 'file' });
  });

  it('creates it with the configured replicas (3 on a 3-node cluster)', async () => {
    const server = fakeServer();
    await connectionTo(server.nc, 3).ensureStream(PAYMENTS);
    expect(server.calls).toEqual(['add PAYMENTS R3']);
  });

  it('updates an existing stream whose replica count differs, keeping the rest of its configuration', async () => {
    const server = fakeServer({ name: 'PAYMENTS', subjects: ['payments.v1.>'], num_replicas: 1, max_age: 42 });
    await connectionTo(server.nc, 3).ensureStream(PAYMENTS);
    expect(server.calls).toEqual(['update PAYMENTS R3']);
    expect(server.streams.get('PAYMENTS')).toMatchObject({ num_replicas: 3, max_age: 42 });
  });

  it('leaves a stream that already has the configured replicas alone', async () => {
    const server = fakeServer({ name: 'PAYMENTS', subjects: ['payments.v1.>'], num_replicas: 3 });
    await connectionTo(server.nc, 3).ensureStream(PAYMENTS);
    expect(server.calls).toEqual([]);
  });

  it('NATS_STREAM_REPLICAS is read from the environment: default 1, 3 when set, a bad value names the variable', () => {
    expect(loadEnv(BaseServiceEnv, {}).NATS_STREAM_REPLICAS).toBe(1);
    expect(loadEnv(BaseServiceEnv, { NATS_STREAM_REPLICAS: '3' }).NATS_STREAM_REPLICAS).toBe(3);
    expect(() => loadEnv(BaseServiceEnv, { NATS_STREAM_REPLICAS: '0' })).toThrow(ConfigError);
    expect(() => loadEnv(BaseServiceEnv, { NATS_STREAM_REPLICAS: 'three' })).toThrow(/NATS_STREAM_REPLICAS="three"/);
  });
});

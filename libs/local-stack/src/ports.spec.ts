import * as net from 'net';
import { freePort, freePorts, isPortFree, portOrFree } from './ports';

describe('portOrFree (NATS and PostgreSQL on a taken port)', () => {
  it('moves to a free port and says which one, naming the variable that chooses it', async () => {
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()));
    const busy = (taken.address() as net.AddressInfo).port;
    const lines: string[] = [];
    try {
      const port = await portOrFree('nats-server', busy, 'LIMYE_NATS_PORT', (l) => lines.push(l));
      expect(port).not.toBe(busy);
      expect(lines).toEqual([`port ${busy} is taken: nats-server uses ${port} instead (LIMYE_NATS_PORT sets the port it tries)`]);
    } finally {
      await new Promise((r) => taken.close(r));
    }
  });

  it('takes the preferred port when it is free, silently', async () => {
    const free = await freePort();
    const lines: string[] = [];
    expect(await portOrFree('PostgreSQL', free, 'LIMYE_POSTGRES_PORT', (l) => lines.push(l))).toBe(free);
    expect(lines).toEqual([]);
  });
});

describe('freePorts (one stack’s services)', () => {
  it('hands out distinct ports that are all free once it returns', async () => {
    const ports = await freePorts(12);
    expect(new Set(ports).size).toBe(12);
    for (const port of ports) expect(await isPortFree(port)).toBe(true);
  });
});

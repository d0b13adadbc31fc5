import * as path from 'path';
import { startEmbeddedPostgres, RunningPostgres } from './embedded-postgres';
import { startNatsServer, RunningNats } from './nats-server';
import { freePort } from './ports';
import { ServiceProcess } from './service-process';

export const SERVICE_NAMES = ['sandbox', 'customer-registry', 'debt-ledger', 'meter-adapter', 'payment-intake', 'eligibility'] as const;
export type StackServiceName = (typeof SERVICE_NAMES)[number];

/** Default ports and the env variable that overrides each. */
export const SERVICE_PORTS: Record<StackServiceName, { env: string; port: number }> = {
  'payment-intake': { env: 'PAYMENT_INTAKE_PORT', port: 3001 },
  'customer-registry': { env: 'CUSTOMER_REGISTRY_PORT', port: 3002 },
  'debt-ledger': { env: 'DEBT_LEDGER_PORT', port: 3003 },
  'meter-adapter': { env: 'METER_ADAPTER_PORT', port: 3004 },
  eligibility: { env: 'ELIGIBILITY_PORT', port: 3005 },
  sandbox: { env: 'SANDBOX_PORT', port: 3100 },
};

export interface StackOptions {
  /** Where the embedded Postgres and NATS keep their data, and where service logs go. */
  dataDir: string;
  /** The compiled output folder (dist). */
  distDir: string;
  /** Use these instead of starting our own. */
  natsUrl?: string;
  databaseUrl?: string;
  /** Ports: fixed defaults (npm start) or any free ones (tests, so they never clash). */
  portMode: 'defaults' | 'free';
  /** Extra env for every service (e.g. fast retry settings in tests). */
  env?: Record<string, string>;
  log?: (line: string) => void;
  /** Keep the embedded Postgres data after stop (npm start) or throw it away (tests). */
  persistent?: boolean;
  services?: readonly StackServiceName[];
  /** Start a service again when it crashes (npm start). Tests kill services on purpose: off. */
  restartCrashed?: boolean;
}

/** NATS, Postgres and every service, started in dependency order and stopped in reverse. */
export class LocalStack {
  nats?: RunningNats;
  postgres?: RunningPostgres;
  natsUrl = '';
  databaseUrl = '';
  readonly services = new Map<StackServiceName, ServiceProcess>();

  constructor(private readonly opts: StackOptions) {}

  service(name: StackServiceName): ServiceProcess {
    const s = this.services.get(name);
    if (!s) throw new Error(`service ${name} is not part of this stack`);
    return s;
  }

  url(name: StackServiceName): string {
    return this.service(name).url;
  }

  async startInfrastructure(): Promise<void> {
    const log = this.opts.log ?? (() => undefined);
    if (this.opts.natsUrl) {
      this.natsUrl = this.opts.natsUrl;
    } else {
      this.nats = await startNatsServer({ storeDir: path.join(this.opts.dataDir, 'nats'), port: this.opts.portMode === 'defaults' ? 4222 : undefined, log });
      this.natsUrl = this.nats.url;
    }
    if (this.opts.databaseUrl) {
      this.databaseUrl = this.opts.databaseUrl;
    } else {
      this.postgres = await startEmbeddedPostgres({
        dataDir: path.join(this.opts.dataDir, 'postgres'),
        database: 'limye',
        port: this.opts.portMode === 'defaults' ? 5432 : undefined,
        persistent: this.opts.persistent,
        log,
      });
      this.databaseUrl = this.postgres.url;
    }
  }

  /** Ports first (every service must know the others' URLs), then start in order. */
  async startServices(): Promise<void> {
    const names = this.opts.services ?? SERVICE_NAMES;
    const ports = {} as Record<StackServiceName, number>;
    for (const name of SERVICE_NAMES) {
      const { env, port } = SERVICE_PORTS[name];
      const fromEnv = process.env[env] ? Number(process.env[env]) : undefined;
      ports[name] = this.opts.portMode === 'defaults' ? fromEnv ?? port : await freePort();
    }
    const sandbox = `http://127.0.0.1:${ports.sandbox}`;
    const intake = `http://127.0.0.1:${ports['payment-intake']}`;
    const common: Record<string, string> = {
      NATS_URL: this.natsUrl,
      DATABASE_URL: this.databaseUrl,
      HOST: process.env.HOST ?? '127.0.0.1',
      ...Object.fromEntries(SERVICE_NAMES.map((n) => [SERVICE_PORTS[n].env, String(ports[n])])),
      // Outside systems default to the sandbox; an operator overrides these with the real hosts.
      MONCASH_BASE_URL: process.env.MONCASH_BASE_URL ?? `${sandbox}/Api`,
      MONCASH_GATEWAY_URL: process.env.MONCASH_GATEWAY_URL ?? `${sandbox}/Moncash-middleware`,
      MONCASH_ALERT_URL: `${intake}/v1/providers/moncash/alert`,
      MONCASH_RETURN_URL: `${intake}/v1/providers/moncash/return`,
      SPARKMETER_KOIOS_BASE_URL: process.env.SPARKMETER_KOIOS_BASE_URL ?? sandbox,
      SPARKMETER_THUNDERCLOUD_BASE_URL: process.env.SPARKMETER_THUNDERCLOUD_BASE_URL ?? `${sandbox}/api/v0`,
      OMIS_BASE_URL: process.env.OMIS_BASE_URL ?? `${sandbox}/omis`,
      MEIS_BASE_URL: process.env.MEIS_BASE_URL ?? `${sandbox}/meis`,
      ...(this.opts.env ?? {}),
    };
    for (const name of names) {
      const svc = new ServiceProcess(
        { name, entry: path.join(this.opts.distDir, 'apps', name, 'src', 'main.js'), port: ports[name], env: common },
        path.join(this.opts.dataDir, 'logs', `${name}.log`),
      );
      this.services.set(name, svc);
    }
    // The sandbox and the services others call first; intake last since it calls them all.
    for (const name of names) {
      this.opts.log?.(`starting ${name} on port ${ports[name]}`);
      await this.service(name).start();
      if (this.opts.restartCrashed) this.service(name).keepAlive(this.opts.log ?? (() => undefined));
    }
  }

  async stop(): Promise<void> {
    // Callers first (intake), the services they call after, so nothing is left waiting on a stopped peer.
    for (const s of [...this.services.values()].reverse()) await s.stop('SIGTERM');
    await this.nats?.stop();
    await this.postgres?.stop();
  }

  /** Synchronous last resort for process 'exit' handlers: no child outlives us. */
  killAll(): void {
    for (const s of this.services.values()) s.killNow();
  }
}

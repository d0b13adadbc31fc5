import * as path from 'path';
import { DataDirLock } from './data-dir-lock';
import { issuerSigningKey } from './issuer-signing-key';
import { launcherSecretsKey } from './secrets-key';
import { EmbeddedPostgres } from './embedded-postgres';
import { NatsServer } from './nats-server';
import { freePorts } from './ports';
import { ServiceProcess } from './service-process';
import { SupervisedProcess } from './supervised-process';

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
  /** With portMode 'defaults': the port our own nats-server / PostgreSQL try first (4222 / 5432); taken: any free one. */
  natsPort?: number;
  postgresPort?: number;
  /** Extra env for every service (e.g. fast retry settings in tests). */
  env?: Record<string, string>;
  /** Extra env for one service only, over `env` (e.g. npm start's demo seed for customer-registry). */
  serviceEnv?: Partial<Record<StackServiceName, Record<string, string>>>;
  log?: (line: string) => void;
  /** Keep the embedded Postgres data after stop (npm start) or throw it away (tests). */
  persistent?: boolean;
  services?: readonly StackServiceName[];
  /**
   * Start a service, or our own nats-server or PostgreSQL, again when it exits on its own (npm start):
   * same port and data, back-off 1 s doubling to 30 s, a line saying why. Tests kill processes on purpose: off.
   */
  restartCrashed?: boolean;
}

/**
 * NATS, Postgres and every service, started in dependency order and stopped in reverse: the services
 * (callers first), then NATS, then PostgreSQL. Every child runs in its own process group, so a
 * terminal's Ctrl-C reaches only the launcher, which calls stop(); none outlives the launcher (child-guard.ts).
 */
export class LocalStack {
  nats?: NatsServer;
  postgres?: EmbeddedPostgres;
  natsUrl = '';
  databaseUrl = '';
  readonly services = new Map<StackServiceName, ServiceProcess>();
  /** Set by stop(): nothing starts or restarts from then on. */
  private stopping = false;
  /** This stack's hold on its data folder (one launcher per folder), from the first start to stop(). */
  private lock?: DataDirLock;

  constructor(private readonly opts: StackOptions) {}

  service(name: StackServiceName): ServiceProcess {
    const s = this.services.get(name);
    if (!s) throw new Error(`service ${name} is not part of this stack`);
    return s;
  }

  url(name: StackServiceName): string {
    return this.service(name).url;
  }

  private get log(): (line: string) => void {
    return this.opts.log ?? (() => undefined);
  }

  async startInfrastructure(): Promise<void> {
    this.holdDataDir();
    const log = this.log;
    const defaults = this.opts.portMode === 'defaults';
    const logs = path.join(this.opts.dataDir, 'logs');
    if (this.opts.natsUrl) {
      this.natsUrl = this.opts.natsUrl;
    } else {
      this.nats = new NatsServer({ storeDir: path.join(this.opts.dataDir, 'nats'), port: defaults ? this.opts.natsPort ?? 4222 : undefined, portEnv: 'LIMYE_NATS_PORT', logFile: path.join(logs, 'nats-server.log'), log });
      await this.startUnlessStopping(this.nats);
      this.natsUrl = this.nats.url;
    }
    if (this.opts.databaseUrl) {
      this.databaseUrl = this.opts.databaseUrl;
    } else {
      this.postgres = new EmbeddedPostgres({
        dataDir: path.join(this.opts.dataDir, 'postgres'),
        database: 'limye',
        port: defaults ? this.opts.postgresPort ?? 5432 : undefined,
        portEnv: 'LIMYE_POSTGRES_PORT',
        persistent: this.opts.persistent,
        logFile: path.join(logs, 'postgres.log'),
        log,
      });
      await this.startUnlessStopping(this.postgres);
      this.databaseUrl = this.postgres.url;
    }
  }

  /** Ports first (every service must know the others' URLs), then start in order. */
  async startServices(): Promise<void> {
    this.holdDataDir();
    const names = this.opts.services ?? SERVICE_NAMES;
    const ports = {} as Record<StackServiceName, number>;
    const free = this.opts.portMode === 'free' ? await freePorts(SERVICE_NAMES.length) : [];
    SERVICE_NAMES.forEach((name, i) => {
      const { env, port } = SERVICE_PORTS[name];
      const fromEnv = process.env[env] ? Number(process.env[env]) : undefined;
      ports[name] = this.opts.portMode === 'defaults' ? fromEnv ?? port : free[i];
    });
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
      MONCASH_ALERT_URL: process.env.MONCASH_ALERT_URL ?? `${intake}/v1/providers/moncash/alert`,
      MONCASH_RETURN_URL: process.env.MONCASH_RETURN_URL ?? `${intake}/v1/providers/moncash/return`,
      SPARKMETER_KOIOS_BASE_URL: process.env.SPARKMETER_KOIOS_BASE_URL ?? sandbox,
      SPARKMETER_THUNDERCLOUD_BASE_URL: process.env.SPARKMETER_THUNDERCLOUD_BASE_URL ?? `${sandbox}/api/v0`,
      OMIS_BASE_URL: process.env.OMIS_BASE_URL ?? `${sandbox}/omis`,
      MEIS_BASE_URL: process.env.MEIS_BASE_URL ?? `${sandbox}/meis`,
      ...(this.opts.env ?? {}),
    };
    // Organisations' sealed credentials open with this key in every service; kept in the data folder.
    if (!process.env.LIMYE_SECRETS_KEY && !common.LIMYE_SECRETS_KEY) common.LIMYE_SECRETS_KEY = launcherSecretsKey(this.opts.dataDir);
    // The built-in issuer's key, for customer-registry only: the others verify tokens against its JWKS.
    const keyGiven = Boolean(process.env.AUTH_SIGNING_KEY || common.AUTH_SIGNING_KEY || this.opts.serviceEnv?.['customer-registry']?.AUTH_SIGNING_KEY);
    const signingKey: Record<string, string> = keyGiven || !names.includes('customer-registry') ? {} : { AUTH_SIGNING_KEY: issuerSigningKey(this.opts.dataDir) };
    const own: Partial<Record<StackServiceName, Record<string, string>>> = { 'customer-registry': signingKey };
    for (const name of names) {
      const env = { ...common, ...own[name], ...this.opts.serviceEnv?.[name] };
      const svc = new ServiceProcess(
        { name, entry: path.join(this.opts.distDir, 'apps', name, 'src', 'main.js'), port: ports[name], portEnv: SERVICE_PORTS[name].env, env },
        path.join(this.opts.dataDir, 'logs', `${name}.log`),
      );
      this.services.set(name, svc);
    }
    // The sandbox and the services others call first; intake last since it calls them all.
    for (const name of names) {
      if (this.stopping) throw new StackStoppingError();
      this.log(`starting ${name} on port ${ports[name]}`);
      await this.startUnlessStopping(this.service(name));
    }
  }

  /**
   * Stops everything, in order: the services, callers first (intake before those it calls, so nothing is
   * left waiting on a stopped peer), then NATS, then PostgreSQL. Restarts end first: a process that exits
   * while we stop is not a crash. Also stops what is still starting.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    const all = [...this.services.values(), this.nats, this.postgres];
    for (const p of all) p?.noMoreRestarts();
    for (const s of [...this.services.values()].reverse()) {
      const wasRunning = s.running;
      await s.stop('SIGTERM');
      if (wasRunning) this.log(`stopped ${s.name}`);
    }
    for (const p of [this.nats, this.postgres]) {
      if (!p) continue;
      const wasRunning = p.running;
      await p.stop();
      if (wasRunning) this.log(`stopped ${p.name}`);
    }
    this.lock?.release();
    this.lock = undefined;
  }

  /**
   * Synchronous last resort for process 'exit' handlers: services are killed at once, NATS and PostgreSQL
   * asked to stop (the child guard would do it too, a moment later).
   */
  killAll(): void {
    for (const s of this.services.values()) s.killNow();
    this.nats?.askToStopNow();
    this.postgres?.askToStopNow();
    this.lock?.release(); // a launcher started next takes over what the guard has not stopped yet
    this.lock = undefined;
  }

  /**
   * One stack per data folder (DataDirLock): a second launcher on it refuses at once (DataDirInUseError),
   * before it touches anything there.
   */
  private holdDataDir(): void {
    if (this.stopping) throw new StackStoppingError();
    this.lock ??= DataDirLock.take(this.opts.dataDir);
  }

  /** Starts it, then (npm start) keeps it running; a stop() meanwhile wins (the start's failure is then not news). */
  private async startUnlessStopping(p: SupervisedProcess): Promise<void> {
    if (this.stopping) throw new StackStoppingError();
    try {
      await p.start();
    } catch (err) {
      if (this.stopping) throw new StackStoppingError();
      throw err;
    }
    if (this.stopping) throw new StackStoppingError();
    if (this.opts.restartCrashed) p.keepAlive(this.log);
  }
}

/** A start cut short by stop() (Ctrl-C while starting): not a failure to report. */
export class StackStoppingError extends Error {
  constructor() {
    super('the stack is stopping');
  }
}

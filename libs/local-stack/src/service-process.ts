import { ChildProcess, spawn } from 'child_process';
import { GuardStage } from './child-guard';
import { SupervisedProcess } from './supervised-process';

export interface ServiceSpec {
  name: string;
  /** Compiled entry point, e.g. dist/apps/payment-intake/src/main.js */
  entry: string;
  port: number;
  /** The variable that sets the port (PAYMENT_INTAKE_PORT…), named when it is taken. */
  portEnv?: string;
  env: Record<string, string>;
}

/**
 * One Limye service as a child process: started, waited for until /health/ready answers 200, killed
 * (gracefully or with SIGKILL, as the crash tests need) and restarted with the same settings. What it
 * shares with nats-server and PostgreSQL (own process group, guard, restarts) is in SupervisedProcess.
 */
export class ServiceProcess extends SupervisedProcess {
  constructor(
    readonly spec: ServiceSpec,
    logFile: string,
  ) {
    super(spec.name, logFile, GuardStage.service);
  }

  get url(): string {
    return `http://127.0.0.1:${this.spec.port}`;
  }

  protected spawnChild(logFd: number): ChildProcess {
    // LIMYE_NODE_ARGS adds node flags to every service, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof' for profiling.
    const nodeArgs = (process.env.LIMYE_NODE_ARGS ?? '').split(' ').filter(Boolean);
    return spawn(process.execPath, [...nodeArgs, this.spec.entry], {
      env: { ...process.env, ...this.spec.env },
      stdio: ['ignore', logFd, logFd],
      detached: true,
    });
  }

  protected async probeReady(): Promise<boolean> {
    const res = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer().catch(() => undefined);
    return res.status === 200;
  }

  protected override listenAddress() {
    return { host: this.spec.env.HOST ?? process.env.HOST ?? '127.0.0.1', port: this.spec.port, env: this.spec.portEnv };
  }

  protected describe(): string {
    return this.url;
  }
}

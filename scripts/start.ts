import '../libs/platform/src/register-paths';
import * as path from 'path';
import { DataDirInUseError, demoApiKeyFile, launcherLog, LocalStack, SERVICE_NAMES, SERVICE_PORTS, StackStoppingError } from '@limye/local-stack';
import { demoCredentials, demoToken } from './demo-credentials';
import { DEMO_SITE_APIS, seedDemo } from './demo-seed';
import { DEMO_AGENT, DEMO_COMPANY, seedEligibilityDemo } from './eligibility-demo-seed';

/**
 * `npm start`: NATS (JetStream) and an embedded PostgreSQL under .data/ (LIMYE_DATA_DIR) unless NATS_URL /
 * DATABASE_URL are set, then every service and the sandbox, then the demo site. A process that crashes
 * is started again. Ctrl-C stops it all, in order: services, NATS, PostgreSQL.
 */
const root = path.resolve(__dirname, '..', '..');
// Where PostgreSQL, NATS, the logs and the reports live; another directory runs a second, separate stack.
const dataDir = process.env.LIMYE_DATA_DIR ? path.resolve(process.env.LIMYE_DATA_DIR) : path.join(root, '.data');
// Never throws, also once stdout's reader is gone (| tee ended by Ctrl-C, a closed terminal): the stop goes on.
const log = launcherLog(path.join(dataDir, 'logs', 'launcher.log'));

/** A port from the environment, or undefined when unset; anything else than a port stops the launcher. */
function portFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (!raw) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    log(`${name}="${raw}" is not a port (1-65535)`);
    process.exit(78);
  }
  return port;
}

async function main(): Promise<void> {
  // Paths as the user would type them: relative inside the working directory, else absolute.
  const shown = (dir: string) => (dir.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), dir) : dir);
  const stack = new LocalStack({
    dataDir,
    distDir: path.join(root, 'dist'),
    natsUrl: process.env.NATS_URL || undefined,
    databaseUrl: process.env.DATABASE_URL || undefined,
    portMode: 'defaults',
    natsPort: portFromEnv('LIMYE_NATS_PORT'),
    postgresPort: portFromEnv('LIMYE_POSTGRES_PORT'),
    persistent: true,
    restartCrashed: true,
    env: {
      SPARKMETER_SITE_APIS: process.env.SPARKMETER_SITE_APIS ?? DEMO_SITE_APIS,
      // The RBF request log's daily CSV lands next to the other local data.
      REPORTS_EXPORT_DIR: process.env.REPORTS_EXPORT_DIR ?? path.join(dataDir, 'reports'),
      SANDBOX_STATE_DIR: process.env.SANDBOX_STATE_DIR ?? path.join(dataDir, 'sandbox'), // simulators' state survives a restart (docs/sandbox.md)
    },
    // The demo owner and API key (docs/access.md, "Demo credentials"): customer-registry makes sure of them at
    // its start. Never in production.
    serviceEnv: process.env.NODE_ENV === 'production' ? {} : {
      'customer-registry': { LIMYE_DEMO_SEED: '1', LIMYE_DEMO_API_KEY_FILE: demoApiKeyFile(dataDir) },
    },
    log,
  });

  // The children run in their own process groups: a terminal's Ctrl-C reaches only us, and we stop them
  // in order. A second Ctrl-C while stopping kills what is left at once.
  let stopping = false;
  let up = false; // the start has finished: a stop before that is a clean stop too, said as such
  const stop = async (signal: string) => {
    if (stopping) {
      log(`${signal} again: killing what is left now`);
      stack.killAll();
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: stopping every service, then NATS and PostgreSQL…`);
    await stack.stop().catch((err) => log(`while stopping: ${(err as Error).message}`));
    log(up ? 'stopped.' : 'stopped during start.');
    // After SIGHUP the terminal is gone, and Node's exit, restoring the terminal's settings, fails an
    // assertion and aborts (nodejs/node#51519). Everything is stopped by now: end without that step.
    if (signal === 'SIGHUP' && [process.stdin, process.stdout, process.stderr].some((s) => s.isTTY)) process.kill(process.pid, 'SIGKILL');
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
  process.on('exit', () => stack.killAll());

  try {
    await stack.startInfrastructure();
    log(`NATS ${stack.natsUrl}${stack.nats ? ` (local nats-server, JetStream, data in ${shown(path.join(dataDir, 'nats'))})` : ''}`);
    log(`PostgreSQL ${stack.databaseUrl.replace(/:[^:@/]+@/, ':***@')}${stack.postgres ? ` (embedded, data in ${shown(path.join(dataDir, 'postgres'))})` : ''}`);
    await stack.startServices();
    const demo = demoCredentials(dataDir);
    const token = await demoToken(stack.url('customer-registry'), demo);
    const seeded = await seedDemo(stack.url('customer-registry'), stack.url('sandbox'), token);
    await seedEligibilityDemo(stack.url('eligibility'), token);
    log('');
    log(`Limye is up. Service URLs (logs in ${shown(path.join(dataDir, 'logs'))}/):`);
    for (const name of SERVICE_NAMES) log(`  ${name.padEnd(18)} ${stack.url(name)}   (${SERVICE_PORTS[name].env})`);
    log('');
    log('Demo sign-in (owner of the default organisation; docs/access.md):');
    log(`  e-mail ${demo.email}   password ${demo.password}`);
    const keyLine = (key: string) => `  API key ${key}   (kept in ${shown(demoApiKeyFile(dataDir))}, mode 0600)`;
    log(keyLine(demo.apiKey ?? '(none: see the customer-registry log)'), keyLine(demo.apiKey ? `${demo.apiKey.slice(0, 36)}_…` : '(none)'));
    log(`  curl -s ${stack.url('customer-registry')}/v1/auth/token -d grant_type=password -d username=${demo.email} -d password=${demo.password}`);
    log('  answers {"access_token": …}: send it as  -H "Authorization: Bearer <access_token>"  (README.md, "Demo")');
    log('');
    log('Demo customers (site haiti-north on SparkMeter Koios, haiti-south on ThunderCloud):');
    for (const c of seeded) log(`  ${c.name.padEnd(14)} account ${c.accountNumber}  meter ${c.serial}  SparkMeter code ${c.code}`);
    log('');
    log(`RBF eligibility demo: company ${DEMO_COMPANY.code}, sales agent ${DEMO_AGENT.phone} (PIN ${DEMO_AGENT.pin}); households to try:`);
    log(`  curl '${stack.url('sandbox')}/sandbox/rwanda/households?status=eligible&category=1&limit=3'`);
    log('');
    log('Try the demos in README.md ("Demo"). Ctrl-C stops everything.');
    up = true;
  } catch (err) {
    if (err instanceof StackStoppingError || stopping) return; // Ctrl-C while starting: stop() ends the process
    if (err instanceof DataDirInUseError) {
      log(err.message); // nothing was started or touched
      process.exit(1);
    }
    stopping = true;
    log(`start failed: ${err instanceof Error ? err.message : String(err)}`);
    await stack.stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();

import '../libs/platform/src/register-paths';
import * as path from 'path';
import { LocalStack, SERVICE_NAMES, SERVICE_PORTS } from '@limye/local-stack';
import { DEMO_SITE_APIS, seedDemo } from './demo-seed';
import { DEMO_AGENT, DEMO_COMPANY, seedEligibilityDemo } from './eligibility-demo-seed';

/**
 * `npm start`: NATS (JetStream) and an embedded PostgreSQL under .data/ unless NATS_URL / DATABASE_URL
 * are set, then every service and the sandbox, then the demo site. Ctrl-C stops it all.
 */
const root = path.resolve(__dirname, '..', '..');
const log = (line: string) => process.stdout.write(`[limye] ${line}\n`);

async function main(): Promise<void> {
  const stack = new LocalStack({
    dataDir: path.join(root, '.data'),
    distDir: path.join(root, 'dist'),
    natsUrl: process.env.NATS_URL || undefined,
    databaseUrl: process.env.DATABASE_URL || undefined,
    portMode: 'defaults',
    persistent: true,
    restartCrashed: true,
    env: {
      SPARKMETER_SITE_APIS: process.env.SPARKMETER_SITE_APIS ?? DEMO_SITE_APIS,
      // The RBF request log's daily CSV lands next to the other local data.
      REPORTS_EXPORT_DIR: process.env.REPORTS_EXPORT_DIR ?? path.join(root, '.data', 'reports'),
      SANDBOX_STATE_DIR: process.env.SANDBOX_STATE_DIR ?? path.join(root, '.data', 'sandbox'), // simulators' state survives a restart (docs/sandbox.md)
    },
    log,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping every service, then NATS and PostgreSQL…`);
    await stack.stop().catch((err) => log(`while stopping: ${(err as Error).message}`));
    log('stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('exit', () => stack.killAll());

  try {
    await stack.startInfrastructure();
    log(`NATS ${stack.natsUrl}${stack.nats ? ' (local nats-server, JetStream, data in .data/nats)' : ''}`);
    log(`PostgreSQL ${stack.databaseUrl.replace(/:[^:@/]+@/, ':***@')}${stack.postgres ? ' (embedded, data in .data/postgres)' : ''}`);
    await stack.startServices();
    const seeded = await seedDemo(stack.url('customer-registry'), stack.url('sandbox'));
    await seedEligibilityDemo(stack.url('eligibility'), process.env.ELIGIBILITY_ADMIN_API_KEY || 'dev-admin-key');
    log('');
    log('Limye is up. Service URLs (logs in .data/logs/):');
    for (const name of SERVICE_NAMES) log(`  ${name.padEnd(18)} ${stack.url(name)}   (${SERVICE_PORTS[name].env})`);
    log('');
    log('Demo customers (site haiti-north on SparkMeter Koios, haiti-south on ThunderCloud):');
    for (const c of seeded) log(`  ${c.name.padEnd(14)} account ${c.accountNumber}  meter ${c.serial}  SparkMeter code ${c.code}`);
    log('');
    log(`RBF eligibility demo: company ${DEMO_COMPANY.code}, sales agent ${DEMO_AGENT.phone} (PIN ${DEMO_AGENT.pin}); households to try:`);
    log(`  curl '${stack.url('sandbox')}/sandbox/rwanda/households?status=eligible&category=1&limit=3'`);
    log('');
    log('Try the demos in README.md ("Demo"). Ctrl-C stops everything.');
  } catch (err) {
    log(`start failed: ${err instanceof Error ? err.message : String(err)}`);
    await stack.stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();

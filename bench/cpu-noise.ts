import { ChildProcess, spawn } from 'child_process';

/**
 * BENCH_NOISE=0.5: a CPU burner beside the benchmark, taking that many cores (0.5 = half of one core) for the
 * whole run, as another tenant of a shared machine would. A bar that holds only on an idle machine does
 * not hold in production; this makes the disturbance repeatable.
 *
 * Each burner is its own process (so the benchmark's own event loop is not the one disturbed) that spins
 * until its own CPU time is `share` of the time since it started, then sleeps; more than one core's worth is split over several.
 * Its command line carries NOISE_MARK so the benchmarks' CPU accounting can leave it out of Limye's figures.
 */
export const NOISE_MARK = 'limye-bench-cpu-noise';

// Paced by its own CPU time, not by the wall clock: a burner that spins for half of every slice by Date.now()
// takes less than half a core when the machine is busy (it is descheduled mid-spin) and the timer's drift
// (0.42 core measured for 0.5 asked, on a quiet machine). It burns until its CPU time is `share` of the time
// since it started; a debt of more than 200 ms (a long stall) is forgiven rather than burnt in one go.
const BURNER = `
const share = Number(process.argv[1]); // node -e: argv[1] is the first argument
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let wall0 = Date.now();
let cpu0 = cpuMs();
setInterval(() => {
  for (;;) {
    const behind = share * (Date.now() - wall0) - (cpuMs() - cpu0);
    if (behind <= 0) break;
    if (behind > 200) { wall0 = Date.now(); cpu0 = cpuMs(); break; }
  }
}, 10);
process.on('disconnect', () => process.exit(0));
`;

export interface CpuNoise {
  /** Cores the burners were asked to take. */
  readonly cores: number;
  stop(): void;
}

export function startCpuNoise(cores: number): CpuNoise {
  if (!Number.isFinite(cores) || cores < 0 || cores > 16) throw new Error(`BENCH_NOISE must be a number of cores between 0 and 16, got ${cores}`);
  const children: ChildProcess[] = [];
  const burners = Math.ceil(cores);
  for (let i = 0; i < burners; i++) {
    const share = Math.min(1, cores - i);
    // An IPC channel: when the benchmark dies, however it dies, the burner sees 'disconnect' and ends too.
    children.push(spawn(process.execPath, ['-e', BURNER, String(share), NOISE_MARK], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }));
  }
  const stop = () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  };
  process.once('exit', stop);
  return { cores, stop };
}

/** BENCH_NOISE from the environment (0 = none). */
export function noiseFromEnv(): number {
  const raw = process.env.BENCH_NOISE ?? '0';
  const cores = Number(raw);
  if (!Number.isFinite(cores) || cores < 0) throw new Error(`BENCH_NOISE must be a number of cores (e.g. 0.5), got '${raw}'`);
  return cores;
}

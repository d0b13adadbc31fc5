import { register } from 'prom-client';
import { BacklogGauges } from './backlog-gauges';

const valueOf = async (name: string) => (await register.getSingleMetric(name)!.get()).values[0]?.value;

describe('BacklogGauges', () => {
  const gauges = new BacklogGauges({
    waiting: { name: 'limye_test_backlog_waiting', help: 'rows waiting' },
    oldestSeconds: { name: 'limye_test_backlog_oldest_seconds', help: 'age of the oldest' },
  });

  it('reads every gauge from one query per scrape, and nothing before a source is given', async () => {
    expect(await valueOf('limye_test_backlog_waiting')).toBe(0); // prom-client's initial value: nothing read
    let reads = 0;
    const source = async () => {
      reads++;
      return { waiting: 7, oldestSeconds: 42.5 };
    };
    gauges.readFrom(source);
    const text = await register.metrics();
    expect(text).toMatch(/^limye_test_backlog_waiting 7$/m);
    expect(text).toMatch(/^limye_test_backlog_oldest_seconds 42\.5$/m);
    expect(reads).toBe(1);
    gauges.release(source);
  });

  it('after release, or when the read fails, the gauges keep their last value and the scrape still succeeds', async () => {
    const failing = async (): Promise<{ waiting: number; oldestSeconds: number }> => {
      throw new Error('database away');
    };
    gauges.readFrom(failing);
    await expect(register.metrics()).resolves.toMatch(/^limye_test_backlog_waiting 7$/m);
    gauges.release(async () => ({ waiting: 0, oldestSeconds: 0 })); // not the current source: ignored
    gauges.release(failing);
    await expect(register.metrics()).resolves.toMatch(/^limye_test_backlog_waiting 7$/m);
  });
});

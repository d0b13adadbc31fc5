import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BacklogGauges } from '@limye/platform';

/** For an alert on UNMATCHED payments piling up (money in, no credit until someone fixes the registry). */
const gauges = new BacklogGauges({
  unmatched: { name: 'limye_payments_unmatched', help: 'Payments in UNMATCHED, waiting for a registry fix and a retry' },
  oldestSeconds: { name: 'limye_payments_unmatched_oldest_seconds', help: 'Seconds since the oldest UNMATCHED payment was received (0 when none)' },
});

/** Reads the gauges from payments (index payments_state_idx) while the service runs. */
@Injectable()
export class PaymentBacklogMetrics implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private readonly read = async () => {
    const [row] = await this.ds.query(
      `SELECT count(*)::int AS unmatched, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest_seconds
       FROM payments WHERE state = 'UNMATCHED'`,
    );
    return { unmatched: row.unmatched as number, oldestSeconds: row.oldest_seconds as number };
  };

  onApplicationBootstrap(): void {
    gauges.readFrom(this.read);
  }

  beforeApplicationShutdown(): void {
    gauges.release(this.read);
  }
}

import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BacklogGauges } from '@limye/platform';

/** For an alert on deliveries whose outcome the vendor has not told us for too long (UNKNOWN). */
const gauges = new BacklogGauges({
  unknown: { name: 'limye_meter_deliveries_unknown', help: 'Deliveries in UNKNOWN: the vendor has not said whether it credited them' },
  oldestSeconds: { name: 'limye_meter_deliveries_unknown_oldest_seconds', help: 'Seconds since the oldest UNKNOWN delivery was created (0 when none)' },
});

/** Reads the gauges from deliveries (index deliveries_status_created_idx) while the service runs. */
@Injectable()
export class DeliveryBacklogMetrics implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private readonly read = async () => {
    const [row] = await this.ds.query(
      `SELECT count(*)::int AS unknown, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest_seconds
       FROM deliveries WHERE status = 'UNKNOWN'`,
    );
    return { unknown: row.unknown as number, oldestSeconds: row.oldest_seconds as number };
  };

  onApplicationBootstrap(): void {
    gauges.readFrom(this.read);
  }

  beforeApplicationShutdown(): void {
    gauges.release(this.read);
  }
}

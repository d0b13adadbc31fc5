import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { JetStreamConnection } from '../nats/jetstream.connection';
import { PublicRoute } from '../auth/roles';

/** Liveness never looks at dependencies (a restart would not fix them); readiness checks database and NATS. */
@PublicRoute('probes (kubelet, the launcher) call it without a token')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly nats: JetStreamConnection,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 1500 }),
      async () => {
        const indicator = this.indicators.check('nats');
        return (await this.nats.ping(1500)) ? indicator.up() : indicator.down({ message: 'NATS not reachable' });
      },
    ]);
  }
}

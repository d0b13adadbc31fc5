import { Controller, Get } from '@nestjs/common';
import { PublicRoute } from '@limye/platform';

/** The sandbox keeps no database and no NATS connection, so live and ready are the same answer. */
@PublicRoute('probes call it without a token')
@Controller('health')
export class HealthController {
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  ready(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

import { Injectable, MiddlewareConsumer, Type } from '@nestjs/common';
import { FaultTarget } from '../faults/domain/fault-book';
import { FaultsService } from '../faults/faults.service';
import { RequestLogService } from '../requests/request-log.service';

/**
 * What every simulated vendor API gets on its routes, in a simulator module's `configure`: each request
 * is recorded (`GET /sandbox/requests`), then may be hit by its target's fault. Control routes
 * (`/sandbox/...`) are never mounted here, so they are neither recorded nor faulted.
 */
@Injectable()
export class VendorRoutes {
  constructor(
    private readonly requests: RequestLogService,
    private readonly faults: FaultsService,
  ) {}

  mount(consumer: MiddlewareConsumer, target: FaultTarget, ...controllers: Type<unknown>[]): void {
    consumer.apply(this.requests.middlewareFor(target), this.faults.middlewareFor(target)).forRoutes(...controllers);
  }
}

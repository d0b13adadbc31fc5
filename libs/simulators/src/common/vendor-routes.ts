import { Injectable, MiddlewareConsumer, Type } from '@nestjs/common';
import { FaultTarget } from '../faults/domain/fault-book';
import { FaultsService } from '../faults/faults.service';

/**
 * What every simulated vendor API gets on its routes, in a simulator module's `configure`: the faults of
 * its target. Control routes (`/sandbox/...`) are never mounted here, so they are never faulted.
 */
@Injectable()
export class VendorRoutes {
  constructor(private readonly faults: FaultsService) {}

  mount(consumer: MiddlewareConsumer, target: FaultTarget, ...controllers: Type<unknown>[]): void {
    consumer.apply(this.faults.middlewareFor(target)).forRoutes(...controllers);
  }
}

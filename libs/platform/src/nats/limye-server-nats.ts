import { NatsContext, NatsOptions, ServerNats } from '@nestjs/microservices';
import { Headers } from '@limye/contracts';
import { newCorrelationId, runWithCorrelationId, sanitizeCorrelationId } from '../correlation/correlation';

/**
 * Nest's NATS server, with every message handler run under the correlation id its message carried (or a new
 * one). Set here, once per message, rather than by a global Nest interceptor: a global interceptor puts every
 * HTTP request through Nest's interceptor pipeline too (rxjs, AsyncResource.bind), for nothing.
 */
export class LimyeServerNats extends ServerNats {
  constructor(options: Required<NatsOptions>['options']) {
    super(options);
    this.setOnProcessingStartHook((_transport, context, done) => runWithCorrelationId(correlationIdOf(context as NatsContext), done));
  }
}

function correlationIdOf(context: NatsContext | undefined): string {
  const incoming = typeof context?.getHeaders === 'function' ? context.getHeaders()?.get(Headers.correlationId) : undefined;
  return sanitizeCorrelationId(incoming) ?? newCorrelationId();
}

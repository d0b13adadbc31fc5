import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { Headers } from '@limye/contracts';
import { newCorrelationId, runWithCorrelationId, sanitizeCorrelationId } from '../correlation/correlation';

/** Runs each NATS handler under the correlation id its message carried (or a new one). */
@Injectable()
export class NatsCorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const ctx = context.switchToRpc().getContext<NatsContext>();
    const incoming = typeof ctx?.getHeaders === 'function' ? ctx.getHeaders()?.get(Headers.correlationId) : undefined;
    const id = sanitizeCorrelationId(incoming) ?? newCorrelationId();
    return new Observable((subscriber) =>
      runWithCorrelationId(id, () => next.handle().subscribe(subscriber)),
    );
  }
}

import { NatsContext, NatsOptions, ServerNats } from '@nestjs/microservices';
import { Headers } from '@limye/contracts';
import { newCorrelationId, runWithCorrelationId, sanitizeCorrelationId } from '../correlation/correlation';
import { sanitizeOrganisationId } from '../tenancy/organisation-context';

/**
 * Nest's NATS server, with every message handler run under the correlation id its message carried (or a new
 * one) and the organisation its `limye-organisation` header names (currentOrganisationId; none without it).
 * Set here, once per message, rather than by a global Nest interceptor: a global interceptor puts every HTTP request through Nest's interceptor pipeline too (rxjs, AsyncResource.bind), for nothing.
 */
export class LimyeServerNats extends ServerNats {
  constructor(options: Required<NatsOptions>['options']) {
    super(options);
    this.setOnProcessingStartHook((_transport, context, done) => {
      const headers = typeof (context as NatsContext)?.getHeaders === 'function' ? (context as NatsContext).getHeaders() : undefined;
      return runWithCorrelationId(
        sanitizeCorrelationId(headers?.get(Headers.correlationId)) ?? newCorrelationId(),
        done,
        sanitizeOrganisationId(headers?.get(Headers.organisationId)),
      );
    });
  }

  /**
   * Nest finds a message's handler by first JSON.parse-ing its subject (for object patterns); a plain subject
   * such as 'registry.v1.payer.resolve' is not JSON, so every message threw and caught a SyntaxError, stack
   * trace included. A subject that cannot parse to anything but itself is its own route, as Nest would make it.
   */
  protected override getRouteFromPattern(pattern: string): string {
    return JSON_LIKE.test(pattern) ? super.getRouteFromPattern(pattern) : pattern;
  }
}

/** What JSON.parse could turn into something other than the same string: objects, arrays, strings, numbers, literals. */
const JSON_LIKE = /^\s*([[{"\d-]|true\s*$|false\s*$|null\s*$)/;

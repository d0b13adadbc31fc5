import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { currentCorrelationId } from '../correlation/correlation';
import { REDACTED_KEYS } from './redact';

/**
 * Nest LoggerService writing one JSON object a line through pino, with the service name and the
 * current correlation id on every line, and secret-looking keys redacted wherever they appear.
 */
export class JsonLogger implements LoggerService {
  readonly pino: Logger;

  constructor(service: string, level = 'info', destination?: pino.DestinationStream) {
    const paths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers["${k}"]`]);
    this.pino = pino(
      {
        level,
        base: { service },
        messageKey: 'msg',
        timestamp: pino.stdTimeFunctions.isoTime,
        redact: { paths, censor: '[redacted]' },
        formatters: { level: (label) => ({ level: label }) },
        mixin: () => {
          const correlationId = currentCorrelationId();
          return correlationId ? { correlationId } : {};
        },
      },
      destination ?? pino.destination({ sync: false }),
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  flush(): void {
    this.pino.flush();
  }

  /** Nest calls log(message, context) and error(message, stack, context). */
  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const stack = level === 'error' && typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined;
    const obj: Record<string, unknown> = {};
    if (context) obj.context = context;
    if (stack) obj.stack = stack;
    if (message instanceof Error) {
      this.pino[level]({ ...obj, err: { message: message.message, stack: message.stack } }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      const { msg, ...fields } = message as Record<string, unknown>;
      this.pino[level]({ ...obj, ...fields }, typeof msg === 'string' ? msg : '');
    } else {
      this.pino[level](obj, String(message));
    }
  }
}
